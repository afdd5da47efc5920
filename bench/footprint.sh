#!/usr/bin/env bash
# Footprint: the core jar and every runtime dependency a host gets with it (what Maven resolves for
# cai-status-core at runtime scope), in bytes. Prints a markdown table; fails if the total is 700 KB or more.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/target/core-runtime
rm -rf "$OUT"
mvn -B -ntp -q -Dstyle.color=never -pl core -am package -DskipTests \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$PWD/$OUT"
cp core/target/cai-status-core-*.jar "$OUT/"
echo "| jar | bytes |"
echo "|---|---:|"
total=0
for jar in "$OUT"/*.jar; do
    size=$(stat -c %s "$jar")
    total=$((total + size))
    printf '| %s | %s |\n' "$(basename "$jar")" "$size"
done
printf '| **total** | **%s** (%s KiB, %s kB) |\n' "$total" "$((total / 1024))" "$((total / 1000))"
if [ "$total" -ge 700000 ]; then
    echo "footprint over 700 kB" >&2
    exit 1
fi
