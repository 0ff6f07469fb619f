#!/usr/bin/env bash
# A big crawl with dataDir under a small heap: serves a generated tree of PAGES pages (made on the fly by the
# test route TreeRoute, each linking to 4 children, its parent and itself), crawls it from page 0 with
# -Xmx${HEAP}, and prints the live heap (jcmd GC.class_histogram: a full GC, then every object still reachable)
# at each checkpoint of records written, then the time, the rate and the size of dataDir.
#   scripts/bench-big-crawl.sh                          # 1,000,000 pages, 256m
#   PAGES=200000 AT="50000 100000 200000" scripts/bench-big-crawl.sh
#   DATA=0 scripts/bench-big-crawl.sh                   # the same crawl without dataDir, for comparison
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-1000000}
HEAP=${HEAP:-256m}
AT=${AT:-"100000 250000 500000 750000 1000000"}
PORT=${PORT:-18940}
DATA=${DATA:-1}
mvn -B -q -o -DskipTests package
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
work=$(mktemp -d "${TMPDIR:-/tmp}/scraper-big.XXXXXX")
site_pid=
run_pid=
cleanup() {
  [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null || true
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.scraper.testing.TreeSiteMain "$PAGES" "$PORT" > "$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 100); do grep -q serving "$work/site.log" && break; sleep 0.1; done
cat > "$work/conf.json" <<JSON
{"quiet": true, "outputDir": "$work", $([ "$DATA" = 1 ] && echo "\"dataDir\": \"$work/data\",") "jobs": [{"name": "tree",
  "urls": ["http://127.0.0.1:$PORT/tree/0"], "robotsTxt": false, "concurrency": 32, "perHost": 32,
  "follow": {"links": "a.next", "maxDepth": 100, "maxPages": 100000000, "maxPagesPerHost": 100000000},
  "extract": {"title": "h1"}, "output": {"path": "tree.jsonl"}}]}
JSON
start=$(date +%s)
java -Xmx"$HEAP" -jar target/scraper.jar -conf "$work/conf.json" > "$work/out" 2>&1 &
run_pid=$!
for n in $AT; do
  while kill -0 "$run_pid" 2>/dev/null && [ "$(cat "$work/tree.jsonl" 2>/dev/null | wc -l)" -lt "$n" ]; do sleep 1; done
  kill -0 "$run_pid" 2>/dev/null || break
  live=$(jcmd "$run_pid" GC.class_histogram | awk '/^Total/ {printf "%.1f MB", $3 / 1048576}')
  echo "$(wc -l < "$work/tree.jsonl") records, $(( $(date +%s) - start )) s: live heap after full GC: $live," \
    "dataDir $(du -sh "$work/data" 2>/dev/null | cut -f1)"
done
wait "$run_pid" || true
run_pid=
grep -E 'URLs|links|elapsed' "$work/out"
echo "records: $(wc -l < "$work/tree.jsonl"), distinct: $(cut -d'"' -f12 "$work/tree.jsonl" | sort -u | wc -l)," \
  "output $(du -h "$work/tree.jsonl" | cut -f1), dataDir $(du -sh "$work/data" 2>/dev/null | cut -f1)"
