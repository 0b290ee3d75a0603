#!/usr/bin/env bash
# Benchmark: a job's deploy-credential step (the executor's own path: precheck, SetAsaCredential and verify per member
# through its member fan-out) to N simulated CAS members (each answering every command in LATENCY ms), a console at
# asa.executor.member-concurrency=CONCURRENCY against one at 1 (one member at a time), interleaved, Kerberos from the
# lab KDC, HTTPS; medians.
#   bash src/test/bench/cas-rollout.sh [N] [LATENCY_MS] [CONCURRENCY] [ITERATIONS]   (default 100 200 16 5)
# Needs the lab packages and host names (src/test/lab/ensure-packages.sh) and root; waits for the
# machine's Samba lab lock like the test suite.
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -q -o -Dlab.skip=true test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
java -cp "$cp" -Dlogback.configurationFile=src/test/bench/quiet-logback.xml com.asaconsole.deployment.DeployStepBenchmark "${1:-100}" "${2:-200}" "${3:-16}" "${4:-5}"
