#!/usr/bin/env bash
# Runs the scraper against the offline demo shop: builds the jar if it is missing or stale, serves the shop on
# 127.0.0.1:8089, runs conf/demo.json and reports the records written. Extra arguments go to the scraper.
# Exit code: the scraper's, except that 1 (some URLs have error records) counts as success here, because the
# demo asks for a 404 page and a PNG on purpose.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT=8089
JAR=target/scraper.jar
OUT=out/demo.jsonl
LOG=target/demo-site.log
JAVA=${JAVA:-java}
site_pid=
scraper_pid=

if (: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "demo: port $PORT on 127.0.0.1 is busy (an earlier demo still running?);" \
    "stop whatever listens there and retry" >&2
  exit 1
fi

if [[ ! -f $JAR || -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
  echo "building $JAR ..."
  mvn -B -q -DskipTests package
fi

source scripts/lib/processes.sh # stop_pids: SIGTERM (graceful), then SIGKILL if still there after 10 s
trap 'stop_pids ${scraper_pid:-} ${site_pid:-}' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

answers() {
  if command -v curl >/dev/null; then
    curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" 2>/dev/null
  else
    (: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
  fi
}

"$JAVA" -cp "$JAR" dev.scraper.demo.DemoSite --port "$PORT" >"$LOG" 2>&1 &
site_pid=$!
for _ in $(seq 100); do # at most 10 s
  answers && grep -q '^demo site:' "$LOG" && break
  if ! kill -0 "$site_pid" 2>/dev/null; then
    echo "demo: the demo site stopped before answering:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.1
done
if ! answers; then
  echo "demo: the demo site did not answer on port $PORT within 10 s; its log is $LOG" >&2
  exit 1
fi
head -n 1 "$LOG"

rm -f "$OUT" # so the line count below is this run's
# In the background, so that a signal to this script is handled at once (the EXIT trap then stops both).
"$JAVA" -jar "$JAR" -conf conf/demo.json "$@" &
scraper_pid=$!
code=0
wait "$scraper_pid" || code=$?
scraper_pid=

if [[ -f $OUT ]]; then
  echo "records: $OUT ($(wc -l <"$OUT" | tr -d ' ') lines)"
fi
case $code in
  0) exit 0 ;;
  1) echo "note: the error records are intended (the demo asks for a 404 page and a PNG on purpose)"; exit 0 ;;
  *) exit "$code" ;;
esac
