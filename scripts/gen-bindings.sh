#!/usr/bin/env bash
# The UI's TypeScript types, generated from the Rust types with ts-rs (never written by hand).
#
#   scripts/gen-bindings.sh           regenerates ui/src/lib/bindings/ (commit the result)
#   scripts/gen-bindings.sh --check   fails if the committed bindings differ from what the Rust types generate
#
# Each type marked `#[cfg_attr(feature = "ts", ts(export))]` gets a test named `export_bindings_<type>` that writes
# `<Type>.ts` to TS_RS_EXPORT_DIR; the crates' `ts` feature is off in normal builds, so only this script runs them.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

out=ui/src/lib/bindings
check=false
[ "${1:-}" = "--check" ] && check=true

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# i64/u64 cross as JSON numbers (milliseconds, row ids), never above 2^53: `number`, not `bigint`.
TS_RS_EXPORT_DIR="$tmp" TS_RS_LARGE_INT=number \
  cargo test --locked --quiet -p syncscope-engine -p syncscope-worker -p syncscope-app \
  --features syncscope-app/ts --lib export_bindings >"$tmp.log" 2>&1 || { cat "$tmp.log" >&2; rm -f "$tmp.log"; die "exporting the bindings failed"; }
rm -f "$tmp.log"

if $check; then
  if ! diff -r "$out" "$tmp" >&2; then
    die "the TypeScript bindings in $out are stale: run scripts/gen-bindings.sh and commit the result"
  fi
  say "TypeScript bindings are up to date ($(ls "$tmp" | wc -l) files)"
else
  rm -rf "$out"
  mkdir -p "$out"
  cp "$tmp"/*.ts "$out"/
  say "wrote $(ls "$out" | wc -l) files to $out"
fi
