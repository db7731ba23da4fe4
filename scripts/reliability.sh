#!/usr/bin/env bash
# Reliability suite: SIGKILL the CLI and the desktop app mid-sync over and over (tests/reliability/kill_loop.py),
# then the Rust reliability tests (worker storage under kills, CLI restart and kill -9, the engine's restart
# conformance), storage faults, the soak and fuzzing.
#
#   scripts/reliability.sh           full run (200 kills of the CLI, 20 with max_sync_attempts=1; 50 of the app;
#                                    a 30-minute soak; 10 minutes of fuzzing a target)
#   scripts/reliability.sh --short   CI run (12 kills of the CLI, 4 with max_sync_attempts=1; 5 of the app;
#                                    a 20 s soak; 20 s of fuzzing a target)
#
# Extra arguments after the mode go to kill_loop.py (e.g. `--seed 1234` to replay a failure, `--keep DIR`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

MODE=full
if [ "${1:-}" = "--short" ]; then
  MODE=short
  shift
elif [ "${1:-}" = "--full" ]; then
  shift
fi
KILL_LOOP_EXTRA=("$@")

ensure_rust
command -v python3 >/dev/null || die "python3 not found (the kill loop needs Python 3.11 or newer)"
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || die "the kill loop needs Python 3.11 or newer ($(python3 --version))"
command -v cargo-nextest >/dev/null || { say "installing cargo-nextest"; cargo install --locked cargo-nextest; }
ensure_debs xvfb # the kill loop runs the desktop app on an Xvfb display of its own

# ---- scenarios: one function each -----------------------------------------------------------------------

# SIGKILL `syncscope run`, then the desktop app, in the middle of sync events; every sync must survive with no
# attempt burned.
scenario_kill_loop() {
  local kills last_chance app_kills
  if [ "$MODE" = short ]; then kills=12; last_chance=4; app_kills=5; else kills=200; last_chance=20; app_kills=50; fi
  say "kill loop: $kills SIGKILLs of syncscope run mid-sync ($last_chance with max_sync_attempts=1)," \
    "$app_kills of the desktop app"
  python3 tests/reliability/kill_loop.py --bin target/debug/syncscope \
    --kills "$kills" --last-chance-kills "$last_chance" \
    --app target/debug/syncscope-app --app-kills "$app_kills" ${KILL_LOOP_EXTRA[@]+"${KILL_LOOP_EXTRA[@]}"}
}

# The embedded worker's reliability tests (storage and events under kills and restarts).
scenario_worker_reliability() {
  say "worker reliability tests"
  cargo nextest run --locked -p syncscope-worker --test reliability
}

# The CLI restarted and killed with -9 in the middle of work.
scenario_cli_restart_kill9() {
  say "CLI restart and kill -9 tests"
  cargo nextest run --locked -p syncscope-cli --test restart --test kill9
}

# The engine's conformance tests about restarts, failing writes and workers that cannot run yet.
scenario_engine_restart_conformance() {
  say "engine conformance: restart, failing writes, workers that cannot run"
  cargo nextest run --locked -p syncscope-engine --test conformance -E 'test(/restart|write_that_fails|cannot_run/)'
}

# Servers that accept and never answer: the script, importScripts, install/activate, a handler's fetch under a
# paused virtual clock (in the worker tests above), and a saved worker on such a server at the app's start.
scenario_stalled_app_start() {
  say "the app starts at once and restores a saved worker on a stalled server within its deadline"
  cargo nextest run --locked -p syncscope-app --test commands -E 'test(/never_answers/)'
}

# A database locked elsewhere for 6 s and a full 16 MiB tmpfs while a worker registers syncs, then SIGKILL:
# every register() that resolved is in the database (needs root, to mount the tmpfs).
scenario_storage_faults() {
  local n
  if [ "$MODE" = short ]; then n=300; else n=1000; fi
  say "storage faults: a 6 s lock and a full 16 MiB tmpfs during $n registrations, then SIGKILL"
  python3 tests/reliability/storage_faults.py --bin target/debug/syncscope --registrations "$n"
}

# The soak: 4 pages and the worker doing IndexedDB read-modify-writes of one key (2,500 a round, none lost),
# the worker updated every 2 s, 200 settings commands a round from 8 threads, and the window's live event count
# equal to the database's at the end (src-tauri/tests/soak.rs). 30 minutes in full, 20 s in CI.
scenario_soak() {
  local secs
  if [ "$MODE" = short ]; then secs=20; else secs=1800; fi
  say "soak: $secs s of page and worker read-modify-writes under worker updates and settings commands"
  SYNCSCOPE_SOAK_SECS="$secs" cargo nextest run --locked -p syncscope-app --test soak --no-capture
}

# cargo fuzz: DevTools import, CDP frames, durations and parameters, URL to file (scripts/fuzz.sh); 10 minutes a
# target in full, 20 s in CI.
scenario_fuzz() {
  if [ "$MODE" = short ]; then scripts/fuzz.sh --short; else scripts/fuzz.sh; fi
}

# ---- later scenarios plug in here -----------------------------------------------------------------------
# Add a function `scenario_<name>() { say "..."; <commands>; }` above this line and append its name to
# SCENARIOS below. Use "$MODE" (full or short) to scale it down for CI.

SCENARIOS=(
  scenario_kill_loop
  scenario_worker_reliability
  scenario_cli_restart_kill9
  scenario_engine_restart_conformance
  scenario_stalled_app_start
  scenario_storage_faults
  scenario_soak
  scenario_fuzz
)

# ---- main ------------------------------------------------------------------------------------------------

say "reliability suite ($MODE): building the CLI and the desktop app"
cargo build -p syncscope-cli --locked
cargo build -p syncscope-app --locked

for scenario in "${SCENARIOS[@]}"; do
  "$scenario"
done
say "reliability suite ($MODE) passed"
