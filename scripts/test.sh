#!/usr/bin/env bash
# Every check: formatting, clippy (server and wasm), all Rust tests (the integration tests twice:
# on SQLite, then on a throw-away PostgreSQL cluster), end-to-end browser tests, and the
# performance budgets of issue #5 (bundle sizes, page throughput).
# Expects scripts/setup.sh and scripts/build-site.sh to have run (make test does both).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, server (ssr, all targets)"
cargo clippy --release --features ssr --all-targets -- -D warnings

step "clippy, wasm bundle (hydrate)"
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-release -- -D warnings

step "Rust tests (unit, property, integration) on SQLite"
cargo test --release --features ssr

step "integration tests on PostgreSQL (the same tests, each on a database of its own)"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/atlas-pg.XXXXXX")
trap 'scripts/pg-cluster.sh stop "$pg_dir"' EXIT
pg_url=$(scripts/pg-cluster.sh start "$pg_dir")
pg_start=$(date +%s)
ATLAS_TEST_DATABASE_URL=$pg_url cargo test --release --features ssr --test '*'
echo "PostgreSQL run: $(( $(date +%s) - pg_start )) s"
scripts/pg-cluster.sh stop "$pg_dir"
trap - EXIT

step "OpenAPI document (openapi-spec-validator)"
scripts/validate-openapi.sh

step "end-to-end tests in Chromium (JavaScript on and off)"
scripts/e2e.sh

step "performance budgets (wasm and ECharts size, page throughput)"
scripts/check-budgets.sh
