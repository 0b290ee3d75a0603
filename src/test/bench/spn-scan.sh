#!/usr/bin/env bash
# Benchmark: the console's forest-wide SPN scan vs `ldapsearch -E pr=1000` of the same attributes,
# on a Samba AD forest of N and 2N SPN-bearing computer accounts, heap capped at 256 MB.
#   bash src/test/bench/spn-scan.sh [N] [ITERATIONS]      (default N=20000, 5 iterations)
#   DB=postgres bash src/test/bench/spn-scan.sh …         (the snapshot in PostgreSQL, started here, instead of an H2 file)
# Builds the forests once with load-forest.sh (tens of minutes) and reuses the archives after.
# Needs the lab packages (src/test/lab/ensure-packages.sh) and root; waits while a test run holds the Samba lab.
set -euo pipefail
# One Samba lab per machine (its ports): take the test lab's machine-wide lock first and hold it for
# this script's lifetime, waiting while a test run holds it. SambaDc locks the file with fcntl (Java's
# FileChannel.lock); flock(1) would not see that lock, so python's fcntl.lockf takes it, keeps the
# descriptor open across exec, and this script carries on in the same process.
lab_lock=/tmp/asa-console-lab/samba.lock
if [[ -z ${ASA_BENCH_LAB_LOCK:-} ]]; then
  mkdir -p "$(dirname "$lab_lock")"
  exec python3 -c '
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o644)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
except OSError:
    print("[bench] a test run holds the Samba lab (" + sys.argv[1] + "); waiting for it to end", flush=True)
    fcntl.lockf(fd, fcntl.LOCK_EX)
os.set_inheritable(fd, True)
os.environ["ASA_BENCH_LAB_LOCK"] = str(fd)
os.execvp("bash", ["bash"] + sys.argv[2:])
' "$lab_lock" "$0" "$@"
fi
cd "$(dirname "$0")/../../.."
for port in 88 389 636 3268 3269; do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port on 127.0.0.1 is in use by a Samba or directory server that does not take the lab lock; stop it first." >&2
    exit 1
  fi
done
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
source src/test/bench/postgres.sh
trap 'stop; pg_stop' EXIT
database=()
if [[ ${DB:-h2} == postgres ]]; then
  pg_start
  database=("jdbc:postgresql://127.0.0.1:$pg_port/asaconsole?user=asaconsole")
fi

sizes=${SIZES:-"$n $n2"}
for size in $sizes; do
  # each run works on its own copy of the archived forest (paths in smb.conf rewritten to it)
  run="$store/run-$size"
  rm -rf "$run"; mkdir -p "$run"
  tar -C "$run" --strip-components=4 -xf "$store/forest-$size.tar"
  sed -i "s#$store/forest#$run#g" "$run/etc/smb.conf"
  setsid samba -s "$run/etc/smb.conf" -i > "$store/samba-$size.log" 2>&1 {ASA_BENCH_LAB_LOCK}>&- &
  samba_pid=$!
  for _ in $(seq 1 120); do (echo > /dev/tcp/127.0.0.1/3269) 2>/dev/null && break; sleep 0.5; done
  java ${BENCH_JAVA_OPTS:-} -Xmx256m -cp "$cp" com.asaconsole.directory.SpnScanBenchmark "N=$size" "$store/forest-$size.tar.pw" \
    "$run/private/tls/ca.pem" "$iterations" "${database[@]}"
  stop
  sleep 2
  rm -rf "$run"
done
