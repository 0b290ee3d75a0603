# Sourced by the benchmarks: a throw-away PostgreSQL on 127.0.0.1 and a free port, started the way the
# test lab starts it (same settings), with an empty database `asaconsole` owned by `asaconsole`.
#   pg_start   sets pg_port, pg_dir and pg_pid;   pg_stop   stops it and removes its files.
pg_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_dir=$(mktemp -d /tmp/asa-bench-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as_pg=()
  if [[ $(id -u) == 0 ]]; then chown -R postgres:postgres "$pg_dir"; as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
  "${as_pg[@]}" "$bin/initdb" -D "$pg_dir/data" -U asaconsole --auth=trust -E UTF8 --locale=C.UTF-8 > "$pg_dir/initdb.log"
  # the lab's settings, so the figures compare with the test runs'
  "${as_pg[@]}" "$bin/postgres" -D "$pg_dir/data" -p "$pg_port" -k "$pg_dir" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off > "$pg_dir/postgres.log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 1 100); do psql -h 127.0.0.1 -p "$pg_port" -U asaconsole -d postgres -qc 'select 1' > /dev/null 2>&1 && break; sleep 0.2; done
  psql -h 127.0.0.1 -p "$pg_port" -U asaconsole -d postgres -qc 'CREATE DATABASE asaconsole'
}

pg_stop() {
  if [[ -n ${pg_pid:-} ]]; then kill -INT "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; pg_pid=; fi
  if [[ -n ${pg_dir:-} ]]; then rm -rf "$pg_dir"; pg_dir=; fi
}
