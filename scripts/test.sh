#!/usr/bin/env bash
# Quick start, part 2: set up what is needed and run every check and test. CI runs exactly this.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_build_deps
# Headless Chromium for syncscope-cdp's tests against a real browser (Debian's package).
ensure_debs chromium
command -v cargo-nextest >/dev/null || { say "installing cargo-nextest"; cargo install --locked cargo-nextest; }

say "format"
cargo fmt --all -- --check
say "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "tests"
cargo nextest run --workspace --locked --no-fail-fast
say "doc tests"
cargo test --workspace --doc --locked
say "all checks passed"
