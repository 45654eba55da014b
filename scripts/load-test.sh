#!/usr/bin/env bash
# Mixed load against the release server: 64 connections for 60 s of browse, search, detail,
# compare, API reads, downloads (CSV, JSON, XLSX, PDF) and profile saves (scripts/load/mixed.lua).
# Reports throughput, p50/p90/p99 latency, errors and the server's RSS before and after; fails if
# any request errs. Usage:
#   scripts/load-test.sh                       # SQLite, a fresh file in a temporary directory
#   DATABASE_URL=postgres://… scripts/load-test.sh
# Environment: DURATION (60), CONNECTIONS (64), THREADS (2). Needs wrk (scripts/setup.sh), the
# release binary and target/site (scripts/build-site.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
BIN="${CARGO_TARGET_DIR:-target}/release/atlas"
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL=${DATABASE_URL:-sqlite://$work/load.db}
export ATLAS_LISTEN_ADDR=127.0.0.1:$port
export ATLAS_SITE_ROOT=${ATLAS_SITE_ROOT:-target/site}
export RUST_LOG=${RUST_LOG:-warn}
# Every connection comes from 127.0.0.1, so the per-client write limit would answer most saves
# with 429; the load test measures the app, not the limiter (tests/profiles.rs covers that).
export ATLAS_WRITE_RATE_PER_MINUTE=100000000 ATLAS_WRITE_BURST=100000000

"$BIN" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "server did not start" >&2; exit 1; }
  sleep 0.1
done

curl -fsS "http://127.0.0.1:$port/api/v1/occupations?per_page=100" | python3 -c '
import json, sys
codes = [item["code"] for item in json.load(sys.stdin)["items"]]
assert codes, "the catalog is empty"
print("return {" + ", ".join(json.dumps(code) for code in codes) + "}")
' >"$work/codes.lua"
export ATLAS_LOAD_CODES="$work/codes.lua"

rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }
backend=${DATABASE_URL%%:*}
echo "backend: $backend · $CONNECTIONS connections · $THREADS wrk threads · ${DURATION}s"
rss_before=$(rss)
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s scripts/load/mixed.lua \
  "http://127.0.0.1:$port" | tee "$work/wrk.out"
rss_after=$(rss)
kill -0 "$server_pid" || { echo "the server died under load" >&2; exit 1; }
result=$(grep '^RESULT' "$work/wrk.out")
echo "RSS before: ${rss_before} MB, after: ${rss_after} MB"
echo "$result backend=$backend rss_before_mb=$rss_before rss_after_mb=$rss_after"
errors=$(echo "$result" | sed -E 's/.*socket_errors=([0-9]+) non2xx=([0-9]+).*/\1 \2/')
set -- $errors
if [ "$1" != 0 ] || [ "$2" != 0 ]; then
  echo "FAIL: $1 socket errors, $2 responses other than 2xx/3xx" >&2
  grep -iE 'error|panic' "$work/server.log" | head -20 >&2 || true
  exit 1
fi
echo "OK: no errors"
