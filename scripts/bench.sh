#!/usr/bin/env bash
# Runs every benchmark of the engine crate, one bench target at a time, then prints a summary and where
# criterion wrote its results. Extra arguments go to criterion, e.g.
#   scripts/bench.sh --save-baseline before      scripts/bench.sh --baseline before
# BENCHES="event_query" scripts/bench.sh runs only the named targets.
#
# The first run builds a 1,000,000-event database for event_query (about 10 s) and caches it under
# target/bench-data/. A full run takes about 2 minutes on a 2-core machine (building the benches aside).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCHES=${BENCHES:-"recorder_ingest event_query engine"}
for bench in $BENCHES; do
    echo "==> cargo bench -p syncscope-engine --bench $bench"
    cargo bench -p syncscope-engine --bench "$bench" -- "$@"
done

target=${CARGO_TARGET_DIR:-$PWD/target}
criterion="$target/criterion"
echo
echo "Criterion results: $criterion (HTML report: $criterion/report/index.html)"
for bench in $BENCHES; do
    case $bench in
        recorder_ingest) group=recorder_ingest ;;
        event_query) group=event_query ;;
        engine) group=engine ;;
        *) group=$bench ;;
    esac
    [ -d "$criterion/$group" ] && echo "  $bench: $criterion/$group/"
done

if ! command -v python3 >/dev/null; then
    echo "(python3 not found: no summary; read the new/estimates.json files above)"
    exit 0
fi
python3 - "$criterion" <<'PY'
import json, os, sys

root = sys.argv[1]

def estimate(*parts):
    """Criterion's headline figure (the slope where it fitted one, else the mean) and its 95% CI, in ns."""
    p = os.path.join(root, *parts, "new", "estimates.json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        e = json.load(f)
    e = e.get("slope") or e["mean"]
    ci = e["confidence_interval"]
    return e["point_estimate"], ci["lower_bound"], ci["upper_bound"]

def fmt(ns):
    for unit, d in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= d:
            return f"{ns / d:.3g} {unit}"
    return f"{ns:.3g} ns"

def verdict(ok):
    return "PASS" if ok else "FAIL"

print("\nSummary (criterion's estimate with its 95% CI):")
ingest = {}
for name in ("store_tx", "raw_rusqlite", "raw_rusqlite_json"):
    m = estimate("recorder_ingest", name)
    if m:
        ingest[name] = m[0]
        print(f"  recorder_ingest/{name:18} {fmt(m[0]):>9} per 1000 events [{fmt(m[1])} .. {fmt(m[2])}]"
              f" = {1000 / (m[0] / 1e9):,.0f} events/s")
if "store_tx" in ingest and "raw_rusqlite" in ingest:
    print(f"  recorder_ingest ratio from criterion (unpaired): {ingest['raw_rusqlite'] / ingest['store_tx']:.2f}x")
paired = os.path.join(root, "recorder_ingest", "paired.json")
if os.path.exists(paired):
    with open(paired) as f:
        p = json.load(f)
    for name in ("store_tx", "raw_rusqlite", "raw_rusqlite_json", "raw_per_row_prepare"):
        if name in p:
            v = p[name]
            print(f"  recorder_ingest paired/{name:20} {v['median_seconds'] * 1e3:.3f} ms = {v['events_per_second']:,.0f} events/s")
    r = p["ratio_store_tx_over_raw"]
    print(f"  recorder_ingest paired ratio store_tx/raw: {r['median']:.2f}x (IQR {r['q1']:.2f}-{r['q3']:.2f})"
          f" (goal >= 0.70x): {verdict(r['median'] >= 0.7)}")
for name in ("open_store", "fresh_connection"):
    m = estimate("event_query", f"newest_100_service_origin_{name}")
    if m:
        print(f"  event_query/newest_100_service_origin/{name}: {fmt(m[0])} [{fmt(m[1])} .. {fmt(m[2])}]"
              f" (goal < 5 ms): {verdict(m[0] < 5e6)}")
m = estimate("engine", "3_days_10k_oneshot_1k_periodic_fail_twice")
if m:
    print(f"  engine/3_days_10k_oneshot_1k_periodic_fail_twice: {fmt(m[0])} [{fmt(m[1])} .. {fmt(m[2])}]"
          f" (goal < 1 s): {verdict(m[0] < 1e9)}")
PY
