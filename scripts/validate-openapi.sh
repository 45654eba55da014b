#!/usr/bin/env bash
# Validates the OpenAPI document that the release binary generates (`atlas openapi`, the same as
# /api/openapi.json) with openapi-spec-validator, an implementation independent of ours.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS_DIR=${ATLAS_TOOLS_DIR:-$HOME/.cache/atlas-tools}
BIN="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/atlas"
document=$(mktemp --suffix=.json)
trap 'rm -f "$document"' EXIT
"$BIN" openapi > "$document"
"$TOOLS_DIR/venv/bin/openapi-spec-validator" --schema 3.1 "$document"
