#!/usr/bin/env bash
# Benchmark: the audit trail at ROWS records on a real PostgreSQL (started here, the way the test lab
# starts it): filtered pages through HTTP (p50/p95/p99) and the streamed CSV export of every row
# against `psql \copy` of the same table, heap capped at 256 MB and sampled during the export.
#   bash src/test/bench/audit.sh [ROWS] [REQUESTS] [--console.setting=value ...]
#   (default 1000000 rows, 500 requests per view; further arguments go to the console, to compare settings)
# Needs Debian's PostgreSQL server (src/test/lab/ensure-packages.sh). Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../../.."
rows=${1:-1000000}; requests=${2:-500}; shift $(( $# > 2 ? 2 : $# ))

./mvnw -q -o -Dlab.skip=true test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/asa-audit-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [[ $(id -u) == 0 ]]; then chown -R postgres:postgres "$dir"; as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U asaconsole --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
# the lab's settings, so the figures compare with the test runs'
"${as_pg[@]}" "$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off > "$dir/postgres.log" 2>&1 &
pg_pid=$!
stop() { kill -INT "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; rm -rf "$dir"; }
trap stop EXIT
for _ in $(seq 1 100); do psql -h 127.0.0.1 -p "$port" -U asaconsole -d postgres -qc 'select 1' > /dev/null 2>&1 && break; sleep 0.2; done
psql -h 127.0.0.1 -p "$port" -U asaconsole -d postgres -qc 'CREATE DATABASE asaconsole'

mkdir -p target/bench
java ${BENCH_JAVA_OPTS:-} -Xmx256m -cp "$cp" com.asaconsole.audit.AuditBenchmark "jdbc:postgresql://127.0.0.1:$port/asaconsole" asaconsole "$port" \
  "$rows" "$requests" "$@"
