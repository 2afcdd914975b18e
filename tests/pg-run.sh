#!/usr/bin/env bash
# pg-run.sh PROGRAM [ARGS…]: runs a GTest PROGRAM against a throwaway
# PostgreSQL cluster.
#
# The cluster lives in a temporary folder (initdb -A trust, fsync off), on
# a free port of 127.0.0.1, and is stopped and removed afterwards whatever
# happens. PROGRAM finds it in JINLIN_TEST_PG_URL ("host=… port=… user=…",
# no database: the tests create their own), JINLIN_TEST_PSQL and
# JINLIN_TEST_PG_RESTART (a script restarting the cluster). Needs
# PostgreSQL's server binaries (Debian: postgresql); as root the cluster
# runs as the postgres user. When PostgreSQL is missing, every case of
# PROGRAM is reported as skipped, with the reason.
set -u

PGBIN=${JINLIN_PGBIN:-/usr/lib/postgresql/15/bin}

# Every case of PROGRAM is skipped by name (-s), so each counts as
# skipped; the reason goes first as a TAP comment.
skip_all () {
  local reason=$1 c
  shift
  echo "# SKIP PostgreSQL unavailable: $reason"
  mapfile -t cases < <("$@" -l 2>/dev/null | grep '^/')
  args=()
  for c in "${cases[@]}"; do
    args+=(-s "$c")
  done
  exec "$@" "${args[@]}"
}

if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  skip_all "no $PGBIN/initdb (install postgresql)" "$@"
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  skip_all "running as root, and there is no postgres user to run the cluster as" "$@"
fi

as_pg () {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

PGT=$(mktemp -d "${TMPDIR:-/tmp}/jinlin-pg.XXXXXX")
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGT"

cleanup () {
  as_pg "$PGBIN/pg_ctl" -D "$PGT/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PGT"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

if ! as_pg "$PGBIN/initdb" -D "$PGT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
     >"$PGT/initdb.log" 2>&1; then
  echo "pg-run.sh: initdb failed:" >&2
  cat "$PGT/initdb.log" >&2
  exit 1
fi

# A free port: ask the kernel for one, then let pg_ctl bind it; another
# process may take it in between, so try a few.
started=
for attempt in 1 2 3 4 5; do
  port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if as_pg "$PGBIN/pg_ctl" -D "$PGT/data" -l "$PGT/server.log" -w -t 30 \
       -o "-p $port -k $PGT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
       start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  echo "pg-run.sh: the PostgreSQL cluster did not start:" >&2
  cat "$PGT/server.log" >&2
  exit 1
fi

# Tests restart the cluster with this (pg_ctl keeps the options).
as_pg_prefix=
[ "$(id -u)" -eq 0 ] && as_pg_prefix="runuser -u postgres --"
printf '#!/bin/sh\nexec %s "%s/pg_ctl" -D "%s/data" -l "%s/server.log" -w -m fast restart >/dev/null\n' \
  "$as_pg_prefix" "$PGBIN" "$PGT" "$PGT" >"$PGT/restart.sh"
chmod 755 "$PGT/restart.sh"

export JINLIN_TEST_PG_URL="host=127.0.0.1 port=$port user=postgres"
export JINLIN_TEST_PG_RESTART="$PGT/restart.sh"
export JINLIN_TEST_PSQL="$PGBIN/psql"
export JINLIN_TEST_BACKEND=postgresql
"$@"
