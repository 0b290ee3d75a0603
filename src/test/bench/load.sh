#!/usr/bin/env bash
# Benchmark (issue 15): load and soak on PostgreSQL with an estate of 2,000 servers and 2,000 namespaces and the lab's
# Samba DC as the directory, 16 connections by wrk, each page against a bare Thymeleaf page of the same app in the same
# run (interleaved rounds, medians), then a soak over all pages with the console's RSS sampled every 10 s.
#   bash src/test/bench/load.sh [SECONDS_PER_MEASUREMENT] [ROUNDS] [SOAK_SECONDS] [CONNECTIONS]
#   (default 20 s, 3 rounds, a 600 s soak, 16 connections)
# Needs the lab packages (src/test/lab/ensure-packages.sh) and wrk (apt-get install wrk); waits while a test run holds
# the Samba lab (SambaDc takes the lab's machine-wide lock). Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../../.."
seconds=${1:-20}; rounds=${2:-3}; soak=${3:-600}; connections=${4:-16}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

./mvnw -q -o -Dlab.skip=true test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"

source src/test/bench/postgres.sh
trap pg_stop EXIT
pg_start

mkdir -p target/bench
# the console's heap as documented for an estate of this size, and its run options
java ${BENCH_JAVA_OPTS:-} -Xmx256m -XX:+ExitOnOutOfMemoryError -cp "$cp" com.asaconsole.shell.LoadBenchmark \
  "jdbc:postgresql://127.0.0.1:$pg_port/asaconsole" asaconsole "$connections" "$seconds" "$rounds" "$soak"
