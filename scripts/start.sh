#!/usr/bin/env bash
# Quick start, part 1: set up what is needed, build the desktop app (release, with the UI embedded), and launch it on
# the built-in demo: a chat PWA (crates/demo/pwa) whose messages written offline are delivered by Background Sync.
#
# It needs a display (X11 or Wayland). Without one it says how to run it instead and exits non-zero:
#   xvfb-run -a scripts/start.sh      # on a virtual display (nothing to see there; e.g. for screenshots)
#   scripts/start.sh --cli            # the same demo in the terminal: `syncscope demo` (no display needed)
#
# The app's demo data (database, IndexedDB, caches) lives in target/demo/app/ (SYNCSCOPE_DATA_DIR overrides it), on a
# paused virtual clock (SYNCSCOPE_CLOCK=real for the real one); the CLI's in target/demo/syncscope.db.
# Extra arguments go to syncscope-app (or, after --cli, to `syncscope demo`).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

if [ "${1:-}" = "--cli" ]; then
  shift
  ensure_build_deps
  say "building syncscope (release)"
  cargo build --release --locked -p syncscope-cli
  say "running the built-in demo in the terminal (virtual clock: three days in a moment)"
  exec target/release/syncscope demo --db "${SYNCSCOPE_DEMO_DB:-$ROOT/target/demo/syncscope.db}" "$@"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
error: no display: neither $DISPLAY nor $WAYLAND_DISPLAY is set, so the Syncscope window cannot open here.

  - On a desktop session (or over `ssh -X`), run scripts/start.sh there.
  - On a headless machine, run it on a virtual display (installs and builds the same way):
        sudo apt-get install xvfb && xvfb-run -a scripts/start.sh
  - Or run the same built-in demo in the terminal, with the command-line tool:
        scripts/start.sh --cli
MSG
  exit 1
fi

ensure_build_deps
ensure_node
say "desktop UI (ui/): npm ci and the production build the app embeds"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build)
say "building syncscope-app and syncscope (release)"
cargo build --release --locked -p syncscope-app -p syncscope-cli
export SYNCSCOPE_DATA_DIR="${SYNCSCOPE_DATA_DIR:-$ROOT/target/demo/app}"
say "launching Syncscope on the built-in demo (data in $SYNCSCOPE_DATA_DIR; close the window to keep it in the tray, Quit from the tray)"
exec target/release/syncscope-app --demo "$@"
