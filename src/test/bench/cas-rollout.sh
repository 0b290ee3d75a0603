#!/usr/bin/env bash
# Benchmark: SetAsaCredential to N simulated CAS members (each answering in LATENCY ms) through
# MemberRollout at CONCURRENCY vs one at a time, Kerberos from the lab KDC, HTTPS; medians.
#   bash src/test/bench/cas-rollout.sh [N] [LATENCY_MS] [CONCURRENCY] [ITERATIONS]   (default 100 200 16 5)
# Needs the lab packages and host names (src/test/lab/ensure-packages.sh) and root; waits for the
# machine's Samba lab lock like the test suite.
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -q -Dlab.skip=true test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
java -cp "$cp" -Dlogback.configurationFile=src/test/bench/quiet-logback.xml com.asaconsole.remoting.RolloutBenchmark "${1:-100}" "${2:-200}" "${3:-16}" "${4:-5}"
