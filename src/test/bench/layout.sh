#!/usr/bin/env bash
# Benchmark (issue 15): what the one layout and the console's security filters cost a signed-in page, on H2, no
# directory, no PostgreSQL: the about page (layout, filters, one connection) and the SPN status page without a
# question (layout, filters, its forests) against the bare Thymeleaf page of the same app (same session sign-in,
# no layout), interleaved rounds, medians, wrk at CONNECTIONS. Quick enough to run after each change to the layout.
#   bash src/test/bench/layout.sh [SECONDS_PER_MEASUREMENT] [ROUNDS] [CONNECTIONS]   (default 10 s, 5 rounds, 16)
set -euo pipefail
cd "$(dirname "$0")/../../.."
seconds=${1:-10}; rounds=${2:-5}; connections=${3:-16}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
./mvnw -q -o -Dlab.skip=true test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
work=$(mktemp -d /tmp/asa-layout-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="Bench-Admin-$RANDOM$RANDOM"
java ${BENCH_JAVA_OPTS:-} -Xmx256m -XX:+ExitOnOutOfMemoryError -cp "$cp" com.asaconsole.AsaConsoleApplication \
  --spring.profiles.active=bench --server.port="$port" --server.address=127.0.0.1 \
  --spring.datasource.url="jdbc:h2:file:$work/db/asa" --asa.identity.bootstrap-admin.password="$password" \
  --asa.audit.checkpoint-key=bench-only-checkpoint-key-0123456789abcdef \
  --asa.secrets.key=YmVuY2gtb25seS1zZWNyZXRzLWtleS0wMTIzNDU2Nzg= --logging.level.root=WARN > "$work/console.log" 2>&1 &
console=$!
trap 'kill $console 2>/dev/null; wait $console 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -sf -o /dev/null "$base/login" && break; sleep 0.5; done
jar="$work/cookies"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=admin" --data-urlencode "password=$password" \
  --data-urlencode "_csrf=$csrf" "$base/login"
session=$(awk '$6 == "JSESSIONID" { print $7 }' "$jar")
[[ $(curl -s -o /dev/null -w '%{http_code}' -b "JSESSIONID=$session" "$base/about") == 200 ]] || { echo "cannot sign in" >&2; exit 1; }
declare -A pages=([bare]=/bench/bare [about]=/about [spn-status]=/spn-status)
order=(bare about spn-status)
run() { wrk -t2 -c"$connections" -d"$2s" --timeout 10s -s src/test/bench/wrk-summary.lua -H "Cookie: JSESSIONID=$session" "$base$1" \
  | sed -n 's/^SUMMARY .*rps=\([0-9.]*\) p50_us=\([0-9]*\) p95_us=\([0-9]*\) p99_us=\([0-9]*\).*non2xx=\([0-9]*\).*/\1 \2 \3 \4 \5/p'; }
for p in "${order[@]}"; do run "${pages[$p]}" 3 > /dev/null; done # warm-up
for r in $(seq 1 "$rounds"); do
  for p in "${order[@]}"; do echo "$r $p $(run "${pages[$p]}" "$seconds")"; done
done | tee "$work/rounds" | awk '{ printf "round %s %-12s %8.1f req/s  p50 %6.1f  p95 %6.1f  p99 %6.1f ms  non-2xx %s\n", $1, $2, $3, $4/1000, $5/1000, $6/1000, $7 }'
python3 - "$work/rounds" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
by = {}
for r in rows:
    by.setdefault(r[1], []).append(r)
bare = [float(r[2]) for r in by['bare']]
print("\nmedians (ratio: per round, to the bare page of the same round, then the median):")
print("| page | req/s | × bare | p50 ms | p95 ms | p99 ms |")
print("|---|---|---|---|---|---|")
for page, rs in by.items():
    ratio = statistics.median(float(r[2]) / b for r, b in zip(rs, bare))
    med = lambda i: statistics.median(float(r[i]) for r in rs)
    print(f"| {page} | {med(2):.0f} | {ratio:.2f} | {med(3)/1000:.1f} | {med(4)/1000:.1f} | {med(5)/1000:.1f} |")
PY
