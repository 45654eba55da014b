#!/usr/bin/env bash
# Installs everything the build and the tests need, and nothing that is already there.
# Idempotent: a second run on a set-up machine takes a few seconds.
# Sources: rustup (wasm target), the crate registry (wasm-bindgen-cli, pinned), npm (package-lock.json),
# Debian apt (chromium for end-to-end tests, poppler-utils for the PDF checks, wrk for the page
# throughput budget, postgresql for the tests on PostgreSQL, sqlite3 for scripts/durability.sh;
# python3 is expected, as on every Debian). `scripts/setup.sh fuzz` adds the nightly toolchain
# and cargo-fuzz for scripts/fuzz.sh. Nothing is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock 2>/dev/null | sed -n 's/^version = "\(.*\)"/\1/p' || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
log() { printf '[setup] %s\n' "$*"; }

# `scripts/setup.sh fuzz` installs only what scripts/fuzz.sh needs: a nightly toolchain (libFuzzer
# needs its sanitizer flags) and cargo-fuzz, pinned, from the crate registry.
CARGO_FUZZ_VERSION=0.13.2
if [ "${1:-}" = fuzz ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    log "installing the nightly Rust toolchain (for cargo-fuzz)"
    rustup toolchain install nightly --profile minimal
  fi
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
    log "installing cargo-fuzz $CARGO_FUZZ_VERSION (one-time, a few minutes)"
    cargo install -q --locked --force cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
  exit 0
fi

# 1. Rust wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock.
#    `cargo install --locked` fails on this Rust (its lock file pins webpki-roots 1.0.11, which the
#    registry does not serve), so the crate is unpacked and installed with webpki-roots 1.0.10.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (one-time, about 5-10 minutes)"
  work=$(mktemp -d)
  crate=$(ls ~/.cargo/registry/cache/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION".crate 2>/dev/null | head -n1 || true)
  if [ -z "$crate" ]; then
    # Fetch the crate into cargo's cache by way of a throw-away project that depends on it.
    mkdir -p "$work/fetch/src"
    printf '[package]\nname="fetch"\nversion="0.0.0"\nedition="2021"\n[dependencies]\nwasm-bindgen-cli="=%s"\n' "$WASM_BINDGEN_VERSION" > "$work/fetch/Cargo.toml"
    touch "$work/fetch/src/lib.rs"
    (cd "$work/fetch" && cargo fetch -q) || true
    crate=$(ls ~/.cargo/registry/cache/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION".crate | head -n1)
  fi
  tar -xzf "$crate" -C "$work"
  (cd "$work/wasm-bindgen-cli-$WASM_BINDGEN_VERSION" \
     && (cargo update -q -p webpki-roots --precise 1.0.10 || true) \
     && CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        cargo install -q --locked --force --path .)
  rm -rf "$work"
fi

# 3. System packages from Debian: chromium (end-to-end tests), poppler-utils (pdftotext reads the
#    PDF downloads back in tests), wrk (scripts/page-throughput.sh, run by scripts/check-budgets.sh),
#    postgresql (the server binaries; scripts/pg-cluster.sh runs a throw-away cluster of its own for
#    the tests, the package's own cluster is not used), sqlite3 (the integrity checks of
#    scripts/durability.sh). Only installed when missing.
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v wrk >/dev/null || need_apt+=(wrk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "[setup] please install: ${need_apt[*]} (apt-get install -y ...)" >&2; exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  log "installing from apt: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# 4. npm packages, exactly as package-lock.json pins them.
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
# 5. openapi-spec-validator from PyPI, in a virtual environment outside the clone: an independent
#    check that /api/openapi.json is a valid OpenAPI 3.1 document (scripts/validate-openapi.sh).
TOOLS_DIR=${ATLAS_TOOLS_DIR:-$HOME/.cache/atlas-tools}
OPENAPI_VALIDATOR_VERSION=0.7.1
if [ "$("$TOOLS_DIR/venv/bin/pip" show openapi-spec-validator 2>/dev/null | sed -n 's/^Version: //p')" != "$OPENAPI_VALIDATOR_VERSION" ]; then
  log "installing openapi-spec-validator $OPENAPI_VALIDATOR_VERSION into $TOOLS_DIR/venv"
  python3 -m venv "$TOOLS_DIR/venv"
  "$TOOLS_DIR/venv/bin/pip" install -q "openapi-spec-validator==$OPENAPI_VALIDATOR_VERSION"
fi
log "ready"
