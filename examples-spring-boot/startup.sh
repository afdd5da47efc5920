#!/usr/bin/env bash
# The start-up time cai-status-spring-boot-starter adds to a Boot 4 web app with Actuator and Prometheus: the
# same app (StartupApp) with and without the starter on its class path, taking turns run by run; median of RUNS
# (default 10) of "JVM start -> context started". The starter's probes are off (no network). Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
mvn -B -ntp -q -pl examples-spring-boot -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
    -Dmdep.includeScope=runtime >/dev/null
CP_WITH="examples-spring-boot/target/classes:$(cat examples-spring-boot/target/cp.txt)"
# without: the starter (and the cai-status jars it brings) off the class path
CP_WITHOUT=$(tr ':' '\n' <<<"$CP_WITH" | grep -vE 'spring-boot-starter/target|micrometer/target|core/target|api/target|cai-status-' | paste -sd:)
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }
run() {
    java -cp "$1" -Dcai.status.endpoint=none -Dcai.status.status-page=none -Dcai.status.control=none \
        io.github.caistatus.examples.spring.startup.StartupApp --server.port=0 --spring.main.banner-mode=off \
        --logging.level.root=warn | grep '^started-ms'
}
run "$CP_WITH" >/dev/null; run "$CP_WITHOUT" >/dev/null # warm the page cache alike
WITH=""; WITHOUT=""
for _ in $(seq "$RUNS"); do
    out=$(run "$CP_WITH"); grep -q 'starter true' <<<"$out" || { echo "starter missing: $out"; exit 1; }
    WITH+="$(cut -d' ' -f2 <<<"$out")"$'\n'
    out=$(run "$CP_WITHOUT"); grep -q 'starter false' <<<"$out" || { echo "starter present: $out"; exit 1; }
    WITHOUT+="$(cut -d' ' -f2 <<<"$out")"$'\n'
done
w=$(median <<<"$WITH"); wo=$(median <<<"$WITHOUT")
echo "JDK: $(java -version 2>&1 | head -1); runs per row: $RUNS, taking turns; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| app | JVM start -> context started, median ms |"
echo "|---|---:|"
echo "| Boot 4 web + Actuator + Prometheus | $wo |"
echo "| the same + cai-status-spring-boot-starter | $w |"
echo "| added by the starter | $(awk "BEGIN {print $w - $wo}") |"
