#!/usr/bin/env bash
# Runs every benchmark of the engine crate, one bench target at a time, then prints a summary and where
# criterion wrote its results. Extra arguments go to criterion, e.g.
#   scripts/bench.sh --save-baseline before      scripts/bench.sh --baseline before
# BENCHES="event_query" scripts/bench.sh runs only the named targets.
#
# The first run builds a 1,000,000-event database for event_query (about 10 s) and caches it under
# target/bench-data/. A full run takes about 3 minutes on a 2-core machine.
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

def mean_ns(*parts):
    p = os.path.join(root, *parts, "new", "estimates.json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        e = json.load(f)["mean"]
    return e["point_estimate"], e["confidence_interval"]["lower_bound"], e["confidence_interval"]["upper_bound"]

def fmt(ns):
    for unit, d in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= d:
            return f"{ns / d:.3g} {unit}"
    return f"{ns:.3g} ns"

print("\nSummary (criterion mean, 95% CI):")
batch = 1000
ingest = {}
for name in ("store_tx", "raw_rusqlite", "raw_rusqlite_json"):
    m = mean_ns("recorder_ingest", name)
    if m:
        ingest[name] = m[0]
        print(f"  recorder_ingest/{name:18} {fmt(m[0]):>10} per {batch} events "
              f"[{fmt(m[1])} .. {fmt(m[2])}]  = {batch / (m[0] / 1e9):,.0f} events/s")
if "store_tx" in ingest and "raw_rusqlite" in ingest:
    ratio = ingest["raw_rusqlite"] / ingest["store_tx"]
    verdict = "PASS" if ratio >= 0.7 else "FAIL"
    print(f"  recorder ingest / raw rusqlite = {ratio:.2f}x (goal >= 0.70x): {verdict}")
for name in ("open_store", "fresh_connection"):
    m = mean_ns("event_query", "newest_100_service_origin", name)
    if m:
        verdict = "PASS" if m[0] < 5e6 else "FAIL"
        print(f"  event_query/newest_100_service_origin/{name}: {fmt(m[0])} "
              f"[{fmt(m[1])} .. {fmt(m[2])}] (goal < 5 ms): {verdict}")
m = mean_ns("engine", "3_days_10k_oneshot_1k_periodic_fail_twice")
if m:
    verdict = "PASS" if m[0] < 1e9 else "FAIL"
    print(f"  engine/3_days_10k_oneshot_1k_periodic_fail_twice: {fmt(m[0])} "
          f"[{fmt(m[1])} .. {fmt(m[2])}] (goal < 1 s): {verdict}")
PY
