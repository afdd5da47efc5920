#!/usr/bin/env bash
# The outage-onset harness (issue 13): onset and recovery for a hang, a fast 500 and refused connections, with 1
# instance, 20 without Redis, 20 with Redis and plain resilience4j breakers side by side; then probe requests per
# interval for 1, 20 and 100 instances with and without Redis. About 4 minutes; loopback only; needs redis-server.
#
#   bash bench/onset.sh [-Donset.outage=40 -Donset.recovery=25 ...]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x /usr/bin/redis-server ]] || { echo "needs /usr/bin/redis-server (apt-get install redis-server)" >&2; exit 1; }
mvn -B -ntp -q -pl bench -am package -DskipTests
exec java -Xss512k "$@" -cp bench/target/benchmarks.jar io.github.caistatus.bench.onset.OnsetHarness
