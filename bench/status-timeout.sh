#!/usr/bin/env bash
# Times `cai-status status --timeout 2s` against a loopback server that accepts connections and never answers,
# from launch to the printed verdict (issue 8, point 8: the promise is within 3 s of launch).
#
#   bash bench/status-timeout.sh [runs]        (build first: mvn -B -ntp -pl examples -am package -DskipTests)
#
# Prints one line per run (launch -> exit, exit code) and the median; loopback only, nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAR=examples/target/cai-status.jar
[[ -f $JAR ]] || { echo "missing $JAR: mvn -B -ntp -pl examples -am package -DskipTests" >&2; exit 1; }

PORT_FILE=$(mktemp)
# a server that accepts and never answers: connections stay open, no byte is ever sent
python3 - "$PORT_FILE" <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(64)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
deadline = time.time() + 600
s.settimeout(1)
while time.time() < deadline:
    try:
        c, _ = s.accept(); held.append(c)
    except socket.timeout:
        pass
PY
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -f "$PORT_FILE"' EXIT
for _ in $(seq 50); do [[ -s $PORT_FILE ]] && break; sleep 0.1; done
PORT=$(cat "$PORT_FILE")
BASE="http://127.0.0.1:$PORT"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
verdicts=() exits=()
for i in $(seq "$RUNS"); do
  t0=$(date +%s%N)
  # the first line on stdout is the verdict: its arrival is stamped, then the rest is drained to the exit
  set +e
  java -jar "$JAR" status --timeout 2s --endpoint "$BASE/health" --status-page "$BASE/api/v2/summary.json" \
      --control "$BASE/" 2>/dev/null | {
    IFS= read -r first; echo "$(( ($(date +%s%N) - t0) / 1000000 )) $first" > "$PORT_FILE.run"; cat >/dev/null; }
  rc=${PIPESTATUS[0]}
  set -e
  e=$(( ($(date +%s%N) - t0) / 1000000 ))
  read -r v line < "$PORT_FILE.run"
  verdicts+=("$v"); exits+=("$e")
  echo "run $i: launch -> verdict ${v} ms, -> exit ${e} ms (exit code $rc): $line"
done
rm -f "$PORT_FILE.run"
echo "median launch -> verdict: $(printf '%s\n' "${verdicts[@]}" | median) ms, launch -> exit:" \
     "$(printf '%s\n' "${exits[@]}" | median) ms over $RUNS runs (promise: verdict within 3000 ms)"
