#!/usr/bin/env bash
# Start-up: time from JVM launch to the first guarded call answered by a fallback, no network; and the whole
# process's wall time (launch to exit). Median of RUNS runs (default 10) for each main; the mains take turns
# run by run, so that a machine whose load changes meanwhile weighs on every row alike. Run after
# `mvn -B -ntp -q -pl bench -am package -DskipTests`. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/target/benchmarks.jar
RUNS=${RUNS:-10}
PKG=io.github.caistatus.bench.startup

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

LABELS=("bare JVM (prints, exits)"
        "resilience4j: default breaker, failing call, fallback"
        "resilience4j: breaker forced open, fallback"
        "cai-status: instance, 3 probes at a refused loopback port, failing call, fallback"
        "cai-status: instance, outage verdict (no HTTP probes), fallback")
MAINS=("$PKG.BareMain" "$PKG.Resilience4jMain" "$PKG.Resilience4jMain open" "$PKG.GuardMain" "$PKG.GuardMain outage")
declare -a ANSWERS TOTALS FIRST
for i in "${!MAINS[@]}"; do
    java -cp "$JAR" ${MAINS[$i]} >/dev/null # one unmeasured run: page cache and CDS archive warm for every main alike
    ANSWERS[$i]=""
    TOTALS[$i]=""
done
for _ in $(seq "$RUNS"); do
    for i in "${!MAINS[@]}"; do
        start=$(date +%s%N)
        out=$(java -cp "$JAR" ${MAINS[$i]})
        end=$(date +%s%N)
        answered=$(grep '^answered-at-ns ' <<<"$out" | cut -d' ' -f2)
        ANSWERS[$i]+="$(( (answered - start) / 1000000 ))"$'\n'
        TOTALS[$i]+="$(( (end - start) / 1000000 ))"$'\n'
        FIRST[$i]=$(head -1 <<<"$out")
    done
done

echo "JDK: $(java -version 2>&1 | head -1); runs per row: $RUNS, the mains taking turns; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| main | launch → answer, median ms | launch → exit, median ms | what it printed |"
echo "|---|---:|---:|---|"
for i in "${!MAINS[@]}"; do
    printf '| %s | %s | %s | `%s` |\n' "${LABELS[$i]}" "$(printf '%s' "${ANSWERS[$i]}" | median)" \
        "$(printf '%s' "${TOTALS[$i]}" | median)" "${FIRST[$i]}"
done
