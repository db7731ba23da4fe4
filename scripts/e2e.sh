#!/usr/bin/env bash
# End-to-end test of the desktop app's real window: WebDriver (tauri-driver in front of Debian's WebKitWebDriver)
# under Xvfb. Screenshots of every step land in artifacts/e2e/. scripts/test.sh runs this; alone it builds what it
# needs (the UI must be built first: `cd ui && npm ci && npm run build`).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_build_deps
ensure_debs xvfb xauth webkit2gtk-driver
command -v cargo-nextest >/dev/null || { say "installing cargo-nextest"; cargo install --locked cargo-nextest; }
if ! command -v tauri-driver >/dev/null; then
  say "installing tauri-driver (Tauri's WebDriver front for WebKitWebDriver)"
  cargo install --locked tauri-driver --version '^2'
fi
[ -f ui/dist/index.html ] || die "ui/dist is missing: run (cd ui && npm ci && npm run build) first"
rm -rf artifacts/e2e
mkdir -p artifacts/e2e
say "desktop app end to end (WebDriver under Xvfb; screenshots in artifacts/e2e/)"
xvfb-run -a -s "-screen 0 1280x820x24" \
  cargo nextest run --locked -p syncscope-app --test e2e --run-ignored only --no-fail-fast
