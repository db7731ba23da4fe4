#!/usr/bin/env python3
"""Kill loop: SIGKILL `syncscope run` in the middle of sync events, over and over, and check nothing is lost.

The engine rule under test: a sync that was firing when the process died is pending again after a restart,
with its attempt *not* counted, and nothing is dispatched before the worker is running. The service worker's
`sync` handler never fails on its own (it waits 0-1.5 s, then POSTs its tag to a local HTTP server that always
answers 200), so after any kill every remaining registration must still have `num_attempts == 0`, and in the
end every tag must have been delivered and completed successfully.

Two phases, each on its own database:

* A: default engine parameters (N - M kills);
* B: `--param max_sync_attempts=1` on every run (M kills). Every dispatch is a last chance there, so one
  attempt burned by a kill would delete the registration, and its tag would never be delivered.

Each iteration registers new tags when fewer than 3 are pending, starts `syncscope --db DB run ...`, waits
for the first `Dispatched sync event` line, sleeps 0-2 s, sends SIGKILL, and then checks the database
(SQLite integrity, `tags --json`). At the end of a phase the binary runs without being killed until every
registration is gone, and the event log and the server's deliveries are checked.

Usage: python3 tests/reliability/kill_loop.py [--bin target/debug/syncscope] [--kills 200]
       [--last-chance-kills 20] [--seed S] [--keep DIR]

Standard library only (Python 3.11). Exits 0 when every check passes, 1 on the first failed check, with a
message naming the seed and the iteration (rerun with --seed to replay the same random choices; timing on
the machine still varies).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

#: Wait at most this long for a run's first `Dispatched sync event` line.
DISPATCH_DEADLINE_S = 30.0
#: A run that is killed is started with this `--for` (it never gets there).
RUN_FOR = "30s"
#: The settling runs at the end of a phase, and how many of them at most.
SETTLE_FOR = "20s"
SETTLE_RUNS = 5
#: Register new tags when fewer than this many are pending.
MIN_PENDING = 3
#: Random sleep between the first dispatch and SIGKILL, in seconds.
KILL_AFTER_S = (0.0, 2.0)
#: Random wait inside the sync handler before it POSTs, in milliseconds.
HANDLER_WAIT_MS = 1500
#: Marker of a dispatch in `run`'s text output.
DISPATCHED = "Dispatched sync event"


class CheckFailed(Exception):
    """A reliability check failed (Syncscope misbehaved, or the harness could not do its job)."""


# ---------------------------------------------------------------------------------------------------------
# The delivery server
# ---------------------------------------------------------------------------------------------------------


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that does not print a traceback when a killed worker resets its connection."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


class DeliveryServer:
    """A real HTTP server on 127.0.0.1 (ephemeral port), in a thread, recording every POST body (a tag)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.deliveries: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _reply(self, code: int) -> None:
                self.send_response(code)
                # The worker's origin is http://localhost, so this is a cross-origin fetch: CORS applies.
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", "*")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                with server.lock:
                    server.deliveries.append(body)
                self._reply(200)

            def do_OPTIONS(self) -> None:  # noqa: N802
                self._reply(204)

            def log_message(self, *args) -> None:  # quiet
                pass

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="delivery-server", daemon=True)

    def start(self) -> None:
        """Starts serving in the background."""
        self.thread.start()

    def stop(self) -> None:
        """Stops serving."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def delivered(self) -> list[str]:
        """A copy of every body received so far, in order."""
        with self.lock:
            return list(self.deliveries)


def write_service_worker(folder: str, server_url: str) -> str:
    """Writes sw.js into `folder`: a `sync` handler that waits 0-1.5 s, then POSTs its tag; returns the path."""
    source = f"""\
// Written by tests/reliability/kill_loop.py.
const SERVER = {json.dumps(server_url)};
self.addEventListener('sync', (event) => {{
  console.log('handler ' + event.tag + ' lastChance=' + event.lastChance);
  event.waitUntil(new Promise((resolve, reject) => {{
    setTimeout(() => {{
      fetch(SERVER + '/deliver', {{ method: 'POST', body: event.tag }})
        .then((response) => response.ok ? resolve() : reject(new Error('HTTP ' + response.status)))
        .catch(reject);
    }}, Math.random() * {HANDLER_WAIT_MS});
  }}));
}});
"""
    path = os.path.join(folder, "sw.js")
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    return path


# ---------------------------------------------------------------------------------------------------------
# Running the binary
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Phase:
    """One phase: its database, parameters, and what happened so far."""

    name: str  # "A" or "B"
    db: str
    kills_planned: int
    params: list[str]
    expect_last_chance: str  # the "Last Chance" every dispatch must carry: "No" (A) or "Yes" (B)
    log_path: str
    registered: list[str] = field(default_factory=list)
    counter: int = 0
    kills: int = 0
    mid_event_kills: int = 0  # kills that left a registration stored as firing
    runs: int = 0
    restarts_with_work: int = 0
    max_dispatch_s: float = 0.0
    started_at: float = 0.0
    seconds: float = 0.0


class Harness:
    """Everything the loop needs: arguments, random source, server, work folder, service worker."""

    def __init__(self, args: argparse.Namespace, seed: int, work: str, server: DeliveryServer) -> None:
        self.bin = os.path.abspath(args.bin)
        self.seed = seed
        self.rng = random.Random(seed)
        self.work = work
        self.server = server
        self.sw = write_service_worker(work, server.url)
        self.where = "setup"  # phase and iteration, for failure messages

    def fail(self, message: str) -> CheckFailed:
        """A CheckFailed naming the seed and where it happened."""
        return CheckFailed(f"[seed {self.seed}, {self.where}] {message}")

    def cli(self, phase: Phase, *args: str) -> str:
        """Runs a reading subcommand (`tags`, `events`) on the phase's database; returns its stdout."""
        cmd = [self.bin, "--db", phase.db, *args]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise self.fail(f"`{' '.join(args)}` exited with {p.returncode}: {p.stderr.strip()}")
        return p.stdout

    def run_cmd(self, phase: Phase, run_for: str, register: list[str]) -> list[str]:
        """The `syncscope --db DB run ...` command line."""
        cmd = [self.bin, "--db", phase.db, "run", "--sw", self.sw, "--clock", "real", "--for", run_for]
        for tag in register:
            cmd += ["--register", tag]
        for p in phase.params:
            cmd += ["--param", p]
        return cmd


class RunningEngine:
    """A started `syncscope run` whose stdout lines are read in a thread and appended to the phase's log."""

    def __init__(self, cmd: list[str], log_path: str, header: str) -> None:
        self.lines: list[str] = []
        self.dispatched = threading.Event()
        self.eof = threading.Event()
        self.started = time.monotonic()
        self.first_dispatch_at: float | None = None
        self.log = open(log_path, "a", encoding="utf-8")
        self.log.write(f"\n===== {header}\n$ {' '.join(cmd)}\n")
        self.log.flush()
        self.proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=self.log,  # inherits the descriptor; appends
            stdin=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self.reader = threading.Thread(target=self._read, name="run-stdout", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            self.log.write(line)
            if DISPATCHED in line and not self.dispatched.is_set():
                self.first_dispatch_at = time.monotonic()
                self.dispatched.set()
        self.log.flush()
        self.eof.set()

    def wait_for_dispatch(self, deadline_s: float) -> float | None:
        """Seconds from start to the first dispatch line, or None if none came (deadline, or the run ended)."""
        end = self.started + deadline_s
        while time.monotonic() < end:
            if self.dispatched.wait(0.05):
                return self.first_dispatch_at - self.started
            if self.eof.is_set():
                return None
        return None

    def kill(self) -> int:
        """SIGKILL, then reap; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        rc = self.proc.wait()
        self.reader.join(5)
        self.log.close()
        return rc

    def wait(self, timeout_s: float) -> int:
        """Waits for the run to end by itself; returns its exit status."""
        rc = self.proc.wait(timeout=timeout_s)
        self.reader.join(5)
        self.log.close()
        return rc


# ---------------------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------------------


def check_integrity(h: Harness, phase: Phase) -> None:
    """`PRAGMA integrity_check` on the database, opened read-only, must say 'ok'."""
    conn = sqlite3.connect(f"file:{phase.db}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    result = [r[0] for r in rows]
    if result != ["ok"]:
        raise h.fail(f"PRAGMA integrity_check on {phase.db} says: {result[:10]}")


def read_tags(h: Harness, phase: Phase) -> list[dict]:
    """`syncscope tags --json`: the remaining registrations (none before the first run creates the database)."""
    if not os.path.exists(phase.db):
        return []
    text = h.cli(phase, "tags", "--json")
    try:
        tags = json.loads(text)
    except json.JSONDecodeError as e:
        raise h.fail(f"`tags --json` is not JSON ({e}): {text[:500]!r}")
    if not isinstance(tags, list):
        raise h.fail(f"`tags --json` is not an array: {text[:500]!r}")
    return tags


def check_tags_after_kill(h: Harness, phase: Phase, tags: list[dict]) -> None:
    """Every remaining registration has no attempt counted (the handler never fails, the server is always up),
    and every registration that is gone was delivered (it can only complete after the server answered)."""
    burned = [t for t in tags if t.get("num_attempts") != 0]
    if burned:
        desc = ", ".join(
            f"{t.get('tag')} (num_attempts {t.get('num_attempts')} of {t.get('max_attempts')}, "
            f"state {t.get('state')}, display_state {t.get('display_state')})"
            for t in burned
        )
        raise h.fail(f"an attempt was counted for a sync killed mid-event: {desc}")
    remaining = {t.get("tag") for t in tags}
    delivered = set(h.server.delivered())
    lost = [t for t in phase.registered if t not in remaining and t not in delivered]
    if lost:
        raise h.fail(f"registrations gone from the database but never delivered: {lost}")


def read_events(h: Harness, phase: Phase) -> list[dict]:
    """`syncscope events --json --oldest-first`: every recorded event of the phase's database."""
    text = h.cli(phase, "events", "--json", "--oldest-first", "--limit", "1000000")
    events = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise h.fail(f"`events --json` line {n} is not JSON ({e}): {line[:300]!r}")
    return events


def metadata(event: dict) -> dict[str, str]:
    """An event's metadata list as a dict."""
    return {m.get("key"): m.get("value") for m in event.get("eventMetadata") or []}


def check_phase_end(h: Harness, phase: Phase) -> dict:
    """After settling: every tag delivered and completed successfully, no failure events, and every dispatch
    carried the expected lastChance. Returns counts for the summary."""
    delivered = h.server.delivered()
    delivered_set = set(delivered)
    ours = [d for d in delivered if d.startswith(f"t-{phase.name}-")]
    undelivered = [t for t in phase.registered if t not in delivered_set]
    if undelivered:
        raise h.fail(f"{len(undelivered)} registered tag(s) never delivered to the server: {undelivered[:20]}")
    unknown = sorted({d for d in ours if d not in set(phase.registered)})
    if unknown:
        raise h.fail(f"the server received tags that were never registered: {unknown[:20]}")

    events = read_events(h, phase)
    failed = [e for e in events if e.get("eventName") == "sync event failed"]
    if failed:
        desc = "; ".join(f"{e.get('instanceId')} {metadata(e)}" for e in failed[:10])
        raise h.fail(f"{len(failed)} 'sync event failed' event(s): {desc}")
    completed: dict[str, int] = {}
    for e in events:
        if e.get("eventName") == "Sync completed":
            status = metadata(e).get("Status")
            if status != "succeeded":
                raise h.fail(f"'Sync completed' for {e.get('instanceId')} has Status {status!r}, not 'succeeded'")
            completed[e.get("instanceId")] = completed.get(e.get("instanceId"), 0) + 1
    not_completed = [t for t in phase.registered if t not in completed]
    if not_completed:
        raise h.fail(f"{len(not_completed)} registered tag(s) have no 'Sync completed': {not_completed[:20]}")
    twice = sorted(t for t, n in completed.items() if n > 1)
    if twice:
        raise h.fail(f"tags completed more than once: {twice[:20]}")
    wrong_lc = [
        e for e in events
        if e.get("eventName") == DISPATCHED and metadata(e).get("Last Chance") != phase.expect_last_chance
    ]
    if wrong_lc:
        desc = "; ".join(f"{e.get('instanceId')} Last Chance {metadata(e).get('Last Chance')}" for e in wrong_lc[:10])
        raise h.fail(
            f"{len(wrong_lc)} dispatch(es) without Last Chance {phase.expect_last_chance} "
            f"(an earlier attempt was counted): {desc}"
        )
    dispatches = sum(1 for e in events if e.get("eventName") == DISPATCHED)
    return {
        "delivered": len(set(ours)),
        "deliveries": len(ours),
        "duplicates": len(ours) - len(set(ours)),
        "dispatches": dispatches,
    }


# ---------------------------------------------------------------------------------------------------------
# The loop
# ---------------------------------------------------------------------------------------------------------


def new_tags(phase: Phase, pending: int) -> list[str]:
    """When fewer than MIN_PENDING tags are pending, new tags `t-<phase>-<counter>` to bring them back to it."""
    tags = []
    for _ in range(MIN_PENDING - pending):
        phase.counter += 1
        tags.append(f"t-{phase.name}-{phase.counter}")
    return tags


def kill_iteration(h: Harness, phase: Phase, i: int) -> None:
    """One iteration: maybe register, start, wait for a dispatch, sleep 0-2 s, SIGKILL, check."""
    h.where = f"phase {phase.name} iteration {i}/{phase.kills_planned}"
    before = read_tags(h, phase)
    register = new_tags(phase, len(before))
    phase.registered += register
    if before:
        phase.restarts_with_work += 1
    run = RunningEngine(h.run_cmd(phase, RUN_FOR, register), phase.log_path, h.where)
    phase.runs += 1
    took = run.wait_for_dispatch(DISPATCH_DEADLINE_S)
    if took is None:
        exited = run.proc.poll()
        rc = run.kill()
        why = f"the run exited with {rc}" if exited is not None else f"none within {DISPATCH_DEADLINE_S:.0f} s"
        raise h.fail(
            f"no '{DISPATCHED}' line ({why}); pending before: {[t.get('tag') for t in before]}, "
            f"registering: {register}; last output: {run.lines[-5:]} (log: {phase.log_path})"
        )
    phase.max_dispatch_s = max(phase.max_dispatch_s, took)
    time.sleep(h.rng.uniform(*KILL_AFTER_S))
    if run.proc.poll() is not None:
        raise h.fail(f"the run exited by itself with {run.proc.returncode} before SIGKILL (log: {phase.log_path})")
    rc = run.kill()
    if rc != -signal.SIGKILL:
        raise h.fail(f"the run ended with {rc}, not by SIGKILL")
    phase.kills += 1
    check_integrity(h, phase)
    after = read_tags(h, phase)
    if any(t.get("state") != "pending" for t in after):
        phase.mid_event_kills += 1
    check_tags_after_kill(h, phase, after)


def settle(h: Harness, phase: Phase) -> None:
    """Runs without killing (`--for 20s`, up to 5 times) until no registration is left."""
    for n in range(1, SETTLE_RUNS + 1):
        h.where = f"phase {phase.name} settling run {n}/{SETTLE_RUNS}"
        left = read_tags(h, phase)
        if not left:
            return
        phase.restarts_with_work += 1
        run = RunningEngine(h.run_cmd(phase, SETTLE_FOR, []), phase.log_path, h.where)
        phase.runs += 1
        took = run.wait_for_dispatch(DISPATCH_DEADLINE_S)
        if took is not None:
            phase.max_dispatch_s = max(phase.max_dispatch_s, took)
        try:
            rc = run.wait(60)
        except subprocess.TimeoutExpired:
            run.kill()
            raise h.fail(f"a `run --for {SETTLE_FOR}` did not stop within 60 s")
        if rc != 0:
            raise h.fail(f"a `run --for {SETTLE_FOR}` exited with {rc} (log: {phase.log_path})")
        check_integrity(h, phase)
        check_tags_after_kill(h, phase, read_tags(h, phase))
    h.where = f"phase {phase.name} after settling"
    left = read_tags(h, phase)
    if left:
        desc = ", ".join(f"{t.get('tag')} ({t.get('display_state')}, {t.get('num_attempts')} of {t.get('max_attempts')})" for t in left)
        raise h.fail(f"registrations still left after {SETTLE_RUNS} runs of {SETTLE_FOR}: {desc}")


def run_phase(h: Harness, phase: Phase) -> dict:
    """All kills of a phase, then settling and the end checks; returns the phase's summary numbers."""
    phase.started_at = time.monotonic()
    for i in range(1, phase.kills_planned + 1):
        kill_iteration(h, phase, i)
    settle(h, phase)
    counts = check_phase_end(h, phase)
    phase.seconds = time.monotonic() - phase.started_at
    return counts


def summary_line(phase: Phase, counts: dict) -> str:
    """The one-line summary of a phase."""
    params = " ".join(phase.params) or "default parameters"
    return (
        f"phase {phase.name} ({params}): {phase.kills} kills ({phase.mid_event_kills} mid-event), "
        f"{phase.runs - 1} restarts "
        f"({phase.restarts_with_work} with pending work), {len(phase.registered)} tags registered, "
        f"{counts['delivered']} delivered ({counts['deliveries']} POSTs, {counts['duplicates']} duplicates), "
        f"{counts['dispatches']} dispatches, max {phase.max_dispatch_s:.2f} s from start to first dispatch, "
        f"{phase.seconds:.0f} s"
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default="target/debug/syncscope", help="the syncscope binary")
    p.add_argument("--kills", type=int, default=200, help="SIGKILLs in all (default 200)")
    p.add_argument("--last-chance-kills", type=int, default=20,
                   help="of those, how many in phase B (max_sync_attempts=1; default 20)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: random; always printed)")
    p.add_argument("--keep", metavar="DIR", default=None, help="keep the work folder (databases, logs) in DIR")
    a = p.parse_args(argv)
    if a.kills < 0 or a.last_chance_kills < 0 or a.last_chance_kills > a.kills:
        p.error("need 0 <= --last-chance-kills <= --kills")
    return a


def main(argv: list[str]) -> int:
    """Runs both phases; prints summaries; 0 on success, 1 on the first failed check."""
    args = parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"kill_loop: seed {seed} (replay with --seed {seed})", flush=True)
    if not os.access(args.bin, os.X_OK):
        print(f"kill_loop: FAILED [seed {seed}, setup] no executable binary at {args.bin}", flush=True)
        return 1
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        work = os.path.abspath(args.keep)
    else:
        work = tempfile.mkdtemp(prefix="syncscope-kill-loop-")
    server = DeliveryServer()
    server.start()
    h = Harness(args, seed, work, server)
    phases = [
        Phase("A", os.path.join(work, "a.db"), args.kills - args.last_chance_kills, [], "No",
              os.path.join(work, "a.log")),
        Phase("B", os.path.join(work, "b.db"), args.last_chance_kills, ["max_sync_attempts=1"], "Yes",
              os.path.join(work, "b.log")),
    ]
    for ph in phases:
        for suffix in ("", "-wal", "-shm", ".lock"):
            if os.path.exists(ph.db + suffix):
                os.remove(ph.db + suffix)
    started = time.monotonic()
    totals = {"delivered": 0, "deliveries": 0, "duplicates": 0, "dispatches": 0}
    ok = False
    try:
        for ph in phases:
            counts = run_phase(h, ph)
            for k in totals:
                totals[k] += counts[k]
            print(f"kill_loop: {summary_line(ph, counts)}", flush=True)
        ok = True
    except CheckFailed as e:
        print(f"kill_loop: FAILED {e}", flush=True)
        print(f"kill_loop: work folder: {work}" + ("" if args.keep else " (kept for the post-mortem)"), flush=True)
        return 1
    finally:
        server.stop()
        if ok and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    kills = sum(p.kills for p in phases)
    mid = sum(p.mid_event_kills for p in phases)
    restarts = sum(p.runs - 1 for p in phases)
    registered = sum(len(p.registered) for p in phases)
    print(
        f"kill_loop: OK seed {seed}: {kills} kills ({mid} mid-event), {restarts} restarts, {registered} tags registered, "
        f"{totals['delivered']} delivered, {totals['duplicates']} duplicate deliveries (at-least-once), "
        f"max {max(p.max_dispatch_s for p in phases):.2f} s from restart to first dispatch, "
        f"{time.monotonic() - started:.0f} s in all" + (f"; work folder kept in {work}" if args.keep else ""),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
