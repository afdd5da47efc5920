#!/usr/bin/env bash
# Builds the benchmarks and runs every one of them in ONE JMH run with the allocation profiler (ns/op and
# B/op side by side), then measures footprint and start-up. Takes ~10 minutes on 2 cores; run it on an idle
# machine. Extra arguments go to JMH, e.g. `bench/run.sh GuardBenchmarks -f 1` for a quick look.
# Outputs: bench/target/jmh.txt (raw JMH output), bench/target/footprint.md, bench/target/startup.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -Dstyle.color=never -pl bench -am package -DskipTests
java -jar bench/target/benchmarks.jar -prof gc "$@" | tee bench/target/jmh.txt
bench/footprint.sh | tee bench/target/footprint.md
bench/startup.sh | tee bench/target/startup.md
