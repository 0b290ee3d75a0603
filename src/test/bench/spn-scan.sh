#!/usr/bin/env bash
# Benchmark: the console's forest-wide SPN scan vs `ldapsearch -E pr=1000` of the same attributes,
# on a Samba AD forest of N and 2N SPN-bearing computer accounts, heap capped at 256 MB.
#   bash src/test/bench/spn-scan.sh [N] [ITERATIONS]      (default N=20000, 5 iterations)
# Builds the forests once with load-forest.sh (tens of minutes) and reuses the archives after.
# Needs the lab packages (src/test/lab/ensure-packages.sh), root, and no other Samba running.
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-20000}; iterations=${2:-5}; n2=$((2 * n))
store=/var/tmp/asa-bench
[[ -f $store/forest-$n.tar ]] || bash src/test/bench/load-forest.sh "$n" "$store/forest-$n.tar"
[[ -n ${SIZES:-} || -f $store/forest-$n2.tar ]] || bash src/test/bench/load-forest.sh "$n2" "$store/forest-$n2.tar" "$store/forest-$n.tar"

./mvnw -q -Dlab.skip=true test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"

samba_pid=
# samba forks workers: it runs in its own process group, and the whole group is stopped
stop() { if [[ -n $samba_pid ]]; then kill -- "-$samba_pid" 2>/dev/null || true; wait "$samba_pid" 2>/dev/null || true; samba_pid=; fi; }
trap stop EXIT

sizes=${SIZES:-"$n $n2"}
for size in $sizes; do
  # each run works on its own copy of the archived forest (paths in smb.conf rewritten to it)
  run="$store/run-$size"
  rm -rf "$run"; mkdir -p "$run"
  tar -C "$run" --strip-components=4 -xf "$store/forest-$size.tar"
  sed -i "s#$store/forest#$run#g" "$run/etc/smb.conf"
  setsid samba -s "$run/etc/smb.conf" -i > "$store/samba-$size.log" 2>&1 &
  samba_pid=$!
  for _ in $(seq 1 120); do (echo > /dev/tcp/127.0.0.1/3269) 2>/dev/null && break; sleep 0.5; done
  java -Xmx256m -cp "$cp" com.asaconsole.directory.SpnScanBenchmark "N=$size" "$store/forest-$size.tar.pw" \
    "$run/private/tls/ca.pem" "$iterations"
  stop
  sleep 2
  rm -rf "$run"
done
