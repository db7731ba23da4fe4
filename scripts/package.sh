#!/usr/bin/env bash
# The desktop app as a Debian package: target/release/bundle/deb/Syncscope_<version>_<arch>.deb.
#
#   scripts/package.sh
#
# Installs what it needs (build packages with apt-get, tauri-cli 2 with `cargo install --locked`, the UI's npm
# packages), builds the UI (ui/dist, embedded in the binary), then `cargo tauri build --bundles deb` (release).
# Only the .deb: Tauri's AppImage bundler downloads tools at build time and does not build here. Takes a few
# minutes (tauri-cli once, then a release build of the app); not run by CI.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_build_deps
ensure_node
ensure_debs dpkg-dev
if ! cargo tauri --version >/dev/null 2>&1; then
  say "installing tauri-cli (cargo tauri)"
  cargo install --locked tauri-cli --version '^2'
fi
say "building the UI"
(cd ui && { [ -d node_modules ] || npm ci; } && npm run build)
say "building the .deb (release)"
(cd src-tauri && cargo tauri build --bundles deb)
deb="$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -1)"
[ -n "$deb" ] || die "no .deb in target/release/bundle/deb/"
dpkg-deb --info "$deb" >/dev/null || die "$deb is not a valid Debian package"
say "built $deb ($(du -h "$deb" | cut -f1)); install with: sudo apt-get install ./$deb"
dpkg-deb --contents "$deb" | awk '{print $6}' | grep -E 'bin/|\.desktop$' >&2 || true
