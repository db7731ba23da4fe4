#!/usr/bin/env bash
# Renders `syncscope demo` output as docs/demo.png (the README's picture) with headless Chromium.
# Needs a release build (scripts/start.sh) and the chromium package.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_debs chromium
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/syncscope --db "$work/demo.db" demo > "$work/demo.txt"
python3 - "$work/demo.txt" "$work/demo.html" <<'PY'
import html, sys
text = open(sys.argv[1]).read()
page = f"""<!doctype html><meta charset=utf-8><style>
body {{ margin:0; background:#1e1f22; }}
pre {{ margin:0; padding:20px 24px; color:#dfe1e5; font:13px/1.45 'DejaVu Sans Mono', monospace; }}
</style><pre>$ scripts/start.sh\n{html.escape(text)}</pre>"""
open(sys.argv[2], "w").write(page)
PY
lines=$(wc -l < "$work/demo.txt")
height=$(( (lines + 1) * 19 + 44 ))
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=1540,"$height" --screenshot="$ROOT/docs/demo.png" "file://$work/demo.html" 2>/dev/null
say "wrote docs/demo.png"
