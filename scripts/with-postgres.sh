#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: Debian's postgresql package (installed with apt-get
# when missing), initdb into a temporary folder as the `postgres` user (initdb refuses root), listening on
# 127.0.0.1 on a free port. Exports DATABASE_URL and ACHBRIDGE_TEST_DATABASE_URL for the command, and stops
# the server and deletes its folder on exit.
#   bash scripts/with-postgres.sh npx vitest run --project @achbridge/store
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

find_bindir() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && best="$dir"
  done
  if [ -z "$best" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    best=$(dirname "$(readlink -f "$(command -v initdb)")")
  fi
  echo "$best"
}

bindir=$(find_bindir)
if [ -z "$bindir" ]; then
  echo "with-postgres: installing Debian's postgresql package" >&2
  apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null
  bindir=$(find_bindir)
fi
if [ -z "$bindir" ]; then
  echo "with-postgres: no initdb/pg_ctl found after installing postgresql" >&2
  exit 1
fi

# As root, run the server as the postgres user; otherwise as the current user.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  as_db() { runuser -u postgres -- "$@"; }
else
  as_db() { "$@"; }
fi

datadir=$(mktemp -d "${TMPDIR:-/tmp}/achbridge-pg.XXXXXX")
[ "$(id -u)" -eq 0 ] && chown postgres: "$datadir"
port=$(node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

stop_postgres() {
  as_db "$bindir/pg_ctl" -D "$datadir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$datadir"
}
trap stop_postgres EXIT

as_db "$bindir/initdb" -D "$datadir/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
as_db "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/data/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir/data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
if [ -n "${CI_PID_DIR:-}" ]; then
  head -1 "$datadir/data/postmaster.pid" >"$CI_PID_DIR/postgres-$port.pid"
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export ACHBRIDGE_TEST_DATABASE_URL="$DATABASE_URL"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
