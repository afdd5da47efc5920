#!/usr/bin/env bash
# Start-up: time from JVM launch to the first guarded call answered by a fallback, no network; and the whole
# process's wall time (launch to exit). Median of RUNS runs (default 10) for each main; run after
# `mvn -B -ntp -q -pl bench -am package -DskipTests`. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/target/benchmarks.jar
RUNS=${RUNS:-10}
PKG=io.github.caistatus.bench.startup

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

measure() { # label, main class and arguments
    local label=$1; shift
    local answers=() totals=()
    java -cp "$JAR" "$@" >/dev/null # one unmeasured run: page cache and CDS archive warm for every variant alike
    for _ in $(seq "$RUNS"); do
        local start end out answered
        start=$(date +%s%N)
        out=$(java -cp "$JAR" "$@")
        end=$(date +%s%N)
        answered=$(grep '^answered-at-ns ' <<<"$out" | cut -d' ' -f2)
        answers+=($(( (answered - start) / 1000000 )))
        totals+=($(( (end - start) / 1000000 )))
    done
    local first
    first=$(head -1 <<<"$out")
    printf '| %s | %s | %s | `%s` |\n' "$label" \
        "$(printf '%s\n' "${answers[@]}" | median)" "$(printf '%s\n' "${totals[@]}" | median)" "$first"
}

echo "JDK: $(java -version 2>&1 | head -1); runs per row: $RUNS; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| main | launch → answer, median ms | launch → exit, median ms | what it printed |"
echo "|---|---:|---:|---|"
measure "bare JVM (prints, exits)" $PKG.BareMain
measure "resilience4j: default breaker, failing call, fallback" $PKG.Resilience4jMain
measure "resilience4j: breaker forced open, fallback" $PKG.Resilience4jMain open
measure "cai-status: instance, 3 probes at a refused loopback port, failing call, fallback" $PKG.GuardMain
measure "cai-status: instance, outage verdict (no HTTP probes), fallback" $PKG.GuardMain outage
