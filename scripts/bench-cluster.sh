#!/usr/bin/env bash
# Pages/s of one job on 1, 2 and 3 nodes of a cluster on this machine, at the same, modest concurrency per node,
# against a local site of many hosts whose pages answer after a delay (latency-bound, as crawling the web is):
# more nodes, more requests in flight, more pages/s. Each run: the workers ("jobs": []) start and join first, then
# the owner with the job (after a first, smaller job from another owner has warmed the workers up); the owner's
# summary gives the figure. Prints one line per node count and the ratios to one node. A run in a cluster pays
# about a second at its start (the owner has just joined: Hazelcast moves partitions to it, its JVM is cold), so
# the default job is long enough (3,600 URLs, over 30 s on 3 nodes) for that not to hide the rate.
#
#   scripts/bench-cluster.sh
#   HOSTS=60 PAGES=60 DELAY_MS=200 CONCURRENCY=8 NODES="1 2 3" scripts/bench-cluster.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

HOSTS=${HOSTS:-60}
PAGES=${PAGES:-60}
DELAY_MS=${DELAY_MS:-200}
CONCURRENCY=${CONCURRENCY:-8}
NODES=${NODES:-1 2 3}
JAR=target/scraper.jar
DIR=${BENCH_DIR:-target/bench-cluster}
JAVA=${JAVA:-java}
pids=()

if [[ ! -f $JAR || -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
  echo "building $JAR ..."
  mvn -B -q -DskipTests package
fi
jar=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

source scripts/lib/processes.sh
stop() { stop_pids "$@"; }
trap 'stop "${pids[@]}"' EXIT

# Waits (at most 120 s) until file $1 matches pattern $2.
wait_for() {
  for _ in $(seq 1200); do
    grep -qE "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench-cluster: gave up waiting for '$2' in $1" >&2
  tail -20 "$1" >&2 || true
  exit 1
}

rm -rf "$DIR"
mkdir -p "$DIR"
"$JAVA" -Xmx256m -cp "$JAR" dev.scraper.demo.HostFarm --hosts "$HOSTS" --pages "$PAGES" --delay-ms "$DELAY_MS" \
  --urls "$DIR/urls.txt" >"$DIR/site.log" 2>&1 &
site=$!
pids+=("$site")
wait_for "$DIR/site.log" "host farm:"
total=$(wc -l <"$DIR/urls.txt")
cat >"$DIR/job.json" <<EOF
{"jobs": [{"name": "bench", "urlsFile": "urls.txt", "concurrency": $CONCURRENCY, "perHost": 2,
  "extract": {"title": "h1"}, "output": {"path": "bench.jsonl"}}]}
EOF
# the warm-up job: another name (a job without a schedule runs once per cluster start) and a third of the URLs
head -n $(((total + 2) / 3)) "$DIR/urls.txt" >"$DIR/warm.txt"
sed -e 's/"name": "bench"/"name": "warmup"/' -e 's/urls.txt/warm.txt/' -e 's/bench.jsonl/warmup.jsonl/' \
  "$DIR/job.json" >"$DIR/warmup.json"
echo '{"jobs": []}' >"$DIR/worker.json"
echo "bench-cluster: $total URLs on $HOSTS hosts, $DELAY_MS ms a page, concurrency $CONCURRENCY per node"

declare -A rate
for n in $NODES; do
  run="$DIR/n$n"
  mkdir -p "$run"
  cp "$DIR/urls.txt" "$DIR/warm.txt" "$DIR/job.json" "$DIR/warmup.json" "$DIR/worker.json" "$run/"
  base=$((15701 + RANDOM % 2000))
  members=""
  for i in 0 1 2 3 4 5; do members+="<member>127.0.0.1:$((base + i))</member>"; done
  unzip -p "$JAR" cluster.xml \
    | sed -e "s#<cluster-name>scraper</cluster-name>#<cluster-name>scraper-bench-$$-$n</cluster-name>#" \
          -e "s#>5701</port>#>$base</port>#" \
    | perl -0pe "s#<member-list>.*</member-list>#<member-list>$members</member-list>#s" >"$run/cluster.xml"
  nodes=()
  for w in $(seq 2 "$n"); do
    (cd "$run" && exec "$JAVA" -Xmx256m -Dscraper.node.name="w$w" -Dscraper.outputDir="w$w" \
      -Dvertx.hazelcast.config=cluster.xml -jar "$jar" -conf worker.json -cluster) >"$run/w$w.log" 2>&1 &
    nodes+=($!)
    pids+=($!)
    wait_for "$run/w$w.log" "joined the cluster"
  done
  # a first owner warms the workers up (their JIT) with a third of the URLs under another job name, then the
  # measured one runs the job on warm workers
  for owner in warmup owner; do
    conf=job.json
    [[ $owner == warmup ]] && conf=warmup.json
    (cd "$run" && exec "$JAVA" -Xmx256m -Dscraper.node.name="$owner" -Dscraper.outputDir="$owner" \
      -Dvertx.hazelcast.config=cluster.xml -jar "$jar" -conf "$conf" -cluster) >"$run/$owner.log" 2>&1 &
    last=$!
    pids+=("$last")
    wait_for "$run/$owner.log" "pages/s\)"
    [[ $owner == warmup ]] && stop "$last"
  done
  nodes+=("$last")
  rate[$n]=$(sed -n 's/.*elapsed.*(\([0-9.]*\) pages\/s).*/\1/p' "$run/owner.log" | tail -1)
  records=$(grep -c '}$' "$run/owner/bench.jsonl" || true)
  echo "bench-cluster: $n node(s): ${rate[$n]} pages/s ($records records)"
  stop "${nodes[@]}"
done
first=${NODES%% *}
for n in $NODES; do
  awk -v n="$n" -v r="${rate[$n]}" -v one="${rate[$first]}" -v f="$first" \
    'BEGIN { printf "bench-cluster: %d node(s) / %d: x%.2f (%.2f of linear)\n", n, f, r / one, r / one / (n / f) }'
done
