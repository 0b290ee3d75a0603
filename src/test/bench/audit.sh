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

source src/test/bench/postgres.sh
trap pg_stop EXIT
pg_start
port=$pg_port

mkdir -p target/bench
java ${BENCH_JAVA_OPTS:-} -Xmx256m -cp "$cp" com.asaconsole.audit.AuditBenchmark "jdbc:postgresql://127.0.0.1:$port/asaconsole" asaconsole "$port" \
  "$rows" "$requests" "$@"
