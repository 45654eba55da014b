#!/usr/bin/env bash
# Runs the Playwright suite in end2end/ against the release server binary, on a free port and a
# throw-away SQLite database. Failed tests leave screenshots in end2end/test-results/.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
E2E_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export E2E_PORT
export E2E_DATABASE_URL="sqlite://$work/e2e.db"
ATLAS_BIN="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/atlas"
export ATLAS_BIN
cd end2end
exec ../node_modules/.bin/playwright test --config playwright.config.mjs "$@"
