#!/usr/bin/env bash
# Serves the release build on http://127.0.0.1:3000 (or ATLAS_LISTEN_ADDR). The server creates and
# migrates the SQLite database and loads the shipped catalog when the database is empty or the
# catalog changed. Values from .env, when present, are used; the environment wins over them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .env ]; then
  set -a; . ./.env; set +a
fi
export ATLAS_SITE_ROOT=${ATLAS_SITE_ROOT:-target/site}
exec "${CARGO_TARGET_DIR:-target}/release/atlas" serve
