#!/usr/bin/env bash
# The cluster on one machine, and what happens when nodes die: serves a many-host local site whose pages answer
# after a delay (dev.scraper.demo.HostFarm), starts two worker nodes ("jobs": []) and then the owner node with the
# job, all with -cluster on 127.0.0.1; kills one worker with SIGKILL mid-run, then the run's owner; one of the
# survivors takes the run over from its checkpoint and finishes it. Then it checks that every URL has exactly one
# record across the owner's and its successor's outputs, and prints the per-node counts and the check.
#
#   scripts/cluster-demo.sh            # 24 hosts x 25 pages, 300 ms a page
#   HOSTS=40 PAGES=50 DELAY_MS=200 scripts/cluster-demo.sh
#   DATADIR=1 scripts/cluster-demo.sh  # the nodes share a dataDir (as on shared storage): the run goes on from it
#
# Exit code 0 when the check passes. Everything it starts is stopped on exit; its files stay in target/cluster-demo.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

HOSTS=${HOSTS:-24}
PAGES=${PAGES:-25}
DELAY_MS=${DELAY_MS:-300}
CONCURRENCY=${CONCURRENCY:-6}
KILL_WORKER_AT=${KILL_WORKER_AT:-0.2} # share of the URLs written when the worker is killed
KILL_OWNER_AT=${KILL_OWNER_AT:-0.5}   # ... and when the owner is
DEADLINE_S=${DEADLINE_S:-240}
DATADIR=${DATADIR:-0}
JAR=target/scraper.jar
DIR=${DEMO_DIR:-target/cluster-demo}
JAVA=${JAVA:-java}
pids=()

if [[ ! -f $JAR || -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
  echo "building $JAR ..."
  mvn -B -q -DskipTests package
fi

source scripts/lib/processes.sh
stop_all() { stop_pids "${pids[@]}"; }
trap stop_all EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
started=$(now)
overdue() { [[ $(elapsed "$started" "$(now)" | cut -d. -f1) -ge $DEADLINE_S ]]; }

# Waits until file $1 matches pattern $2 (grep -E), or the deadline passes (then fails, showing $3's log).
wait_for() {
  until grep -qE "$2" "$1" 2>/dev/null; do
    if overdue; then
      echo "cluster-demo: gave up waiting for '$2' in $1" >&2
      tail -20 "$1" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
}

# Complete records (a line cut short by a kill is not one) in the files given.
records() { cat "$@" 2>/dev/null | grep -c '}$' || true; }

# Waits until the outputs hold at least $1 records.
wait_records() {
  until [[ $(records "$DIR"/a/farm.jsonl "$DIR"/b/farm.jsonl "$DIR"/c/farm.jsonl) -ge $1 ]]; do
    if overdue; then
      echo "cluster-demo: gave up waiting for $1 records" >&2
      exit 1
    fi
    sleep 0.1
  done
}

rm -rf "$DIR"
mkdir -p "$DIR"/a "$DIR"/b "$DIR"/c
jar=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

# A cluster of the demo's own: its own name and ports, so that it never meets other nodes of this machine.
base=$((15701 + RANDOM % 2000))
members=""
for i in 0 1 2 3 4 5; do members+="<member>127.0.0.1:$((base + i))</member>"; done
unzip -p "$JAR" cluster.xml \
  | sed -e "s#<cluster-name>scraper</cluster-name>#<cluster-name>scraper-demo-$$</cluster-name>#" \
        -e "s#>5701</port>#>$base</port>#" \
  | perl -0pe "s#<member-list>.*</member-list>#<member-list>$members</member-list>#s" >"$DIR/cluster.xml"

"$JAVA" -Xmx256m -cp "$JAR" dev.scraper.demo.HostFarm --hosts "$HOSTS" --pages "$PAGES" --delay-ms "$DELAY_MS" \
  --urls "$DIR/urls.txt" >"$DIR/site.log" 2>&1 &
pids+=($!)
wait_for "$DIR/site.log" "host farm:"
total=$(wc -l <"$DIR/urls.txt")

data=""
[[ $DATADIR == 1 ]] && data='"dataDir": "state", '
cat >"$DIR/farm.json" <<EOF
{${data}"jobs": [{"name": "farm", "urlsFile": "urls.txt", "concurrency": $CONCURRENCY, "perHost": 2,
  "extract": {"title": "h1"}, "output": {"path": "farm.jsonl"}}]}
EOF
echo "{${data}\"jobs\": []}" >"$DIR/worker.json"

# node NAME CONF: a node of the demo's cluster, its output under $DIR/NAME, its log in $DIR/NAME.log
node() {
  (cd "$DIR" && exec "$JAVA" -Xmx256m -Dscraper.node.name="$1" -Dscraper.outputDir="$1" \
    -Dvertx.hazelcast.config=cluster.xml -jar "$jar" -conf "$2" -cluster) >"$DIR/$1.log" 2>&1 &
  pids+=($!)
  echo $! >"$DIR/$1.pid"
}

echo "cluster-demo: $total URLs on $HOSTS hosts, $DELAY_MS ms a page; 3 nodes, concurrency $CONCURRENCY each"
node b worker.json
wait_for "$DIR/b.log" "joined the cluster"
node c worker.json
wait_for "$DIR/c.log" "joined the cluster"
node a farm.json
wait_for "$DIR/a.log" "joined the cluster"

wait_records "$(awk -v t="$total" -v s="$KILL_WORKER_AT" 'BEGIN { print int(t * s) }')"
killed_worker=$(now)
kill -9 "$(cat "$DIR/c.pid")"
wait "$(cat "$DIR/c.pid")" 2>/dev/null || true
echo "cluster-demo: killed worker c (SIGKILL) with $(records "$DIR"/a/farm.jsonl) records written"
wait_for "$DIR/a.log" "left the cluster"
worker_pickup=$(elapsed "$killed_worker" "$(now)")

wait_records "$(awk -v t="$total" -v s="$KILL_OWNER_AT" 'BEGIN { print int(t * s) }')"
killed_owner=$(now)
kill -9 "$(cat "$DIR/a.pid")"
wait "$(cat "$DIR/a.pid")" 2>/dev/null || true
echo "cluster-demo: killed owner a (SIGKILL) with $(records "$DIR"/a/farm.jsonl) records written"
wait_for "$DIR/b.log" "takes over its run"
owner_pickup=$(elapsed "$killed_owner" "$(now)")
wait_for "$DIR/b.log" "ended: [0-9]+ records"

a=$(records "$DIR"/a/farm.jsonl)
b=$(records "$DIR"/b/farm.jsonl)
outputs=()
for f in "$DIR"/a/farm.jsonl "$DIR"/b/farm.jsonl; do [[ -f $f ]] && outputs+=("$f"); done
grep -h '}$' "${outputs[@]}" | grep -o '"url":"[^"]*"' | sed 's/^"url":"//; s/"$//' | sort >"$DIR/recorded.txt"
dupes=$(uniq -d "$DIR/recorded.txt" | wc -l)
missing=$(sort "$DIR/urls.txt" | comm -23 - <(sort -u "$DIR/recorded.txt") | wc -l)
runs=$(grep -h '}$' "${outputs[@]}" | grep -o '"run":"[^"]*"' | sort -u | wc -l)

if [[ $DATADIR == 1 ]]; then
  echo "cluster-demo: node a (owner, killed) and node b (took the run over from the shared dataDir) wrote $a" \
    "records to a/farm.jsonl"
else
  echo "cluster-demo: node a (owner, killed) wrote $a records; node b (took the run over) wrote $b"
fi
sed -n 's/^scraper: .*(taken over from a) ended: .*fetched by \(.*\)$/cluster-demo: after the takeover, URLs fetched by \1/p' \
  "$DIR/b.log"
echo "cluster-demo: worker c's URLs went to the others ${worker_pickup} s after its SIGKILL;" \
  "node b took the run over ${owner_pickup} s after the owner's"
if [[ $dupes -eq 0 && $missing -eq 0 && $((a + b)) -eq $total && $runs -eq 1 ]]; then
  echo "cluster-demo: check ok: $total URLs, $total records, one run id, no URL twice, none missing"
else
  echo "cluster-demo: check FAILED: $total URLs, $((a + b)) records, $runs run ids, $dupes URLs twice," \
    "$missing missing" >&2
  exit 1
fi
