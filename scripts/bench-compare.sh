#!/usr/bin/env bash
# Old jar against new jar, side by side in one run, so that the machine's noise hits both alike:
#   scripts/bench-compare.sh OLD.jar [NEW.jar]        # NEW defaults to target/scraper.jar
# Serves the project's demo shop on 127.0.0.1 (a separate JVM) and alternates the two jars, RUNS times each:
#   list:  N distinct pages as fast as possible (wall time, CPU, peak RSS), through scripts/scraper;
#   start: a 1-URL job of a fast local page, robots.txt on (wall time of the whole process).
# Prints every run, then the medians and new/old ratios (below 1.00 = the new jar is faster).
#   RUNS=5 N=10000 SCENARIOS="list start" scripts/bench-compare.sh /tmp/old.jar
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(readlink -f "${1:?usage: scripts/bench-compare.sh OLD.jar [NEW.jar]}")
new=$(readlink -f "${2:-target/scraper.jar}")
N=${N:-10000}
CONC=${CONC:-64}
RUNS=${RUNS:-5}
SCENARIOS=${SCENARIOS:-"list start"}
work=$(mktemp -d "${TMPDIR:-/tmp}/scraper-compare.XXXXXX")
site_pid=
cleanup() {
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# each jar in a directory of its own, so that each gets its own class-data archive next to it
mkdir -p "$work/old" "$work/new"
cp "$old" "$work/old/scraper.jar"
cp "$new" "$work/new/scraper.jar"

java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp "$work/new/scraper.jar" dev.scraper.demo.DemoSite \
  --port 0 > "$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 100); do grep -q 'demo site: ' "$work/site.log" && break; sleep 0.1; done
base=$(sed -n 's#^demo site: \(http://[^/]*\)/.*#\1#p' "$work/site.log")
[ -n "$base" ] || { echo "compare: the demo site did not start:"; cat "$work/site.log"; exit 1; }
seq 1 "$N" | sed "s#.*#$base/bench/&.html#" > "$work/list.txt"
echo "$base/bench/1.html" > "$work/one.txt"

conf() { # name urls-file robots
  cat > "$work/$1.json" <<JSON
{"quiet": true, "outputDir": "$work", "jobs": [{"name": "$1", "urlsFile": "$2", "concurrency": $CONC,
  "perHost": $CONC, "robotsTxt": $3, "extract": {"title": "h1.title", "price": "p.price",
  "rating": "span.rating-value"}, "output": {"path": "$1.jsonl"}}]}
JSON
}
conf list "$work/list.txt" false
conf start "$work/one.txt" true

measure() { # which scenario -> "wall cpu rssMB"
  SCRAPER_JAR="$work/$1/scraper.jar" /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    scripts/scraper -conf "$work/$2.json" > "$work/out" 2>&1 || true
  read -r wall user sys rss < "$work/time"
  awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN { printf "%.3f %.2f %d", w, u + s, r / 1024 }'
}

# first runs write each jar's start-up cache or class-data archive (with a JDK 25+, the first run records and the
# second builds the cache in the background: wait for it); they are not counted
for which in old new; do measure "$which" start > /dev/null; measure "$which" start > /dev/null; done
while compgen -G "$work/*/*.aot.lock" > /dev/null; do sleep 0.2; done
for which in old new; do measure "$which" start > /dev/null; measure "$which" list > /dev/null; done
for s in $SCENARIOS; do
  : > "$work/$s.old"; : > "$work/$s.new"
  for i in $(seq "$RUNS"); do
    for which in old new; do
      m=$(measure "$which" "$s")
      echo "$m" >> "$work/$s.$which"
      printf '%-5s run %d %-3s  wall %s s  cpu %s s  peak RSS %s MB\n' "$s" "$i" "$which" $m
    done
  done
done
echo "medians of $RUNS (N=$N, CONC=$CONC):"
for s in $SCENARIOS; do
  for which in old new; do
    sort -n "$work/$s.$which" | awk -v s="$s" -v w="$which" '{ a[NR] = $0 } END {
      split(a[int((NR + 1) / 2)], m, " "); printf "%-5s %-3s wall %.3f s  cpu %.2f s  rss %d MB\n", s, w, m[1], m[2], m[3] }'
  done | tee "$work/$s.med"
  awk 'NR == 1 { ow = $4; oc = $7 } NR == 2 { printf "%-5s new/old: wall x%.3f, cpu x%.3f\n", $1, $4 / ow, $7 / oc }' \
    "$work/$s.med"
done
