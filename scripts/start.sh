#!/usr/bin/env bash
# Quick start, part 1: set up what is needed, build, and run Syncscope on its built-in demo.
# Usage: scripts/start.sh [extra arguments for `syncscope demo`]
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_build_deps
say "building syncscope (release)"
cargo build --release --locked -p syncscope-cli
say "running the built-in demo (virtual clock: three days in a moment)"
exec target/release/syncscope demo --db "${SYNCSCOPE_DEMO_DB:-$ROOT/target/demo/syncscope.db}" "$@"
