#!/usr/bin/env bash
# Page throughput: requests per second for one page of the app, next to a static file server
# (examples/static_page.rs: tokio + hyper + axum, the file held in memory) sending the same HTML
# bytes. Both run on this machine in one run, measured with wrk, alternating static/app ROUNDS
# times; the median of each is compared. The app runs as deployed, with every layer of
# src/server/layers.rs on, metrics included (ATLAS_METRICS_ADDR on a free port).
#
# Usage: scripts/page-throughput.sh [PATH]   (default /occupations/29-1224.00, the radiologists)
# Environment: DURATION (seconds per wrk run, 5), CONNECTIONS (16), THREADS (1), ROUNDS (3),
#   THROUGHPUT_JSON=path to also write the figures as JSON, UNCACHED=1 to give every request its
#   own query string (?uncached=N, which the page ignores) so that the app renders every page
#   instead of answering from its page cache — the cost of a first visit; ENCODING=br (or gzip)
#   to ask both servers for that encoding (the app compresses; the static server does not, so
#   the ratio then compares sizes as well as speed).
# Needs: wrk (apt; scripts/setup.sh), and scripts/build-site.sh to have built the release server
# and examples/static_page.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGE=${1:-/occupations/29-1224.00}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
TARGET_DIR=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)
ATLAS="$TARGET_DIR/release/atlas"
STATIC="$TARGET_DIR/release/examples/static_page"
for binary in "$ATLAS" "$STATIC"; do
  [ -x "$binary" ] || { echo "missing $binary: run scripts/build-site.sh" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/setup.sh" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server at $1 did not come up" >&2; exit 2
}

APP_PORT=$(free_port)
METRICS_PORT=$(free_port)
DATABASE_URL="sqlite://$work/atlas.db" ATLAS_LISTEN_ADDR="127.0.0.1:$APP_PORT" \
  ATLAS_METRICS_ADDR="127.0.0.1:$METRICS_PORT" \
  ATLAS_SITE_ROOT=target/site ATLAS_DATA_DIR=data RUST_LOG=warn "$ATLAS" serve >"$work/app.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$APP_PORT/healthz"
APP_URL="http://127.0.0.1:$APP_PORT$PAGE"
curl -sf "$APP_URL" -o "$work/page.html"

STATIC_PORT=$(free_port)
"$STATIC" "$work/page.html" "127.0.0.1:$STATIC_PORT" >"$work/static.log" 2>&1 &
pids+=($!)
STATIC_URL="http://127.0.0.1:$STATIC_PORT$PAGE"
wait_for "$STATIC_URL"
cmp -s "$work/page.html" <(curl -sf "$STATIC_URL") || { echo "the static server sends other bytes" >&2; exit 2; }
BYTES=$(wc -c <"$work/page.html")

WRK_SCRIPT=()
if [ -n "${ENCODING:-}" ]; then WRK_SCRIPT+=(-H "Accept-Encoding: $ENCODING"); fi
if [ "${UNCACHED:-0}" = 1 ]; then
  cat >"$work/uncached.lua" <<'LUA'
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?uncached=" .. counter .. "-" .. math.random(1e9))
end
LUA
  WRK_SCRIPT+=(-s "$work/uncached.lua")
fi

# One wrk run: prints "requests_per_second mean_latency_ms p99_latency_ms".
measure() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${WRK_SCRIPT[@]}" "$1" >"$work/wrk.txt"
  if grep -q 'Non-2xx\|Socket errors' "$work/wrk.txt"; then cat "$work/wrk.txt" >&2; echo "wrk saw errors" >&2; exit 2; fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^    Latency/ { mean = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f\n", rps, mean, p99 }' "$work/wrk.txt"
}

# Warm up both (the app's first request renders the page; later ones come from its page cache).
wrk -t1 -c4 -d1s "$STATIC_URL" >/dev/null
wrk -t1 -c4 -d1s "$APP_URL" >/dev/null
: >"$work/static.txt"; : >"$work/app.txt"
for round in $(seq 1 "$ROUNDS"); do
  measure "$STATIC_URL" >>"$work/static.txt"
  measure "$APP_URL" >>"$work/app.txt"
done
median() { sort -n -k1,1 "$1" | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2)'; }
read -r STATIC_RPS STATIC_MEAN STATIC_P99 <<<"$(median "$work/static.txt")"
read -r APP_RPS APP_MEAN APP_P99 <<<"$(median "$work/app.txt")"
RATIO=$(awk -v a="$APP_RPS" -v s="$STATIC_RPS" 'BEGIN { printf "%.2f", a / s }')

printf 'page throughput: %s (%s bytes), wrk -t%s -c%s -d%ss, median of %s rounds%s%s\n' \
  "$PAGE" "$BYTES" "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" \
  "$([ "${UNCACHED:-0}" = 1 ] && echo ', every request a new URL (uncached)')" \
  "$([ -n "${ENCODING:-}" ] && echo ", Accept-Encoding: $ENCODING")"
printf '  %-28s %10s %12s %12s\n' "" "req/s" "mean ms" "p99 ms"
printf '  %-28s %10s %12s %12s\n' "static file (in memory)" "$STATIC_RPS" "$STATIC_MEAN" "$STATIC_P99"
printf '  %-28s %10s %12s %12s\n' "atlas" "$APP_RPS" "$APP_MEAN" "$APP_P99"
printf '  ratio atlas / static: %s\n' "$RATIO"
curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" | grep -q '^atlas_http_requests_total' \
  || { echo "the app's metrics counted nothing: were the layers on?" >&2; exit 2; }
printf '  all rounds (req/s): static %s; atlas %s\n' \
  "$(cut -d' ' -f1 "$work/static.txt" | paste -sd' ')" "$(cut -d' ' -f1 "$work/app.txt" | paste -sd' ')"
if [ -n "${THROUGHPUT_JSON:-}" ]; then
  printf '{"page":"%s","bytes":%s,"static_rps":%s,"app_rps":%s,"ratio":%s}\n' \
    "$PAGE" "$BYTES" "$STATIC_RPS" "$APP_RPS" "$RATIO" >"$THROUGHPUT_JSON"
fi
