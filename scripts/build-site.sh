#!/usr/bin/env bash
# Builds the site the way `cargo leptos build --release` would, without needing cargo-leptos:
#   1. the wasm bundle (lib, feature `hydrate`, profile wasm-release)
#   2. wasm-bindgen  -> target/site/pkg/atlas.js + atlas.wasm
#   3. wasm-opt -Oz  (npm's binaryen; Debian's wasm-opt 108 produces a wasm that does not run)
#   4. the stylesheet -> target/site/pkg/atlas.css, public/* -> target/site/
#   5. ECharts, trimmed to the charts used -> target/site/js/echarts.min.js
#   6. fingerprinting (scripts/fingerprint.mjs): hashed copies of the bundle, its JS, the stylesheet
#      and the chart scripts, brotli and gzip copies, and target/site/asset-hashes.txt
#   7. the server binary (bin, feature `ssr`, profile release) and examples/static_page, the static
#      file server that scripts/page-throughput.sh compares the app with
# and prints the sizes of what the browser downloads. Usage: scripts/build-site.sh [--skip-server]
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=atlas
SITE=target/site
PKG=$SITE/pkg
export PATH="$PWD/node_modules/.bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
log() { printf '[build] %s\n' "$*"; }

log "wasm bundle (release)"
cargo build --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-release

mkdir -p "$PKG" "$SITE/js"
log "wasm-bindgen"
wasm-bindgen --target web --no-typescript --out-name "$NAME" --out-dir "$PKG" \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/$NAME.wasm"
mv -f "$PKG/${NAME}_bg.wasm" "$PKG/$NAME.wasm"

log "wasm-opt -Oz"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$PKG/$NAME.wasm" -o "$PKG/$NAME.opt.wasm"
mv -f "$PKG/$NAME.opt.wasm" "$PKG/$NAME.wasm"

log "stylesheet and public files"
cp style/main.css "$PKG/$NAME.css"
cp -R public/. "$SITE/"
# The fonts embedded in PDF downloads (DejaVu, from npm; its licence allows embedding).
mkdir -p "$SITE/fonts"
cp node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf "$SITE/fonts/"

log "ECharts (custom build)"
esbuild scripts/echarts-entry.mjs --bundle --minify --format=iife --global-name=echarts \
  --legal-comments=eof --log-level=warning --outfile="$SITE/js/echarts.min.js"

log "fingerprints and precompressed copies"
node scripts/fingerprint.mjs "$SITE"

if [ "${1:-}" != "--skip-server" ]; then
  log "server binary and static_page (release)"
  cargo build --release --bin "$NAME" --example static_page --no-default-features --features ssr
fi

node scripts/bundle-sizes.mjs "$PKG/$NAME.wasm" "$PKG/$NAME.js" "$PKG/$NAME.css" "$SITE/js/echarts.min.js"
