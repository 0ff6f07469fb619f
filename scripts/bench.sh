#!/usr/bin/env bash
# A self-contained benchmark: serves the project's own demo shop on 127.0.0.1 (a separate JVM), then scrapes
#   list: N distinct pages as fast as possible, and
#   slow: N_SLOW pages that each answer after DELAY_MS, at CONC in flight (floor = N_SLOW * DELAY_MS / CONC),
# and prints wall time, pages/s, latency percentiles, CPU and peak RSS of the scraper process, and the ratio to
# the floor. The server shares the machine, so compare figures only within one run of this script.
#   scripts/bench.sh                      # via scripts/scraper (the recommended launch)
#   LAUNCH=plain scripts/bench.sh         # bare java -jar target/scraper.jar
#   N=100000 SCENARIOS=list scripts/bench.sh
#   SCENARIOS="list listdata" scripts/bench.sh   # the list with and without dataDir (the cost of checkpointing)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
N_SLOW=${N_SLOW:-2000}
CONC=${CONC:-64}
DELAY_MS=${DELAY_MS:-50}
RUNS=${RUNS:-1}
SCENARIOS=${SCENARIOS:-"list slow"}
jar=target/scraper.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/scraper-bench.XXXXXX")
site_pid=
cleanup() {
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp "$jar" dev.scraper.demo.DemoSite --port 0 > "$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 100); do grep -q 'demo site: ' "$work/site.log" && break; sleep 0.1; done
base=$(sed -n 's#^demo site: \(http://[^/]*\)/.*#\1#p' "$work/site.log")
[ -n "$base" ] || { echo "bench: the demo site did not start:"; cat "$work/site.log"; exit 1; }
echo "site: $base (pid $site_pid), N=$N N_SLOW=$N_SLOW CONC=$CONC DELAY_MS=$DELAY_MS, launch: ${LAUNCH:-recommended}"
seq 1 "$N" | sed "s#.*#$base/bench/&.html#" > "$work/list.txt"
seq 1 "$N_SLOW" | sed "s#.*#$base/bench/&.html?delay=$DELAY_MS#" > "$work/slow.txt"
# warm the site's JIT so that the server is not what is measured
seq 1 2000 | sed "s#.*#$base/bench/&.html#" > "$work/warm.txt"

run() { # scenario urls-file [more top-level keys]
  cat > "$work/conf.json" <<JSON
{"quiet": true, "outputDir": "$work", ${3:-} "jobs": [{"name": "$1", "urlsFile": "$2", "concurrency": $CONC, "perHost": $CONC,
  "robotsTxt": false, "extract": {"title": "h1.title", "price": "p.price", "rating": "span.rating-value"},
  "output": {"path": "$1.jsonl"}}]}
JSON
  local launcher=(scripts/scraper)
  [ "${LAUNCH:-}" = plain ] && launcher=(java -jar "$jar")
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${launcher[@]}" -conf "$work/conf.json" > "$work/out" 2>&1 || true
  else
    local t0=$(date +%s.%N); "${launcher[@]}" -conf "$work/conf.json" > "$work/out" 2>&1 || true
    echo "$(echo "$(date +%s.%N) - $t0" | bc) 0 0 0" > "$work/time"
  fi
}
report() { # scenario pages floor-seconds
  read -r wall user sys rss < "$work/time"
  local lat; lat=$(sed -n 's/^latency *//p' "$work/out")
  local lines; lines=$(wc -l < "$work/$1.jsonl")
  awk -v s="$1" -v p="$2" -v w="$wall" -v u="$user" -v y="$sys" -v r="$rss" -v f="$3" -v l="$lat" -v n="$lines" 'BEGIN {
    printf "%-5s %7d pages %7d records %7.2f s wall %8.0f pages/s  cpu %6.2f s  peak RSS %4d MB  %s", s, p, n, w, p / w, u + y, r / 1024, l
    if (f > 0) printf "  floor %.2f s, x%.2f of floor", f, w / f
    printf "\n" }'
}
run warm "$work/warm.txt"
for i in $(seq "$RUNS"); do
  for s in $SCENARIOS; do
    case $s in
      list) run list "$work/list.txt"; report list "$N" 0 ;;
      listdata) run listdata "$work/list.txt" "\"dataDir\": \"$work/data\","; report listdata "$N" 0 ;;
      slow) run slow "$work/slow.txt"; report slow "$N_SLOW" "$(awk -v n="$N_SLOW" -v d="$DELAY_MS" -v c="$CONC" 'BEGIN{print n*d/1000/c}')" ;;
      *) echo "bench: unknown scenario $s"; exit 2 ;;
    esac
  done
done
