#!/usr/bin/env bash
# A soak of the long-running process: one job of N=200 URLs (the demo shop, on 127.0.0.1) scheduled every second
# under the management API, RUNS=300 runs. Prints RSS, threads and CPU at run 10 and at the last run, the CPU a run
# costs, the heap kept after major GCs and open files (from /metrics' jvm_* and process_*
# series), the CPU the idle process uses between runs (with the job's schedule
# removed), and checks /metrics with a real Prometheus text parser (python3-prometheus-client; Debian: apt-get install python3-prometheus-client).
#   scripts/soak.sh                 # 300 runs, ~5 min
#   RUNS=30 N=1000 scripts/soak.sh  # shorter, bigger runs
#   PROBE=1 N=1000 EVERY=30s RUNS=4 scripts/soak.sh   # a status probe: no extract, followRedirects false
# Exit code 0 when every run happened, RSS and threads stayed flat, /metrics parsed and SIGTERM ended the process
# with 0; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200}
RUNS=${RUNS:-300}
IDLE_S=${IDLE_S:-10}
EVERY=${EVERY:-1s}
if [ -n "${PROBE:-}" ]; then
  what='"followRedirects": false'
else
  what='"extract": {"title": "h1", "price": ".price_color"}'
fi
jar=${SCRAPER_JAR:-target/scraper.jar}
export SCRAPER_JAR=$jar
# a small heap, so that major collections happen and what the process keeps shows (a leak would end in an error)
export SCRAPER_HEAP=${SCRAPER_HEAP:-64m}
[ -f "$jar" ] || mvn -B -q -DskipTests package
py=
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$candidate" -c 'import prometheus_client' 2>/dev/null; then py=$candidate; break; fi
done
[ -n "$py" ] || { echo "soak: python3-prometheus-client is needed to parse /metrics"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/scraper-soak.XXXXXX")
site_pid=
pid=
cleanup() {
  local rc=$?
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$site_pid" ]; then kill "$site_pid" 2>/dev/null; wait "$site_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
java -XX:+UseSerialGC -Xmx256m -cp "$jar" dev.scraper.demo.DemoSite --port 0 > "$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 100); do grep -q 'demo site: ' "$work/site.log" && break; sleep 0.1; done
base=$(sed -n 's#^demo site: \(http://[^/]*\)/.*#\1#p' "$work/site.log")
[ -n "$base" ] || { echo "soak: the demo site did not start"; cat "$work/site.log"; exit 1; }
seq 1 "$N" | sed "s#.*#$base/bench/&.html#" > "$work/urls.txt"
cat > "$work/soak.json" <<JSON
{"outputDir": "$work", "dataDir": "$work/data", "http": {"port": 0},
 "jobs": [{"name": "soak", "urlsFile": "$work/urls.txt", "schedule": {"every": "$EVERY"},
           $what,
           "output": {"path": "soak-{run}.jsonl", "keepRuns": 3}}]}
JSON
scripts/scraper -Dscraper.logFormat=json -conf "$work/soak.json" > "$work/out.log" 2> "$work/err.log" &
pid=$!
for _ in $(seq 300); do grep -q 'management API on' "$work/err.log" "$work/out.log" 2>/dev/null && break; sleep 0.1; done
api=$(grep -ho 'management API on http://[0-9.:]*' "$work/err.log" "$work/out.log" | head -1 | sed 's#.* on ##')
[ -n "$api" ] || { echo "soak: the API did not start"; cat "$work/err.log"; exit 1; }
# the JVM's process: scripts/scraper execs java, so $pid is it
runs() { grep -hc ' URLs, ' "$work/err.log" "$work/out.log" | paste -sd+ | bc; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$pid/status"; }
hz=$(getconf CLK_TCK)
metric() { # name [label filter]: the sum of a /metrics series' samples
  curl -fsS "$api/metrics" | awk -v n="$1" -v f="${2:-}" \
    '(index($0, n "{") == 1 || $1 == n) && index($0, f) { s += $NF } END { printf "%.0f", s }'
}
kept_mb() { # the old generation after the last major GC (0 before the first): what the process keeps
  echo "scale=1; $(metric jvm_gc_live_data_size_bytes) / 1048576" | bc
}
heap_mb() { echo "scale=1; $(metric jvm_memory_used_bytes 'area="heap"') / 1048576" | bc; }
every_s=$(echo "$EVERY" | sed 's/s$//; s/\([0-9]*\)m$/\1*60/; s/\([0-9]*\)h$/\1*3600/' | bc)
wait_runs() { # n: waits for n runs, at most 3 slots a run
  local deadline=$((SECONDS + 3 * every_s * $1 + 30))
  while [ "$(runs)" -lt "$1" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "soak: the process ended"; cat "$work/err.log"; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "soak: only $(runs) of $1 runs in time"; exit 1; }
    sleep 0.2
  done
}
first=$(( RUNS >= 20 ? 10 : 2 ))   # the first sample: after the start-up's allocations
wait_runs "$first"
r10=$(rss_kb); t10=$(threads); c10=$(ticks); s10=$SECONDS; l10=$(kept_mb); h10=$(heap_mb); f10=$(metric process_files_open_files)
rss_at=""
kept_first=""   # the kept heap at the first checkpoint that saw a major GC
rss_mid=""
for at in 50 100 150 200 250; do
  if [ "$at" -lt "$RUNS" ]; then
    wait_runs "$at"
    k=$(kept_mb); rss_mid=$(rss_kb)
    rss_at="$rss_at, run $at $((rss_mid / 1024)) MB RSS $k MB kept"
    [ -n "$kept_first" ] || [ "$k" = "0" ] || kept_first=$k
  fi
done
wait_runs "$RUNS"
rN=$(rss_kb); tN=$(threads); cN=$(ticks); sN=$SECONDS; lN=$(kept_mb); hN=$(heap_mb); fN=$(metric process_files_open_files)
curl -fsS "$api/metrics" > "$work/metrics.txt"
curl -fsS -X DELETE "$api/jobs/soak" > /dev/null   # no more runs: what does the idle process cost?
sleep 2                                             # the run under way, if any, ends
ci0=$(ticks); sleep "$IDLE_S"; ci1=$(ticks)
"$py" - "$work/metrics.txt" "$N" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
families = list(text_string_to_metric_families(open(sys.argv[1]).read()))
samples = {(s.name, tuple(sorted(s.labels.items()))): s.value for f in families for s in f.samples}
pages = sum(v for (n, _), v in samples.items() if n == "scraper_pages_total")
hosts = {dict(l).get("host") for (n, l) in samples if n == "scraper_requests_total"}
buckets = [k for k in samples if k[0] == "scraper_request_latency_seconds_bucket"]
print(f"/metrics: {len(families)} families, {len(samples)} samples parsed by prometheus_client;"
      f" scraper_pages_total {pages:.0f}, host labels {sorted(hosts)}, {len(buckets)} latency buckets")
PY
kill -TERM "$pid"; code=0; wait "$pid" || code=$?; pid=
runs_done=$(runs)
per_run=$(echo "scale=1; ($cN - $c10) * 1000 / $hz / ($RUNS - $first)" | bc)
idle=$(echo "scale=2; ($ci1 - $ci0) * 100 / $hz / $IDLE_S" | bc)
echo "runs: $runs_done of $N URLs each, every $EVERY, heap -Xmx$SCRAPER_HEAP (SIGTERM exit code $code)"
echo "run $first:   RSS $((r10 / 1024)) MB, $t10 threads, $f10 open files, heap used $h10 MB, kept after the last major GC $l10 MB"
echo "run $RUNS:  RSS $((rN / 1024)) MB, $tN threads, $fN open files, heap used $hN MB, kept after the last major GC $lN MB ($((sN - s10)) s later)"
[ -z "$rss_at" ] || echo "on the way${rss_at}"
echo "CPU: $per_run ms a run ($N URLs); idle between runs $idle% of a core over ${IDLE_S} s"
ok=1
[ "$code" -eq 0 ] || ok=0
[ "$RUNS" -lt 20 ] || [ "$tN" -le $((t10 + 4)) ] || { echo "soak: threads grew"; ok=0; }
# the heap may grow to its working size (-Xms32m); what is kept must not grow with the runs
if [ -n "$kept_first" ]; then
  awk -v a="$kept_first" -v b="$lN" 'BEGIN { exit !(b <= a * 1.5 + 4) }' || { echo "soak: the kept heap grew"; ok=0; }
fi
if [ -n "$rss_mid" ]; then   # RSS grows while the heap and the JIT's code reach their working size, then stays
  [ "$rN" -le $((rss_mid * 11 / 10 + 16384)) ] || { echo "soak: RSS still grew at the end"; ok=0; }
fi
[ "$fN" -le $((f10 + 8)) ] || { echo "soak: open files grew"; ok=0; }
[ $ok -eq 1 ]
