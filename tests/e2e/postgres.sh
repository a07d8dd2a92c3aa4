#!/usr/bin/env bash
# A scratch PostgreSQL for the e2e runner's second pass (issue 21: the SDK suite once on PostgreSQL), sourced
# by run.sh: e2e_postgres_start starts Debian's server with initdb in a temporary folder on a free loopback
# port (no system service), creates a role that owns its database and is not a superuser (as on a managed
# database), and exports the settings the server, its CLI commands and the runner inherit;
# e2e_postgres_stop stops it and removes the folder. initdb refuses to run as root, so as root it runs as
# the postgres user of Debian's package.

e2e_postgres_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/initdb" ] || { echo "postgres: no /usr/lib/postgresql/*/bin/initdb"; return 1; }
  E2E_PG_ROOT=$(mktemp -d /tmp/bugsink-e2e-postgres.XXXXXX)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$E2E_PG_ROOT"
    as=(runuser -u postgres --)
  fi
  E2E_PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${as[@]}" "$bin/initdb" -D "$E2E_PG_ROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$E2E_PG_ROOT/initdb.log" 2>&1 \
    || { cat "$E2E_PG_ROOT/initdb.log"; return 1; }
  # Durability off, as in the test suite's PostgresServer: a real engine is needed here, not a crash-safe one.
  "${as[@]}" "$bin/pg_ctl" -D "$E2E_PG_ROOT/data" -l "$E2E_PG_ROOT/server.log" -w -t 60 start \
    -o "-p $E2E_PG_PORT -k $E2E_PG_ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { cat "$E2E_PG_ROOT/server.log"; return 1; }
  E2E_PG_BIN=$bin
  E2E_PG_AS=("${as[@]}")
  "${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$E2E_PG_PORT" -U postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE bugsink LOGIN PASSWORD 'e2e' NOSUPERUSER NOCREATEDB NOCREATEROLE" \
    -c "CREATE DATABASE bugsink_e2e OWNER bugsink" >/dev/null || return 1
  export Bugsink__Database__Provider=Postgres
  export Bugsink__Database__ConnectionString="Host=127.0.0.1;Port=$E2E_PG_PORT;Username=bugsink;Password=e2e;Database=bugsink_e2e"
  export Bugsink__Database__Experimental=true
}

e2e_postgres_stop() {
  unset Bugsink__Database__Provider Bugsink__Database__ConnectionString Bugsink__Database__Experimental
  [ -n "${E2E_PG_ROOT:-}" ] || return 0
  "${E2E_PG_AS[@]}" "$E2E_PG_BIN/pg_ctl" -D "$E2E_PG_ROOT/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$E2E_PG_ROOT"
  E2E_PG_ROOT=
}
