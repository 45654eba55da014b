#!/usr/bin/env bash
# Durability under SIGKILL (issue 9). Each round starts the release server on one database,
# lets concurrent writers (scripts/durability.py) create, update and delete profiles through the
# API, kills the server with SIGKILL at a random moment in the middle of the writes, restarts it,
# and then checks that every acknowledged write is there and intact (and every acknowledged
# delete gone), that no stored profile is unexplained, and that the database passes its own
# consistency checks. Rounds share one database, so each round also re-checks all earlier ones.
#
#   scripts/durability.sh [ROUNDS]          # default 10; needs target/release/atlas
#
# Environment: DATABASE_URL (default: a fresh SQLite file in a temporary directory),
# DURABILITY_WRITERS (4), DURABILITY_SEED (the round number by default), ATLAS_BIN,
# ATLAS_SITE_ROOT, CARGO_TARGET_DIR. Exits 1 on any lost, changed or unexplained profile, a
# failed database check, or a valid write answered with a 5xx while the server was up.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-10}
WRITERS=${DURABILITY_WRITERS:-4}
TARGET=${CARGO_TARGET_DIR:-target}
ATLAS_BIN=${ATLAS_BIN:-$TARGET/release/atlas}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
log() { printf '[durability] %s\n' "$*"; }
fail() { printf '[durability] FAILED: %s\n' "$*" >&2; exit 1; }

[ -x "$ATLAS_BIN" ] || fail "no server binary at $ATLAS_BIN; build it with scripts/build-site.sh (or cargo build --release --features ssr)"
command -v python3 >/dev/null || fail "python3 is needed for the writers"

export DATABASE_URL=${DATABASE_URL:-sqlite://$work/durability.db}
case "$DATABASE_URL" in
  sqlite:*) backend=sqlite ;;
  postgres:* | postgresql:*) backend=postgres ;;
  *) fail "DATABASE_URL must be a sqlite: or postgres: URL (got $DATABASE_URL)" ;;
esac
if [ "$backend" = sqlite ]; then
  command -v sqlite3 >/dev/null || fail "the sqlite3 command is needed for the integrity check (scripts/setup.sh installs it)"
  db_file=${DATABASE_URL#sqlite://}
  db_file=${db_file#sqlite:}
  db_file=${db_file%%\?*}
else
  command -v psql >/dev/null || fail "the psql command is needed for the consistency checks"
fi

# The API needs no built site; without one, serve the public/ files so the server has a root.
if [ -z "${ATLAS_SITE_ROOT:-}" ]; then
  if [ -d "$TARGET/site" ]; then ATLAS_SITE_ROOT="$TARGET/site"; else ATLAS_SITE_ROOT="$work/site"; cp -r public "$ATLAS_SITE_ROOT"; fi
fi
export ATLAS_SITE_ROOT ATLAS_DATA_DIR=${ATLAS_DATA_DIR:-data} RUST_LOG=${RUST_LOG:-warn}
# The writers are one client; the rate limit is not what is being tested.
export ATLAS_WRITE_RATE_PER_MINUTE=100000000 ATLAS_WRITE_BURST=100000000
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ATLAS_LISTEN_ADDR="127.0.0.1:$port"
base="http://127.0.0.1:$port"
outcomes="$work/outcomes.jsonl"
: > "$outcomes"

start_server() {
  "$ATLAS_BIN" serve >>"$work/server.log" 2>&1 &
  server_pid=$!
  # Wait until it answers (start-up migrates and may load the catalog), at most two minutes.
  for _ in $(seq 1 1200); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('$base/healthz', timeout=1)" 2>/dev/null; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { tail -n 20 "$work/server.log" >&2; fail "the server exited during start-up"; }
    sleep 0.1
  done
  fail "the server did not answer /healthz within two minutes"
}

# The database's own checks. SQLite: integrity_check and foreign_key_check. Both: every task row
# belongs to a profile and every profile has 1 to 50 tasks (a half-saved profile would not).
check_database() {
  local consistency="SELECT
      (SELECT COUNT(*) FROM profile_tasks t WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = t.profile_id)),
      (SELECT COUNT(*) FROM profiles p WHERE (SELECT COUNT(*) FROM profile_tasks t WHERE t.profile_id = p.id) NOT BETWEEN 1 AND 50)"
  local integrity foreign orphans count
  if [ "$backend" = sqlite ]; then
    integrity=$(sqlite3 "$db_file" 'PRAGMA integrity_check;')
    [ "$integrity" = ok ] || fail "PRAGMA integrity_check: $integrity"
    foreign=$(sqlite3 "$db_file" 'PRAGMA foreign_key_check;')
    [ -z "$foreign" ] || fail "PRAGMA foreign_key_check: $foreign"
    orphans=$(sqlite3 -separator ' ' "$db_file" "$consistency;")
    count=$(sqlite3 "$db_file" 'SELECT COUNT(*) FROM profiles;')
  else
    orphans=$(psql "$DATABASE_URL" -At -F ' ' -c "$consistency")
    count=$(psql "$DATABASE_URL" -At -c 'SELECT COUNT(*) FROM profiles')
  fi
  [ "$orphans" = "0 0" ] || fail "consistency (tasks without a profile, profiles without 1-50 tasks): $orphans"
  db_count=$count
}

log "$ROUNDS rounds, $WRITERS writers, $backend database, server $ATLAS_BIN on port $port"
total_acknowledged=0
total_in_doubt=0
started=$(date +%s)
for round in $(seq 1 "$ROUNDS"); do
  start_server
  python3 scripts/durability.py write --base "$base" --log "$outcomes" --writers "$WRITERS" \
    --seed "${DURABILITY_SEED:-$round}" > "$work/write.json" &
  writer_pid=$!
  # Wait for the first acknowledged write of this round (on a busy machine the writers can take
  # a second to start), then kill at a random moment 0.2-3 s later.
  logged=$(wc -l < "$outcomes")
  for _ in $(seq 1 600); do
    [ "$(wc -l < "$outcomes")" -gt "$logged" ] && break
    kill -0 "$writer_pid" 2>/dev/null || fail "the writers stopped before any write was acknowledged"
    sleep 0.1
  done
  delay_ms=$((200 + RANDOM % 2800))
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -KILL "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  wait "$writer_pid" || fail "the writers failed in round $round"
  written=$(cat "$work/write.json")
  acknowledged=$(python3 -c "import json,sys; print(json.load(sys.stdin).get('acknowledged', 0))" <<<"$written")
  in_doubt=$(python3 -c "import json,sys; print(json.load(sys.stdin).get('in_doubt', 0))" <<<"$written")
  errors=$(python3 -c "import json,sys; print(sum(n for k, n in json.load(sys.stdin).items() if k.startswith('refused_5')))" <<<"$written")
  [ "$errors" -eq 0 ] || fail "round $round: the server answered $errors valid writes with a 5xx before the kill ($written)"
  total_acknowledged=$((total_acknowledged + acknowledged))
  total_in_doubt=$((total_in_doubt + in_doubt))

  start_server
  check_database
  if ! summary=$(python3 scripts/durability.py verify --base "$base" --log "$outcomes" --db-count "$db_count"); then
    echo "$summary" >&2
    fail "round $round: acknowledged writes were lost or changed (see above)"
  fi
  log "round $round: killed ${delay_ms} ms after the first acknowledged write; writes acknowledged $acknowledged, in flight $in_doubt ($written); after restart: $summary"
  kill -TERM "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
done
elapsed=$(( $(date +%s) - started ))
log "PASSED: $ROUNDS rounds in ${elapsed} s; $total_acknowledged acknowledged writes, $total_in_doubt in flight at a kill; lost 0, changed 0; integrity ok"
log "final state: $summary"
