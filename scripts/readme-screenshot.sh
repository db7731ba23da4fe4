#!/usr/bin/env bash
# The README's pictures. docs/app-demo.png and docs/app-background-sync.png are the real app window, taken by the
# end-to-end test (scripts/e2e.sh, under Xvfb) in artifacts/e2e/; docs/demo.png is `syncscope demo`'s terminal output,
# rendered with headless Chromium. Needs a release build of the CLI (scripts/start.sh --cli) and the chromium package.
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

shots=artifacts/e2e
if [ -f "$shots/07-server-503-retry-pending.png" ] && [ -f "$shots/10-retry-ladder-last-chance.png" ]; then
  cp "$shots/07-server-503-retry-pending.png" docs/app-demo.png
  cp "$shots/10-retry-ladder-last-chance.png" docs/app-background-sync.png
  say "wrote docs/app-demo.png and docs/app-background-sync.png from $shots"
else
  say "no app screenshots in $shots: run scripts/e2e.sh first for docs/app-*.png"
fi
