#!/usr/bin/env bash
# Benchmark (issue 15): what the embedded H2's durable commits cost. Saves through the JSON API (a topology item and its
# audit record in one transaction) by 1 and by 8 clients, with the shipped URL (WRITE_DELAY=0: nothing acknowledged is
# lost to kill -9, H2DurabilityTest) and with H2's default 500 ms commit delay; a fresh console JVM and database each,
# interleaved rounds, medians.
#   bash src/test/bench/h2-commit.sh [SECONDS] [ROUNDS]      (default 20 s, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/../../.."
seconds=${1:-20}; rounds=${2:-3}
./mvnw -q -o -Dlab.skip=true test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
java -cp "$cp" com.asaconsole.shell.H2CommitBenchmark "$seconds" "$rounds"
