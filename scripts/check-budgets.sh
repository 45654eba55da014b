#!/usr/bin/env bash
# Fails when a performance budget of issue #5 is exceeded (figures and method: BENCHMARKS.md):
#   - the release wasm bundle (after wasm-bindgen and wasm-opt) over 350 KB brotli;
#   - the custom ECharts build over 200 KB brotli;
#   - an occupation page served at under 50% of the requests per second of a static file server
#     sending the same bytes (scripts/page-throughput.sh, 4-second runs).
# Run after scripts/build-site.sh (it needs target/site, the release server and
# examples/static_page). KB = 1024 bytes, brotli quality 11, as scripts/bundle-sizes.mjs prints.
# Every check runs even when an earlier one fails; the exit status is 1 if any failed.
# The budgets are those of issue #5. To try the script against other figures (e.g. while the
# bundle is still over budget), set WASM_BROTLI_BUDGET_KB, ECHARTS_BROTLI_BUDGET_KB or
# THROUGHPUT_RATIO_BUDGET; the committed defaults are the issue's.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BROTLI_BUDGET_KB=${WASM_BROTLI_BUDGET_KB:-350}
ECHARTS_BROTLI_BUDGET_KB=${ECHARTS_BROTLI_BUDGET_KB:-200}
THROUGHPUT_RATIO_BUDGET=${THROUGHPUT_RATIO_BUDGET:-0.50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for file in target/site/pkg/atlas.wasm target/site/js/echarts.min.js; do
  [ -f "$file" ] || { echo "missing $file: run scripts/build-site.sh" >&2; exit 2; }
done

BUNDLE_SIZES_JSON="$work/sizes.json" node scripts/bundle-sizes.mjs \
  target/site/pkg/atlas.wasm target/site/pkg/atlas.js target/site/js/echarts.min.js
check_size() { # FILE BUDGET_KB
  local brotli
  brotli=$(node -e 'const rows = require(process.argv[1]); const row = rows.find((r) => r.file === process.argv[2]); console.log(row.brotli);' "$work/sizes.json" "$1")
  if [ "$brotli" -gt $(($2 * 1024)) ]; then
    printf 'OVER BUDGET: %s is %s KB brotli (%s bytes), over its budget of %s KB by %s KB\n' "$1" \
      "$(awk -v b="$brotli" 'BEGIN { printf "%.1f", b / 1024 }')" "$brotli" "$2" \
      "$(awk -v b="$brotli" -v k="$2" 'BEGIN { printf "%.1f", b / 1024 - k }')"; failed=1
  else
    printf 'ok: %s is %s KB brotli (budget %s KB)\n' "$1" "$(awk -v b="$brotli" 'BEGIN { printf "%.1f", b / 1024 }')" "$2"
  fi
}
check_size target/site/pkg/atlas.wasm "$WASM_BROTLI_BUDGET_KB"
check_size target/site/js/echarts.min.js "$ECHARTS_BROTLI_BUDGET_KB"

# Five rounds of four-second runs keep the whole check near a minute; the median of five
# rounds is steady where single rounds of the static server vary by a quarter.
THROUGHPUT_JSON="$work/throughput.json" DURATION=${DURATION:-4} ROUNDS=${ROUNDS:-5} scripts/page-throughput.sh /occupations/29-1224.00
ratio=$(node -e 'console.log(require(process.argv[1]).ratio)' "$work/throughput.json")
if awk -v r="$ratio" -v b="$THROUGHPUT_RATIO_BUDGET" 'BEGIN { exit !(r < b) }'; then
  printf 'OVER BUDGET: page throughput ratio %s, budget at least %s\n' "$ratio" "$THROUGHPUT_RATIO_BUDGET"; failed=1
else
  printf 'ok: page throughput ratio %s (budget at least %s)\n' "$ratio" "$THROUGHPUT_RATIO_BUDGET"
fi
if [ "$failed" -ne 0 ]; then
  echo "check-budgets: at least one budget of issue #5 is exceeded (see OVER BUDGET above)" >&2
else
  echo "check-budgets: every budget is met"
fi
exit "$failed"
