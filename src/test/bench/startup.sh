#!/usr/bin/env bash
# Benchmark (issue 15): start-up to the first answered page and RSS at that moment, heap capped at 256 MB, on H2 (a fresh
# ./data each run), for the console, the console with Spring Boot's CDS (an AppCDS archive from a training run), and a
# bare Spring Boot web app on the same Boot version; interleaved, ITERATIONS runs each, medians.
#   bash src/test/bench/startup.sh [ITERATIONS]      (default 5)
#   SKIP_BUILD=1 measures the jars already built (e.g. while another build uses target/): they are copied first.
set -euo pipefail
cd "$(dirname "$0")/../../.."
iterations=${1:-5}
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -q -o -Dlab.skip=true -DskipTests package
  ./mvnw -q -o -f src/test/bench/bare-app/pom.xml -DskipTests package
fi
work=$(mktemp -d /tmp/asa-bench-startup.XXXXXX)
# the jars measured are copies: a build running meanwhile cannot change them under the benchmark
cp target/asa-console.jar "$work/asa-console.jar"
cp src/test/bench/bare-app/target/bare-app.jar "$work/bare-app.jar"
pid=
cleanup() { if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

# Spring Boot's CDS support: the jar extracted, a training run that stops after the context refreshes, the archive it leaves
java -Djarmode=tools -jar "$work/asa-console.jar" extract --destination "$work/cds" > /dev/null
(cd "$work" && mkdir -p train && cd train && java -Xmx256m -XX:ArchiveClassesAtExit="$work/cds/app.jsa" -Dspring.context.exit=onRefresh \
  -jar "$work/cds/asa-console.jar" --asa.identity.bootstrap-admin.password=Startup-Bench-1 > "$work/train.log" 2>&1) || true
[[ -f $work/cds/app.jsa ]] || { echo "CDS training run made no archive: $(tail -5 "$work/train.log")" >&2; exit 1; }

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# one start: prints "<ms to the first 200> <RSS MB then>"
start() {
  local name=$1 path=$2; shift 2
  local dir="$work/run-$name-$RANDOM" p
  p=$(port); mkdir -p "$dir"
  local began; began=$(date +%s%N)
  (cd "$dir" && exec java -Xmx256m -XX:+ExitOnOutOfMemoryError "$@" --server.port="$p" --server.address=127.0.0.1 \
     --asa.identity.bootstrap-admin.password=Startup-Bench-1 > "$dir/out.log" 2>&1) &
  pid=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p$path" || true) == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited: $(tail -5 "$dir/out.log")" >&2; exit 1; }
    sleep 0.05
  done
  local ms=$(( ($(date +%s%N) - began) / 1000000 ))
  local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "$ms $rss"
}

declare -A ms rss
for i in $(seq 1 "$iterations"); do
  for variant in console console-cds bare; do
    case $variant in
      console) r=$(start console /login -jar "$work/asa-console.jar") ;;
      console-cds) r=$(start console-cds /login -XX:SharedArchiveFile="$work/cds/app.jsa" -jar "$work/cds/asa-console.jar") ;;
      bare) r=$(start bare / -jar "$work/bare-app.jar") ;;
    esac
    echo "run $i $variant: ${r% *} ms to the first page, ${r#* } MB RSS"
    ms[$variant]+="${r% *} "; rss[$variant]+="${r#* } "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "| variant | time to first page (median of $iterations) | RSS then (median) |"
echo "|---|---|---|"
for variant in console console-cds bare; do
  echo "| $variant | $(echo "${ms[$variant]}" | median) ms | $(echo "${rss[$variant]}" | median) MB |"
done
