#!/usr/bin/env bash
# The desktop app's performance benchmark (issue 4; figures in docs/benchmarks.md, "Desktop app"):
#   1. launch → first data on screen, from process spawn (empty database, and one holding 100k events);
#   2. idle PSS of the app against a minimal Tauri app (benches/minimal-tauri-app) built in this run;
#   3. scrolling 100k events in the virtualized table: frame times and DOM row count;
#   4. live event → row in the table.
# Builds the UI, the app, the CLI and the minimal app in release, then runs scripts/perf/app-perf.mjs under Xvfb.
# Takes about 5 minutes once built. A benchmark, not a test: CI does not run it.
#
# Knobs (environment): PHASES=launch,table,ipc,pss,scroll,live  PERF_EVENTS=100000  LAUNCH_RUNS=5  PSS_RUNS=3
# PSS_WAIT_S=15  LIVE_SAMPLES=60  PERF_OUT=target/app-perf  SKIP_BUILD=1 (measure the last run's binaries again).
# Results: target/app-perf/results.json (and a summary on stdout).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_build_deps
ensure_debs xvfb xauth webkit2gtk-driver
ensure_node
if ! command -v tauri-driver >/dev/null; then
  say "installing tauri-driver (Tauri's WebDriver front for WebKitWebDriver)"
  cargo install --locked tauri-driver --version '^2'
fi

target=${CARGO_TARGET_DIR:-$ROOT/target}
if [ -z "${SKIP_BUILD:-}" ]; then
  say "building the UI"
  (cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build)
  say "building the app and the CLI (release)"
  cargo build --release --locked -p syncscope-app -p syncscope-cli
  say "building the minimal Tauri app (release; the main Cargo.lock's versions, offline)"
  cp Cargo.lock benches/minimal-tauri-app/Cargo.lock
  CARGO_TARGET_DIR="$target" cargo build --release --offline --manifest-path benches/minimal-tauri-app/Cargo.toml
fi

# Measure copies taken right after the build, so that another build replacing target/release/* changes nothing
# (SKIP_BUILD=1 measures the copies of the last run again).
out=${PERF_OUT:-$target/app-perf}
mkdir -p "$out/bin"
for b in syncscope-app minimal-tauri-app syncscope; do
  if [ -n "${SKIP_BUILD:-}" ] && [ -x "$out/bin/$b" ]; then continue; fi
  [ -x "$target/release/$b" ] || die "$target/release/$b is not built (run without SKIP_BUILD)"
  cp "$target/release/$b" "$out/bin/$b"
done
say "measuring under Xvfb (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
PERF_OUT="$out" \
APP_BIN="$out/bin/syncscope-app" \
MINIMAL_BIN="$out/bin/minimal-tauri-app" \
CLI_BIN="$out/bin/syncscope" \
  xvfb-run -a -s "-screen 0 1280x820x24" node scripts/perf/app-perf.mjs
