#!/usr/bin/env bash
# HTTPS side by side, in one run: a local nginx that closes every connection (so every request pays a full TLS
# handshake), curl, our jar (scripts/scraper), and an aiohttp script when python3 has aiohttp.
#   scripts/bench-tls.sh                    # builds the jar if needed
#   RUNS=5 N=2000 scripts/bench-tls.sh      # N: URLs of the big run; RUNS: repetitions (medians)
#   OLD_JAR=/tmp/old.jar scripts/bench-tls.sh   # adds an older jar (trusting the CA through a trust store)
#   CERT=self scripts/bench-tls.sh          # a self-signed leaf trusted as is (the shared bench's set-up)
# Measures:
#   first:  curl's time_total for one request (a new process each) vs the latencyMs of our first record in a
#           5-URL job at concurrency 1 (the first TLS connection of the process: engine and trust set up);
#   later:  curl's median time_total vs the median latencyMs of records 2-5 of that job (new connections);
#   five:   wall time of a whole 5-URL process (JVM start-up included) vs the aiohttp script's, and vs our own
#           run of the same pages over plain http (the start-up floor);
#   big:    wall and CPU of N URLs at concurrency 64 (ours with OpenSSL; ours offering only classical key
#           exchange, -Djdk.tls.namedGroups=x25519,secp256r1; ours with the JDK's engine; aiohttp), and wrk's
#           ceiling (new connection per request) when wrk is installed.
# Needs nginx, openssl, curl and a JDK; everything listens on 127.0.0.1 only and is stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-2000}
RUNS=${RUNS:-3}
CONC=${CONC:-64}
CERT=${CERT:-ca}
PY=${PY:-/usr/bin/python3}
for tool in nginx openssl curl keytool; do
  command -v "$tool" > /dev/null || { echo "bench-tls: $tool is needed (apt-get install nginx-light curl)"; exit 2; }
done
jar=target/scraper.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/scraper-bench-tls.XXXXXX")
nginx_pid=
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
plain_port=$(free_port)

# --- certificates: a CA and a leaf it signed for 127.0.0.1 (or one self-signed leaf), EC P-256 -----------------
tls=$work/tls; mkdir -p "$tls"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
if [ "$CERT" = self ]; then
  openssl req -x509 "${ec[@]}" -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$tls/leaf.key" -out "$tls/leaf.pem" 2>/dev/null
  cp "$tls/leaf.pem" "$tls/ca.pem"
else
  openssl req -x509 "${ec[@]}" -days 2 -subj "/CN=bench CA" -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
  openssl req "${ec[@]}" -subj /CN=127.0.0.1 -keyout "$tls/leaf.key" -out "$tls/leaf.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > "$tls/ext"
  openssl x509 -req -in "$tls/leaf.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile "$tls/ext" -out "$tls/leaf.pem" 2>/dev/null
fi
keytool -importcert -noprompt -alias bench -file "$tls/ca.pem" -keystore "$tls/trust.p12" -storetype PKCS12 \
  -storepass changeit > /dev/null 2>&1

# --- site: N product pages -------------------------------------------------------------------------------------
mkdir -p "$work/site/p"
$PY - "$work/site/p" "$N" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
filler = "".join(f"<li class='spec'>spec line {i} of this product</li>" for i in range(60))
for i in range(1, n + 1):
    with open(f"{d}/{i}.html", "w") as f:
        f.write(f"<!doctype html><html><head><meta charset='utf-8'><title>Product {i}</title></head><body>"
                f"<h1 class='title'>Product {i}</h1><p class='price'>${i % 97}.50</p>"
                f"<span class='rating-value'>{i % 5 + 1}</span><ul>{filler}</ul></body></html>\n")
PY
cat > "$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  client_body_temp_path $work/body;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $tls/leaf.pem;
    ssl_certificate_key $tls/leaf.key;
    keepalive_timeout 0;
    root $work/site;
  }
  server { # the same pages over plain http: the start-up floor of a short run
    listen 127.0.0.1:$plain_port;
    keepalive_timeout 0;
    root $work/site;
  }
}
EOF
chmod -R a+rX "$work" # nginx's workers run as another user
nginx -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
base=https://127.0.0.1:$port
for _ in $(seq 100); do curl -sf --cacert "$tls/ca.pem" -o /dev/null "$base/p/1.html" && break; sleep 0.1; done
curl -sSf --cacert "$tls/ca.pem" -o /dev/null "$base/p/1.html" || { echo "bench-tls: nginx does not serve"; exit 1; }
seq 1 5 | sed "s#.*#$base/p/&.html#" > "$work/five.txt"
seq 1 5 | sed "s#.*#http://127.0.0.1:$plain_port/p/&.html#" > "$work/five-plain.txt"
seq 1 "$N" | sed "s#.*#$base/p/&.html#" > "$work/big.txt"
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on $base, cert=$CERT, N=$N, CONC=$CONC, RUNS=$RUNS; $(nproc) cores;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"

have_aiohttp=0
$PY -c 'import aiohttp' 2> /dev/null && have_aiohttp=1
cat > "$work/aio.py" <<'PY'
# aiohttp (+ BeautifulSoup/lxml when present): one session, a semaphore, every URL at once.
import asyncio, json, ssl, sys
import aiohttp
try:
    from bs4 import BeautifulSoup
except ImportError:
    BeautifulSoup = None
async def main(urls_file, ca, out_file, conc):
    urls = [l.strip() for l in open(urls_file) if l.strip()]
    ctx = ssl.create_default_context(cafile=ca)
    sem = asyncio.Semaphore(conc)
    with open(out_file, "w") as out:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ctx, limit=conc)) as s:
            async def one(u):
                async with sem:
                    async with s.get(u) as r:
                        html = await r.text()
                title = BeautifulSoup(html, "lxml").select_one("h1.title").get_text(strip=True) if BeautifulSoup else ""
                out.write(json.dumps({"url": u, "title": title}) + "\n")
            await asyncio.gather(*(one(u) for u in urls))
asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
PY

conf() { # name urls-file concurrency -> conf path
  cat > "$work/$1.json" <<JSON
{"quiet": true, "outputDir": "$work", "defaults": {"tls": {"caFile": "$tls/ca.pem"}},
 "jobs": [{"name": "$1", "urlsFile": "$2", "concurrency": $3, "perHost": $3, "robotsTxt": false,
   "extract": {"title": "h1.title", "price": "p.price", "rating": "span.rating-value"}, "output": {"path": "$1.jsonl"}}]}
JSON
  echo "$work/$1.json"
}
timed() { # out-prefix command... -> "wall cpu" (also leaves the command's output in $work/out)
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > "$work/out" 2>&1 || true
  tail -1 "$work/time" | awk '{ printf "%.3f %.2f", $1, $2 + $3 }' # after "Command exited with ..."
}
run_ours() { # conf [jar] [extra JAVA_OPTS] -> "wall cpu"
  timed env "SCRAPER_JAR=$(readlink -f "${2:-$jar}")" "JAVA_OPTS=${3:-}" scripts/scraper -conf "$1"
}
med() { sort -n | awk '{ a[NR] = $1 } END { print (NR ? a[int((NR + 1) / 2)] : "n/a") }'; }
ok() { grep -c '"error":null' "$1" 2> /dev/null || true; }

five_seq=$(conf fiveseq "$work/five.txt" 1)
five_par=$(conf five "$work/five.txt" "$CONC")
five_plain=$(conf fiveplain "$work/five-plain.txt" "$CONC")
big=$(conf big "$work/big.txt" "$CONC")
old_opts="-Djavax.net.ssl.trustStore=$tls/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit"
old_conf() { sed 's/"defaults": {"tls": {"caFile": "[^"]*"}},//' "$1" > "${1%.json}-old.json"; echo "${1%.json}-old.json"; }
# first runs write the class-data archives of scripts/scraper; not counted
run_ours "$five_par" > /dev/null
[ -n "${OLD_JAR:-}" ] && run_ours "$(old_conf "$five_par")" "$OLD_JAR" "$old_opts" > /dev/null

: > "$work/curl.first"; : > "$work/curl.later"; : > "$work/ours.first"; : > "$work/ours.later"
: > "$work/five.ours"; : > "$work/five.aio"; : > "$work/five.old"; : > "$work/five.plain"
for i in $(seq "$RUNS"); do
  for u in 1 2 3 4 5; do
    t=$(curl -s -o /dev/null --cacert "$tls/ca.pem" -w '%{time_total}' "$base/p/$u.html")
    awk -v t="$t" 'BEGIN { printf "%.1f\n", t * 1000 }' >> "$work/curl.$([ "$u" = 1 ] && echo first || echo later)"
  done
  run_ours "$five_seq" > /dev/null
  grep -o '"latencyMs":[0-9]*' "$work/fiveseq.jsonl" | cut -d: -f2 | head -1 >> "$work/ours.first"
  grep -o '"latencyMs":[0-9]*' "$work/fiveseq.jsonl" | cut -d: -f2 | tail -n +2 >> "$work/ours.later"
  run_ours "$five_par" | cut -d' ' -f1 >> "$work/five.ours"
  [ "$(ok "$work/five.jsonl")" = 5 ] || echo "bench-tls: our 5-URL run failed: $(head -c 300 "$work/five.jsonl")"
  run_ours "$five_plain" | cut -d' ' -f1 >> "$work/five.plain"
  if [ "$have_aiohttp" = 1 ]; then
    timed "$PY" "$work/aio.py" "$work/five.txt" "$tls/ca.pem" "$work/aio5.jsonl" "$CONC" | cut -d' ' -f1 >> "$work/five.aio"
  fi
  if [ -n "${OLD_JAR:-}" ]; then
    run_ours "$(old_conf "$five_par")" "$OLD_JAR" "$old_opts" | cut -d' ' -f1 >> "$work/five.old"
  fi
done
cf=$(med < "$work/curl.first"); cl=$(med < "$work/curl.later")
of=$(med < "$work/ours.first"); ol=$(med < "$work/ours.later")
fo=$(med < "$work/five.ours"); fa=$(med < "$work/five.aio")
echo
echo "first request, ms (median of $RUNS): curl $cf, ours $of  -> ours - curl = $(awk -v a="$of" -v b="$cf" 'BEGIN { printf "%.0f", a - b }') ms (target <= 100)"
echo "later requests, ms (median):         curl $cl, ours $ol  -> ours / curl = $(awk -v a="$ol" -v b="$cl" 'BEGIN { printf "%.2f", a / b }') (target <= 2)"
echo "5-URL process, wall s (median):      aiohttp $fa, ours $fo$([ -s "$work/five.old" ] && echo ", old jar $(med < "$work/five.old")")  -> ours / aiohttp = $(awk -v a="$fo" -v b="$fa" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }') (target <= 1.5)"
echo "  ours, each run: $(tr '\n' ' ' < "$work/five.ours")  aiohttp: $(tr '\n' ' ' < "$work/five.aio")"
fp=$(med < "$work/five.plain")
echo "  the same 5 URLs over plain http (our start-up floor): $fp s = $(awk -v a="$fp" -v b="$fa" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }') x aiohttp; https adds $(awk -v a="$fo" -v b="$fp" 'BEGIN { printf "%.0f", (a - b) * 1000 }') ms"

# --- N URLs at concurrency CONC ----------------------------------------------------------------------------------
echo
echo "$N URLs, concurrency $CONC, one handshake each (wall s / CPU s; medians of $RUNS):"
names="ours ours-x25519 ours-jdk"
[ "$have_aiohttp" = 1 ] && names="$names aiohttp"
[ -n "${OLD_JAR:-}" ] && names="$names old-jar"
for n in $names; do : > "$work/big.$n"; done
for i in $(seq "$RUNS"); do
  for n in $names; do
    case $n in
      ours) m=$(run_ours "$big"); out=$work/big.jsonl ;;
      ours-x25519) m=$(run_ours "$big" "" "-Djdk.tls.namedGroups=x25519,secp256r1"); out=$work/big.jsonl ;;
      ours-jdk) m=$(run_ours "$big" "" "-Dscraper.tls.engine=jdk"); out=$work/big.jsonl ;;
      aiohttp) m=$(timed "$PY" "$work/aio.py" "$work/big.txt" "$tls/ca.pem" "$work/aio-big.jsonl" "$CONC"); out=$work/aio-big.jsonl ;;
      old-jar) m=$(run_ours "$(old_conf "$big")" "$OLD_JAR" "$old_opts"); out=$work/big.jsonl ;;
    esac
    good=$(if [ "$n" = aiohttp ]; then grep -c '"title": "Product' "$out" || true; else ok "$out"; fi)
    good=${good:-0}
    echo "$m $good" >> "$work/big.$n"
    printf '  run %d %-9s wall %s s  cpu %s s  ok %s/%s\n' "$i" "$n" $m "$good" "$N"
  done
done
for n in $names; do
  printf '  %-9s wall %s s  cpu %s s\n' "$n" "$(cut -d' ' -f1 "$work/big.$n" | med)" "$(cut -d' ' -f2 "$work/big.$n" | med)"
done
ob=$(cut -d' ' -f1 "$work/big.ours" | med)
for n in $names; do
  [ "$n" = ours ] && continue
  printf '  %s / ours = %s\n' "$n" "$(awk -v a="$(cut -d' ' -f1 "$work/big.$n" | med)" -v b="$ob" 'BEGIN { printf "%.2f", a / b }')"
done
if command -v wrk > /dev/null; then
  seq 1 "$N" | sed 's#.*#/p/&.html#' > "$work/paths.txt"
  cat > "$work/walk.lua" <<'LUA'
local paths, i = {}, 0
function init(args) for l in io.lines(args[1]) do paths[#paths + 1] = l end end
function request() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
  rps=$(wrk -t2 -c"$CONC" -d5s -H 'Connection: close' -s "$work/walk.lua" "$base" -- "$work/paths.txt" 2>&1 \
    | awk '/Requests\/sec/ { print $2 }')
  echo "  wrk ceiling (Connection: close): $rps req/s = $(awk -v r="$rps" -v n="$N" 'BEGIN { printf "%.2f", n / r }') s for $N"
fi
