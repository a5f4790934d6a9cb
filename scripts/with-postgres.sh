#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a free loopback port in a temp directory, exports
# TEST_PG_URL, runs the given command, then stops and deletes the cluster (also on failure).
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL ist nicht installiert (scripts/install-deps.sh ausführen)." >&2
  exit 1
fi

dir=$(mktemp -d /tmp/opgv-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root; use the postgres system user the Debian package creates.
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log"; exit 1; }
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
  start >/dev/null
"${as_pg[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres opgv_test

export TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/opgv_test"
export TEST_PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL-Testcluster läuft: $TEST_PG_URL"
set +e
"$@"
rc=$?
set -e
exit $rc
