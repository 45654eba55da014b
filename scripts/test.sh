#!/usr/bin/env bash
# Every check: formatting, clippy (server and wasm), all Rust tests, end-to-end browser tests, and
# the performance budgets of issue #5 (bundle sizes, page throughput).
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

step "Rust tests (unit, property, integration)"
cargo test --release --features ssr

step "OpenAPI document (openapi-spec-validator)"
scripts/validate-openapi.sh

step "end-to-end tests in Chromium (JavaScript on and off)"
scripts/e2e.sh

step "performance budgets (wasm and ECharts size, page throughput)"
scripts/check-budgets.sh
