#!/usr/bin/env bash
# Benchmark (issue 16): one estate check round over MEMBERS CAS member SIMULATORs behind NAMESPACES namespaces (one ASA),
# the lab's Samba DC as directory and KDC, against the same checks done one member at a time, interleaved in one run:
# wall time per round, KDC requests and LDAP connections/operations counted on the wire by relays in front of the DC,
# the console's own LDAP operation count, and the Samba processes' CPU time. Medians of ITERATIONS.
#   bash src/test/bench/health-round.sh [MEMBERS] [NAMESPACES] [LATENCY_MS] [ITERATIONS] [CONCURRENCY]
#   (default 100 20 200 3 0; LATENCY_MS: what each simulated member takes per command; CONCURRENCY 0: the product's default)
# In a private network namespace, so that it need not wait for another checkout's Samba lab:
#   ip netns add bench; ip netns exec bench ip link set lo up; ip netns exec bench bash src/test/bench/health-round.sh 100 20 200 3
# Needs the lab packages (src/test/lab/ensure-packages.sh), openssl and root; waits while a test run holds the Samba lab
# (SambaDc takes the lab's machine-wide lock). Everything listens on 127.0.0.1 only. The member host names
# (cas001.contoso.test, ...) resolve to 127.0.0.1 through a hosts file of the benchmark's own (-Djdk.net.hosts.file):
# /etc/hosts is not touched.
set -euo pipefail
cd "$(dirname "$0")/../../.."
members=${1:-100}
command -v openssl > /dev/null || { echo "openssl is missing: apt-get install openssl" >&2; exit 1; }

./mvnw -q -o -Dlab.skip=true test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"

dir=target/bench/health-round
rm -rf "$dir"
mkdir -p "$dir"
{
  echo "127.0.0.1 localhost $(hostname)"
  echo "127.0.0.1 dc1.contoso.test"
  for i in $(seq 1 "$members"); do printf '127.0.0.1 cas%03d.contoso.test\n' "$i"; done
} > "$dir/hosts"
echo "[bench] $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs, git $(git rev-parse --short HEAD)"
java ${BENCH_JAVA_OPTS:-} -Xmx2g -XX:+ExitOnOutOfMemoryError -Djdk.net.hosts.file="$dir/hosts" \
  -Dlogback.configurationFile=src/test/bench/quiet-logback.xml -cp "$cp" com.asaconsole.health.HealthRoundBenchmark "$@"
echo "[bench] ended $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
