#!/usr/bin/env bash
# Shared helpers for Syncscope's setup scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install sudo or run as root)"; fi
}

# Installs the Debian packages named that are not installed yet; runs apt-get update once, only if needed.
ensure_debs() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them (Debian/Ubuntu expected)"
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Rust toolchain comes from rustup (Debian's rustc is too old for edition 2024).
ensure_rust() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null || die "cargo not found: install Rust >= 1.95 with rustup (https://rustup.rs), then run this again"
  local v
  v="$(rustc --version | awk '{print $2}')"
  local major minor
  major="${v%%.*}"; minor="$(echo "$v" | cut -d. -f2)"
  if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 95 ]; }; then
    die "Rust $v is too old: Syncscope needs 1.95 or newer (rustup update)"
  fi
}

# Node.js and npm for the front-end parts (the worker's prelude); Debian's packages when none is installed.
ensure_node() {
  command -v npm >/dev/null && command -v node >/dev/null && return 0
  ensure_debs nodejs npm
}

# Build dependencies every part of the workspace needs; the WebKitGTK, tray and icon libraries are the desktop
# app's (Tauri v2 on Linux).
ensure_build_deps() {
  ensure_debs build-essential pkg-config libssl-dev file \
    libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  ensure_rust
}
