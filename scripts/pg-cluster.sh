#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `start DIR` creates a cluster in DIR (which must
# be empty or missing), starts it on a free port on 127.0.0.1 and prints its URL; `stop DIR` stops
# it and deletes DIR. Uses Debian's PostgreSQL (scripts/setup.sh installs it).
#
# initdb and postgres refuse to run as root, so as root they run as the `postgres` user (runuser)
# and DIR is handed to that user. The cluster trusts local connections and skips fsync: it holds
# nothing worth keeping and lives only as long as one test run. With PG_DURABLE=1 it keeps
# PostgreSQL's durable defaults (fsync, synchronous commit), as scripts/load-test.sh and
# scripts/durability.sh want.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$bindir" ]; then
  bindir=$(dirname "$(command -v initdb || echo /missing/initdb)")
fi
[ -x "$bindir/initdb" ] || { echo "[pg-cluster] PostgreSQL not found; run scripts/setup.sh" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-0}" = 1 ] && fast=""
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c max_connections=300 $fast" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
