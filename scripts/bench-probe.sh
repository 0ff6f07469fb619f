#!/usr/bin/env bash
# Our per-URL timings against curl's for the same URLs of a warm local server (the project's demo shop):
#   scripts/bench-probe.sh            # N=20 URLs, one at a time, each with a 5 ms server delay
# curl opens a fresh connection per URL; the scraper keeps its connection alive, so its connectMs is null after the
# first URL and its latencyMs (request sent to last byte) compares with curl's time_total - time_connect.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20}
DELAY_MS=${DELAY_MS:-5}
jar=target/scraper.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
command -v curl > /dev/null || { echo "bench-probe: curl is needed"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/scraper-probe.XXXXXX")
site_pid=
cleanup() {
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp "$jar" dev.scraper.demo.DemoSite --port 0 \
  > "$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 100); do grep -q 'demo site: ' "$work/site.log" && break; sleep 0.1; done
base=$(sed -n 's#^demo site: \(http://[^/]*\)/.*#\1#p' "$work/site.log")
[ -n "$base" ] || { echo "bench-probe: the demo site did not start"; cat "$work/site.log"; exit 1; }
seq 1 "$N" | sed "s#.*#$base/bench/&.html?delay=$DELAY_MS#" > "$work/urls.txt"
seq 1 2000 | sed "s#.*#$base/bench/&.html#" > "$work/warm.txt"
conf() { # name urls
  cat > "$work/$1.json" <<JSON
{"quiet": true, "outputDir": "$work", "jobs": [{"name": "$1", "urlsFile": "$2", "concurrency": 1, "perHost": 1,
  "robotsTxt": false, "output": {"path": "$1.jsonl"}}]}
JSON
}
conf warm "$work/warm.txt"
conf probe "$work/urls.txt"
scripts/scraper -conf "$work/warm.json" > /dev/null 2>&1 || true   # the server's JIT, not ours, is warmed
while read -r url; do
  curl -s -o /dev/null -w '%{time_connect} %{time_starttransfer} %{time_total}\n' "$url"
done < "$work/urls.txt" > "$work/curl.txt"
scripts/scraper -conf "$work/probe.json" > /dev/null 2>&1 || true
python3 - "$work/curl.txt" "$work/probe.jsonl" <<'PY'
import json, statistics, sys
curl = [list(map(float, l.split())) for l in open(sys.argv[1])]
ours = [json.loads(l) for l in open(sys.argv[2])]
ms = lambda v: v * 1000
med = lambda xs: statistics.median(xs) if xs else float('nan')
print(f"{len(curl)} URLs, one at a time; medians in ms (the first URL of each tool left out: cold connection)")
print(f"curl     connect {med([ms(c[0]) for c in curl[1:]]):6.2f}  ttfb {med([ms(c[1]) for c in curl[1:]]):6.2f}"
      f"  total {med([ms(c[2]) for c in curl[1:]]):6.2f}  total-connect {med([ms(c[2]-c[0]) for c in curl[1:]]):6.2f}")
t = [r["timings"] for r in ours[1:]]
print(f"scraper  connect {'reused' if all(x['connectMs'] is None for x in t) else med([x['connectMs'] or 0 for x in t]):>6}"
      f"  ttfb {med([x['ttfbMs'] for x in t]):6.2f}  latencyMs {med([r['latencyMs'] for r in ours[1:]]):6.2f}"
      f"  queued {med([x['queuedMs'] for x in t]):6.2f}")
first = ours[0]["timings"]
print(f"first URL: curl connect {ms(curl[0][0]):.2f} total {ms(curl[0][2]):.2f};"
      f" scraper connectMs {first['connectMs']} ttfbMs {first['ttfbMs']} latencyMs {ours[0]['latencyMs']}")
PY
