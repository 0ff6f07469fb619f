#!/usr/bin/env bash
# Start-up side by side: how soon a small job's first request leaves and how long the whole run takes, for a
# seed-style aiohttp script (asyncio + aiohttp: fetch N URLs concurrently, print each status) and for
# scripts/scraper given the same URLs (the quick form, robots.txt on as by default), run alternately, RUNS times each.
# Serves a local site of small pages on 127.0.0.1 (a Python process that logs when each request arrives), prints
# every run, then the medians and our/aiohttp ratios.
#   scripts/bench-start.sh                    # N=5 URLs, RUNS=7
#   N=1 RUNS=11 scripts/bench-start.sh
#   PLAIN=1 scripts/bench-start.sh            # also bare java -jar target/scraper.jar (the JVM's defaults)
# Needs python3 with aiohttp (Debian: apt-get install python3-aiohttp).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5}
RUNS=${RUNS:-7}
jar=target/scraper.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
py=
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" > /dev/null && "$candidate" -c 'import aiohttp' 2> /dev/null; then
    py=$("$candidate" -c 'import sys; print(sys.executable)') # past any version-manager shim
    break
  fi
done
[ -n "$py" ] || { echo "bench-start: no python3 with aiohttp; install it (apt-get install python3-aiohttp)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/scraper-start.XXXXXX")
site_pid=
cleanup() {
  [ -n "$site_pid" ] && kill "$site_pid" 2> /dev/null && wait "$site_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/site.py" <<'PY'
# A local site: /page/N.html is a small product page, anything else 404 (robots.txt too: everything allowed).
# Each request's arrival time goes to the log named on the command line.
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
log = open(sys.argv[1], "a", buffering=1)
class Page(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        log.write("%.6f %s\n" % (time.time(), self.path))
        if self.path.startswith("/page/"):
            n = self.path[6:].split(".")[0]
            body = ("<!doctype html><html><head><meta charset=utf-8><title>Product %s</title></head><body>"
                    "<h1 class=title>Product %s</h1><p class=price>$%s.99</p></body></html>" % (n, n, n)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"not found"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
print("site: http://127.0.0.1:%d/" % server.server_address[1], flush=True)
server.serve_forever()
PY
cat > "$work/probe.py" <<'PY'
# The seed-style script: fetch every URL given concurrently and print its status.
import asyncio, sys
import aiohttp

async def fetch(session, url):
    async with session.get(url) as response:
        await response.read()
        print(response.status, url)

async def main(urls):
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(fetch(session, url) for url in urls))

asyncio.run(main(sys.argv[1:]))
PY

"$py" "$work/site.py" "$work/requests.log" > "$work/site.out" 2>&1 &
site_pid=$!
for _ in $(seq 100); do grep -q '^site: ' "$work/site.out" && break; sleep 0.05; done
base=$(sed -n 's#^site: \(http://[^/]*\)/.*#\1#p' "$work/site.out")
[ -n "$base" ] || { echo "bench-start: the site did not start:"; cat "$work/site.out"; exit 1; }
urls=()
for i in $(seq "$N"); do urls+=("$base/page/$i.html"); done

contenders=(aiohttp scraper)
[ -n "${PLAIN:-}" ] && contenders+=(plain)
launch() { # contender
  case $1 in
    aiohttp) "$py" "$work/probe.py" "${urls[@]}" ;;
    scraper) scripts/scraper "${urls[@]}" ;;
    plain) java -jar "$jar" "${urls[@]}" ;;
  esac
}
measure() { # contender -> "first-request-s wall-s" (first: from launch to the first request the site saw)
  : > "$work/requests.log"
  local t0 t1
  t0=$EPOCHREALTIME
  launch "$1" > "$work/out" 2> "$work/err" || { echo "bench-start: $1 failed:"; cat "$work/err"; exit 1; }
  t1=$EPOCHREALTIME
  local first
  first=$(head -1 "$work/requests.log" | cut -d' ' -f1)
  [ "$(grep -c . "$work/out")" -ge "$N" ] || { echo "bench-start: $1 printed less than $N lines"; exit 1; }
  awk -v a="$t0" -v b="$t1" -v f="$first" 'BEGIN { printf "%.3f %.3f", f - a, b - a }'
}

echo "site: $base, N=$N URLs, RUNS=$RUNS, python: $py ($("$py" -c 'import aiohttp; print("aiohttp", aiohttp.__version__)'))"
# unmeasured rounds: the OS's file cache, and the launcher's start-up cache and class-data archive for this jar
# (the first run records, the second builds the cache in the background: wait for it)
for c in "${contenders[@]}"; do measure "$c" > /dev/null; measure "$c" > /dev/null; done
while compgen -G "$(dirname "$jar")/*.aot.lock" > /dev/null; do sleep 0.2; done
for c in "${contenders[@]}"; do measure "$c" > /dev/null; done
for c in "${contenders[@]}"; do : > "$work/$c.times"; done
for i in $(seq "$RUNS"); do
  for c in "${contenders[@]}"; do
    m=$(measure "$c")
    echo "$m" >> "$work/$c.times"
    printf 'run %d %-8s first request %s s  wall %s s\n' "$i" "$c" $m
  done
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "medians of $RUNS ($N URLs; scraper: robots.txt on, as by default):"
for c in "${contenders[@]}"; do
  f=$(cut -d' ' -f1 "$work/$c.times" | median)
  w=$(cut -d' ' -f2 "$work/$c.times" | median)
  echo "$c $f $w" >> "$work/medians"
  printf '  %-8s first request %.3f s  wall %.3f s\n' "$c" "$f" "$w"
done
awk '$1 == "aiohttp" { f = $2; w = $3 } $1 != "aiohttp" {
  printf "  %-8s / aiohttp: first request x%.2f, wall x%.2f\n", $1, $2 / f, $3 / w }' "$work/medians"
