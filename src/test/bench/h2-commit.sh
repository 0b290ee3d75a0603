#!/usr/bin/env bash
# Benchmark (issue 15): what the embedded H2's durable commits cost. Saves through the JSON API (a topology item and its
# audit record in one transaction) by 1 and by 8 clients, with the shipped URL (WRITE_DELAY=0: nothing acknowledged is
# lost to kill -9, H2DurabilityTest) and with H2's default 500 ms commit delay; a fresh console JVM and database each,
# interleaved rounds, medians.
#   bash src/test/bench/h2-commit.sh [SECONDS] [ROUNDS]      (default 20 s, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/../../.."
seconds=${1:-20}; rounds=${2:-3}
#   SKIP_BUILD=1 measures the classes already compiled (e.g. while another build uses target/): they are copied first.
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -q -o -Dlab.skip=true test-compile
  ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
fi
work=$(mktemp -d /tmp/asa-bench-h2.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r target/classes "$work/classes"; cp -r target/test-classes "$work/test-classes"
cp="$work/classes:$work/test-classes:$(cat target/bench.classpath)"
java -cp "$cp" com.asaconsole.shell.H2CommitBenchmark "$seconds" "$rounds"
