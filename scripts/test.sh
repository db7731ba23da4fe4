#!/usr/bin/env bash
# Quick start, part 2: set up what is needed and run every check and test. CI runs exactly this.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_build_deps
# Headless Chromium for syncscope-cdp's tests against a real browser (Debian's package).
ensure_debs chromium
command -v cargo-nextest >/dev/null || { say "installing cargo-nextest"; cargo install --locked cargo-nextest; }

ensure_node

say "worker prelude (JavaScript): tests, and the committed bundle is up to date"
(cd crates/worker/js && npm ci --no-audit --no-fund --loglevel=error && npm test && node build.mjs --check)

say "real libraries for the embedded worker's tests (tests/fixtures/libs: idb-keyval, idb, Workbox)"
(cd tests/fixtures/libs && npm ci --no-audit --no-fund --loglevel=error)

say "desktop UI (ui/): lint, unit tests, and the production build the app embeds"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run lint && npm test && npm run build)

say "format"
cargo fmt --all -- --check
say "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "TypeScript bindings are generated from the Rust types and up to date"
scripts/gen-bindings.sh --check
say "doc tests"
cargo test --workspace --doc --locked
scripts/e2e.sh
say "tests"
# (the soak runs once, in the reliability suite below)
cargo nextest run --workspace --locked --no-fail-fast -E 'not (package(syncscope-app) & binary(soak))'
# The reliability suite's short mode (kills, stalled servers); the full run is `scripts/reliability.sh`.
scripts/reliability.sh --short
say "all checks passed"
