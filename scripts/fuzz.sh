#!/usr/bin/env bash
# Fuzzing (cargo fuzz, libFuzzer) of what Syncscope reads from outside: DevTools event files, CDP frames,
# durations and engine parameters, URLs mapped to a worker folder's files (crates/fuzz/fuzz_targets).
#
#   scripts/fuzz.sh                 every target for 10 minutes (the full run; figures in docs/reliability.md)
#   scripts/fuzz.sh --short         every target for 20 s (CI)
#   scripts/fuzz.sh --secs N [T..]  every target (or the ones named) for N seconds
#
# Stable toolchain, no sanitizer (Rust's own checks: bounds, overflow in debug assertions, panics); each run
# starts from crates/fuzz/seeds/<target> and a fresh corpus in a temporary folder. A crash leaves its input in
# crates/fuzz/artifacts/<target>/ and fails the script; replay it with
#   cargo fuzz run --fuzz-dir crates/fuzz --sanitizer none -O <target> crates/fuzz/artifacts/<target>/<file>
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

SECS=600
if [ "${1:-}" = "--short" ]; then
  SECS=20
  shift
elif [ "${1:-}" = "--secs" ]; then
  SECS="${2:?--secs needs a number of seconds}"
  shift 2
fi
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(devtools_import cdp_frame duration_and_params url_to_file)

ensure_rust
ensure_debs build-essential # libFuzzer is C++
command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz"; cargo install --locked cargo-fuzz; }

say "fuzz: building the targets (release, no sanitizer)"
cargo fuzz build --fuzz-dir crates/fuzz --sanitizer none -O

corpus_root=$(mktemp -d)
trap 'rm -rf "$corpus_root"' EXIT
for t in "${TARGETS[@]}"; do
  say "fuzz: $t for $SECS s"
  mkdir -p "$corpus_root/$t"
  # -timeout: one input taking over 10 s is a hang, reported like a crash.
  status=0
  cargo fuzz run --fuzz-dir crates/fuzz --sanitizer none -O "$t" "$corpus_root/$t" "crates/fuzz/seeds/$t" -- \
    -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$corpus_root/$t.log" 2>&1 || status=$?
  grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb)|cov: .*DONE|panicked|ERROR|SUMMARY|Test unit' \
    "$corpus_root/$t.log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$corpus_root/$t.log"
    die "fuzz: $t failed (exit status $status; its input is in crates/fuzz/artifacts/$t/)"
  fi
done
say "fuzz: ${TARGETS[*]} ran $SECS s each without a failure"
