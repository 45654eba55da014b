#!/usr/bin/env bash
# Fuzzes the three parsers that read untrusted files (issue 9), each for SECONDS (default 180):
#   profile_csv   the CSV task list of a profile upload   (src/profile/csv.rs)
#   catalog_toml  the catalog's TOML files                (src/catalog)
#   onet_rows     an O*NET release's tab-separated files  (src/onet)
# The targets live in fuzz/ (cargo-fuzz, libFuzzer, a nightly toolchain). Each starts from the
# seeds in fuzz/seeds/<target>/ (plus, for onet_rows, the test fixture release) and keeps what it
# learns in fuzz/corpus/<target>/; a crash is saved in fuzz/artifacts/<target>/ and fails the
# script. Not part of `make test`: it takes minutes.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# FUZZ_SANITIZER: none (the default: safe Rust, so panics and broken promises are what is
# looked for, and it runs about twice as fast) or address. FUZZ_JOBS: parallel jobs per target (1).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-180}
shift || true
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=(profile_csv catalog_toml onet_rows)
SANITIZER=${FUZZ_SANITIZER:-none}
JOBS=${FUZZ_JOBS:-1}
log() { printf '[fuzz] %s\n' "$*"; }

scripts/setup.sh fuzz
# The fuzz build gets its own target directory: other flags than the app's build.
FUZZ_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}/fuzz

cd fuzz
log "building ${TARGETS[*]} (sanitizer: $SANITIZER)"
for target in "${TARGETS[@]}"; do
  cargo +nightly fuzz build -O --sanitizer "$SANITIZER" --target-dir "$FUZZ_TARGET_DIR" "$target"
done

# onet_rows seeds from the fixture release: each file alone (first byte 0-3 chooses which), and
# all four separated by form feeds (first byte 4).
fixture=../tests/fixtures/onet/release-ok
mkdir -p seeds/onet_rows.generated
index=0
for file in occupation-data task-statements task-ratings work-context; do
  { printf "\\x0$index"; cat "$fixture/$file.tsv"; } > "seeds/onet_rows.generated/$file"
  index=$((index + 1))
done
{ printf '\x04'; cat "$fixture/occupation-data.tsv"; printf '\x0c'; cat "$fixture/task-statements.tsv"
  printf '\x0c'; cat "$fixture/task-ratings.tsv"; printf '\x0c'; cat "$fixture/work-context.tsv"; } \
  > seeds/onet_rows.generated/all-four

summary=()
status=0
for target in "${TARGETS[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  seeds="seeds/$target"
  [ "$target" = onet_rows ] && seeds=seeds/onet_rows.generated
  log "running $target for $SECONDS_PER_TARGET s"
  output=$(mktemp)
  if cargo +nightly fuzz run -O --sanitizer "$SANITIZER" --target-dir "$FUZZ_TARGET_DIR" \
      --jobs "$JOBS" "$target" "corpus/$target" "$seeds" -- \
      -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="artifacts/$target/" -print_final_stats=1 >"$output" 2>&1; then
    result=ok
  else
    result="CRASH (see fuzz/artifacts/$target/)"
    status=1
    tail -n 40 "$output" >&2
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$output" | tail -n1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$output" | tail -n1)
  coverage=$(grep -o 'cov: [0-9]*' "$output" | tail -n1 | awk '{print $2}')
  corpus=$(find "corpus/$target" -type f | wc -l)
  summary+=("$target: ${SECONDS_PER_TARGET} s, ${runs:-?} runs (${speed:-?}/s), coverage ${coverage:-?} edges, corpus $corpus files, $result")
  rm -f "$output"
done
for line in "${summary[@]}"; do log "$line"; done
exit "$status"
