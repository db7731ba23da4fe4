#!/usr/bin/env python3
"""Kill loop: SIGKILL `syncscope run`, then the desktop app, in the middle of sync events, over and over, and
check nothing is lost.

The engine rule under test: a sync that was firing when the process died is pending again after a restart,
with its attempt *not* counted, and nothing is dispatched before the worker is running. The service worker's
`sync` handler never fails on its own (it waits 0-1.5 s, then POSTs its tag to a local HTTP server that always
answers 200), so after any kill every remaining registration must still have `num_attempts == 0`, and in the
end every tag must have been delivered and completed successfully.

Three phases, each on its own database:

* A: default engine parameters (N - M kills);
* B: `--param max_sync_attempts=1` on every run (M kills). Every dispatch is a last chance there, so one
  attempt burned by a kill would delete the registration, and its tag would never be delivered.
* C (with `--app`): the desktop app (`syncscope-app`, default parameters) on a data folder of its own, on an
  Xvfb display the phase starts itself. The app restores its saved worker from the server's `/sw.js`; the
  script names the tags to register this launch (its `activate` handler registers them), so every launch is a
  new version, installed and activated at the start. Its `sync` handler reports `POST /ran` as it starts,
  then does what A/B's does. Skipped, with a line saying so, without `--app` or without /usr/bin/Xvfb.

Each iteration registers new tags when fewer than 3 are pending, starts `syncscope --db DB run ...` (C: the
app), waits for the first `Dispatched sync event` line (C: the first handler run reported to `/ran`, of a tag
pending before the start when there was one, within 30 s: a registration was dispatched to a running worker),
sleeps 0-2 s, sends SIGKILL (C: to the app's process group, its WebKit helpers too; every 5th launch instead
SIGTERM to the app, which must quit cleanly: status 0, its log showing the engine stopped), and then checks the
database (SQLite integrity, `tags --json`, which reads the app's database too). At the end of a phase the
binary runs without being killed until every registration is gone (C: the app, up to 60 s, then SIGTERM), and
the event log and the server's deliveries are checked.

Usage: python3 tests/reliability/kill_loop.py [--bin target/debug/syncscope] [--kills 200]
       [--last-chance-kills 20] [--app target/debug/syncscope-app] [--app-kills 50] [--seed S] [--keep DIR]

A phase with 0 kills is skipped. Standard library only (Python 3.11). Exits 0 when every check passes, 1 on
the first failed check, with a message naming the seed and the iteration (rerun with --seed to replay the
same random choices; timing on the machine still varies).
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
#: Phase C: how long the app may run at the end until every registration is gone.
APP_SETTLE_S = 60.0
#: Phase C: every this many launches is stopped with SIGTERM to the app (a clean quit) instead of SIGKILL.
APP_TERM_EVERY = 5
#: Phase C: the app's log lines that show a clean quit on SIGTERM, in order.
QUIT_LINES = ("quitting on a signal", "engine stopped", "Syncscope stopped")
#: Phase C's display server.
XVFB = "/usr/bin/Xvfb"


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
    """A real HTTP server on 127.0.0.1 (ephemeral port), in a thread. It records every tag POSTed to `/deliver`;
    for phase C it also serves `GET /sw.js` (the script the harness set last) and records the desktop app's
    worker's reports: `POST /ran` (a sync handler started) and `POST /registered` (its activate handler's
    `sync.register` calls resolved), each a JSON body naming the app launch."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.deliveries: list[str] = []
        #: (monotonic time received, the JSON body) of every `POST /ran`, in order.
        self.ran: list[tuple[float, dict]] = []
        #: The JSON body of every `POST /registered`, in order.
        self.registrations: list[dict] = []
        self.script: bytes | None = None
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _reply(self, code: int, body: bytes = b"", content_type: str | None = None) -> None:
                self.send_response(code)
                # Phases A and B: the worker's origin is http://localhost, so this is a cross-origin fetch: CORS
                # applies. (Phase C's worker is on this server's origin: its fetches are same-origin.)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", "*")
                if content_type:
                    self.send_header("Content-Type", content_type)
                    self.send_header("Cache-Control", "no-cache")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                path = self.path.split("?", 1)[0]
                if path in ("/ran", "/registered"):
                    try:
                        report = json.loads(body)
                    except json.JSONDecodeError:
                        report = {"unreadable": body}
                    with server.lock:
                        if path == "/ran":
                            server.ran.append((time.monotonic(), report))
                        else:
                            server.registrations.append(report)
                        server.lock.notify_all()
                    self._reply(200)
                    return
                with server.lock:
                    server.deliveries.append(body)
                    server.lock.notify_all()
                self._reply(200)

            def do_GET(self) -> None:  # noqa: N802
                with server.lock:
                    script = server.script
                if self.path.split("?", 1)[0] == "/sw.js" and script is not None:
                    self._reply(200, script, "text/javascript; charset=utf-8")
                else:
                    self._reply(404)

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

    def set_script(self, source: str) -> None:
        """What `GET /sw.js` answers from now on."""
        with self.lock:
            self.script = source.encode("utf-8")

    def first_ran(self, launch: int, tags: set[str] | None, deadline: float, alive) -> tuple[float, dict] | None:
        """The first `/ran` report of app launch `launch` (for one of `tags`, unless None), waiting until the
        monotonic time `deadline`, or None (deadline passed, or `alive()` turned false: the app exited)."""
        with self.lock:
            while True:
                for at, report in self.ran:
                    if report.get("launch") == launch and (tags is None or report.get("tag") in tags):
                        return at, report
                left = deadline - time.monotonic()
                if left <= 0 or not alive():
                    return None
                self.lock.wait(min(left, 0.1))

    def ran_in(self, launch: int) -> set[str]:
        """The tags whose handler reported to `/ran` in app launch `launch`."""
        with self.lock:
            return {r.get("tag") for _, r in self.ran if r.get("launch") == launch}

    def registered_by(self, launch: int) -> list[dict]:
        """The `/registered` reports of app launch `launch`."""
        with self.lock:
            return [r for r in self.registrations if r.get("launch") == launch]


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
    quits: int = 0  # phase C: launches ended by SIGTERM, a clean quit
    mid_event_quits: int = 0  # of those, how many left a registration stored as firing
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


def check_after_kill(h: Harness, phase: Phase, rc: int, what: str, quit: bool = False) -> None:
    """After a SIGKILL that ended `what` with status `rc` (with `quit`, a SIGTERM that must have been a clean
    quit, status 0): counts it (and whether it hit a sync mid-event), then checks the database's integrity and
    its remaining registrations."""
    expected, how = (0, "a clean quit (status 0) on SIGTERM") if quit else (-signal.SIGKILL, "SIGKILL")
    if rc != expected:
        raise h.fail(f"{what} ended with {rc}, not by {how} (log: {phase.log_path})")
    check_integrity(h, phase)
    after = read_tags(h, phase)
    mid_event = any(t.get("state") != "pending" for t in after)
    if quit:
        phase.quits += 1
        phase.mid_event_quits += mid_event
    else:
        phase.kills += 1
        phase.mid_event_kills += mid_event
    check_tags_after_kill(h, phase, after)


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
    check_after_kill(h, phase, run.kill(), "the run")


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


# ---------------------------------------------------------------------------------------------------------
# Phase C: the desktop app
# ---------------------------------------------------------------------------------------------------------


def app_service_worker(launch: int, tags: list[str]) -> str:
    """Phase C's sw.js for app launch `launch`: its `activate` handler registers `tags` (then reports them to
    `/registered`); its `sync` handler reports to `/ran` at once, then does what phase A and B's handler does (waits
    0-1.5 s, POSTs its tag to `/deliver`, resolves only on a 2xx). The launch number is in the source, so every
    launch serves a changed script: a new version, which installs and activates when the app restores it."""
    return f"""\
// Written by tests/reliability/kill_loop.py (phase C, app launch {launch}).
const LAUNCH = {launch};
const TAGS = {json.dumps(tags)};
const post = (path, body) => fetch(self.location.origin + path, {{ method: 'POST', body }});
self.addEventListener('activate', (event) => {{
  event.waitUntil(
    Promise.all(TAGS.map((tag) => self.registration.sync.register(tag)))
      .then(() => post('/registered', JSON.stringify({{ launch: LAUNCH, tags: TAGS }})))
  );
}});
self.addEventListener('sync', (event) => {{
  console.log('handler ' + event.tag + ' lastChance=' + event.lastChance);
  post('/ran', JSON.stringify({{ launch: LAUNCH, tag: event.tag, lastChance: event.lastChance }}))
    .catch((e) => console.log('POST /ran: ' + e));
  event.waitUntil(new Promise((resolve, reject) => {{
    setTimeout(() => {{
      post('/deliver', event.tag)
        .then((response) => response.ok ? resolve() : reject(new Error('HTTP ' + response.status)))
        .catch(reject);
    }}, Math.random() * {HANDLER_WAIT_MS});
  }}));
}});
"""


class Xvfb:
    """An `Xvfb :N` of our own (the first free display from 99 up), stopped by `stop`."""

    def __init__(self, log_path: str) -> None:
        self.proc: subprocess.Popen | None = None
        self.display = ""
        self.log_path = log_path

    def start(self) -> None:
        """Starts it on the first free display; raises RuntimeError when none starts."""
        for n in range(99, 140):
            if os.path.exists(f"/tmp/.X{n}-lock") or os.path.exists(f"/tmp/.X11-unix/X{n}"):
                continue
            with open(self.log_path, "a", encoding="utf-8") as log:
                proc = subprocess.Popen(
                    [XVFB, f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                )
            end = time.monotonic() + 10
            while time.monotonic() < end and proc.poll() is None:
                if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                    self.proc, self.display = proc, f":{n}"
                    return
                time.sleep(0.05)
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        raise RuntimeError(f"no Xvfb display could be started on :99-:139 (see {self.log_path})")

    def stop(self) -> None:
        """Stops it (SIGTERM, then SIGKILL after 5 s)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class RunningApp:
    """A started `syncscope-app`, in a process group of its own (so its WebKit helper processes are killed with
    it); stdout and stderr are appended to the phase's log."""

    def __init__(self, cmd: list[str], env: dict[str, str], log_path: str, header: str) -> None:
        self.started = time.monotonic()
        self.log = open(log_path, "a", encoding="utf-8")
        self.log.write(f"\n===== {header}\n$ {' '.join(cmd)}\n")
        self.log.flush()
        self.proc = subprocess.Popen(
            cmd, env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, start_new_session=True
        )
        self.pgid = self.proc.pid
        #: Processes of the group still there (zombies or not) 5 s after it was killed.
        self.lingering = 0

    def alive(self) -> bool:
        """Whether the app process has not exited."""
        return self.proc.poll() is None

    def _signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.pgid, sig)
        except ProcessLookupError:
            pass

    def _reap(self) -> None:
        """After the app ended: waits up to 5 s for the rest of its group (WebKit helpers) to be gone."""
        end = time.monotonic() + 5
        while time.monotonic() < end:
            try:
                os.killpg(self.pgid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            self.lingering = group_members(self.pgid)
        self.log.close()

    def kill(self) -> int:
        """SIGKILL to the whole group, then reap; returns the app's exit status."""
        self._signal_group(signal.SIGKILL)
        rc = self.proc.wait()
        self._reap()
        return rc

    def term(self, timeout_s: float) -> tuple[int, str]:
        """SIGTERM to the app's own process, as `kill PID` or a session ending sends it; SIGKILL to the group
        after `timeout_s`. Returns the exit status and how it ended."""
        try:
            os.kill(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            rc, how = self.proc.wait(timeout_s), "SIGTERM"
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            rc, how = self.proc.wait(), f"SIGKILL (still running {timeout_s:.0f} s after SIGTERM)"
        self._signal_group(signal.SIGKILL)  # helpers that outlived it
        self._reap()
        return rc, how

    def stop(self, timeout_s: float) -> tuple[int, str]:
        """SIGTERM to the group; SIGKILL after `timeout_s`. Returns the exit status and how it ended."""
        self._signal_group(signal.SIGTERM)
        try:
            rc, how = self.proc.wait(timeout_s), "SIGTERM"
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            rc, how = self.proc.wait(), f"SIGKILL (still running {timeout_s:.0f} s after SIGTERM)"
        self._signal_group(signal.SIGKILL)  # helpers that outlived it
        self._reap()
        return rc, how


def group_members(pgid: int) -> int:
    """How many processes (zombies included) are in process group `pgid`, read from /proc."""
    n = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its closing parenthesis.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 2 and fields[2] == str(pgid):
            n += 1
    return n


@dataclass
class AppRun:
    """Phase C's own state beside its Phase: the app, its data folder, the display, and what happened."""

    app: str
    data: str
    display: str
    launches: int = 0
    max_ran_s: float = 0.0  # start of a launch -> the first handler run of that launch
    lingering: int = 0  # group members still there 5 s after a kill, summed over kills
    pending_seen: int = 0  # registrations pending at a killed launch's start, summed over launches
    pending_ran: int = 0  # of those, how many had their handler run before the kill
    stopped_how: str = ""


def app_env(h: Harness, ar: AppRun) -> dict[str, str]:
    """The app's environment: its data folder, the real clock (`SYNCSCOPE_CLOCK=real`, not the remembered one),
    our Xvfb display."""
    env = dict(os.environ)
    env.pop("WAYLAND_DISPLAY", None)
    # NO_COLOR: plain log lines in the phase's log.
    env.update(SYNCSCOPE_DATA_DIR=ar.data, SYNCSCOPE_CLOCK="real", DISPLAY=ar.display, NO_COLOR="1")
    return env


def launch_app(h: Harness, phase: Phase, ar: AppRun, register: list[str]) -> tuple[RunningApp, int]:
    """Serves a sw.js that registers `register` when it activates, and starts the app; returns it and the
    launch number."""
    ar.launches += 1
    h.server.set_script(app_service_worker(ar.launches, register))
    app = RunningApp([ar.app], app_env(h, ar), phase.log_path, f"{h.where} (launch {ar.launches})")
    phase.runs += 1
    return app, ar.launches


def log_tail(path: str, lines: int = 15) -> str:
    """The last lines of a log file, for failure messages."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def wait_for_handler(h: Harness, phase: Phase, ar: AppRun, app: RunningApp, launch: int,
                     pending: list[str], register: list[str]) -> float:
    """Waits for the first sync handler run of this launch (`POST /ran`) of a tag that was pending before the
    start (of one the worker registered when none was): a registration was dispatched to a running worker.
    Checks it is not a last chance. Returns seconds from start."""
    wanted = set(pending) or set(register)
    got = h.server.first_ran(launch, wanted, app.started + DISPATCH_DEADLINE_S, app.alive)
    if got is None:
        exited = app.proc.poll()
        rc = app.kill()
        why = f"the app exited with {rc}" if exited is not None else f"none within {DISPATCH_DEADLINE_S:.0f} s"
        confirmed = h.server.registered_by(launch)
        raise h.fail(
            f"no sync handler of {sorted(wanted)} ran after app launch {launch} ({why}); ran: "
            f"{sorted(h.server.ran_in(launch))}; pending before: {pending}, registered by "
            f"activate: {register} (confirmed: {bool(confirmed)}); log tail:\n{log_tail(phase.log_path)}"
            f"(log: {phase.log_path})"
        )
    at, report = got
    took = at - app.started
    if register and not h.server.registered_by(launch):
        raise h.fail(f"a handler ran after launch {launch} but its activate handler never reported {register}")
    if report.get("lastChance") is not False:
        raise h.fail(f"launch {launch}'s first handler run has lastChance {report.get('lastChance')!r}: {report}")
    ar.max_ran_s = max(ar.max_ran_s, took)
    return took


def launch_log(path: str) -> str:
    """The phase log's text since the last launch's header."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return text[text.rfind("\n===== "):]


def app_kill_iteration(h: Harness, phase: Phase, ar: AppRun, i: int) -> None:
    """One iteration of phase C: maybe have the worker register new tags, start the app, wait for a handler to
    run, sleep 0-2 s, SIGKILL the app's process group (every APP_TERM_EVERY-th time: SIGTERM to the app, which
    must quit cleanly), check."""
    quit = i % APP_TERM_EVERY == 0
    h.where = f"phase C iteration {i}/{phase.kills_planned}" + (" (SIGTERM)" if quit else "")
    before = read_tags(h, phase)
    pending = [t.get("tag") for t in before]
    register = new_tags(phase, len(before))
    phase.registered += register
    if before:
        phase.restarts_with_work += 1
    app, launch = launch_app(h, phase, ar, register)
    try:
        wait_for_handler(h, phase, ar, app, launch, pending, register)
        time.sleep(h.rng.uniform(*KILL_AFTER_S))
        if not app.alive():
            raise h.fail(f"the app exited by itself with {app.proc.wait()} before SIGKILL (log: {phase.log_path})")
    except BaseException:
        app.kill()
        raise
    if quit:
        rc, how = app.term(10)
        if how != "SIGTERM":
            raise h.fail(f"the app did not quit on SIGTERM: {how} (log: {phase.log_path})")
        log = launch_log(phase.log_path)
        at = [log.find(line) for line in QUIT_LINES]
        if -1 in at or at != sorted(at):
            raise h.fail(f"the app's log does not show {' → '.join(QUIT_LINES)} after SIGTERM (log: "
                         f"{phase.log_path}):\n{log[-1500:]}")
    else:
        rc = app.kill()
    ar.lingering += app.lingering
    ran = h.server.ran_in(launch)
    ar.pending_seen += len(pending)
    ar.pending_ran += len(set(pending) & ran)
    strange = sorted(ran - set(pending) - set(register))
    if strange:
        raise h.fail(f"launch {launch} ran handlers for tags that were not registered: {strange}")
    check_after_kill(h, phase, rc, "the app", quit)


def app_settle(h: Harness, phase: Phase, ar: AppRun) -> None:
    """Starts the app once more and lets it run, not killed, until every registered tag is delivered and no
    registration is left (at most APP_SETTLE_S); then stops it (SIGTERM, SIGKILL after 10 s) and checks the
    database."""
    h.where = "phase C settling"
    before = read_tags(h, phase)
    if not before:
        ar.stopped_how = "nothing (no registration was left to settle)"
        return
    phase.restarts_with_work += 1
    app, launch = launch_app(h, phase, ar, [])
    try:
        wait_for_handler(h, phase, ar, app, launch, [t.get("tag") for t in before], [])
        end = app.started + APP_SETTLE_S
        while True:
            delivered = set(h.server.delivered())
            undelivered = [t for t in phase.registered if t not in delivered]
            if not undelivered:
                # While the app runs the CLI reads its database (WAL; the engine saves every change).
                left = read_tags(h, phase)
                if not left:
                    break
            if time.monotonic() > end:
                break
            if not app.alive():
                raise h.fail(f"the app exited by itself with {app.proc.wait()} while settling "
                             f"(log: {phase.log_path})")
            time.sleep(0.5)
    finally:
        if app.alive():
            rc, how = app.stop(10)
            ar.stopped_how = f"{how}, exit status {rc}"
            ar.lingering += app.lingering
        else:
            app.kill()  # its helpers, if any
    h.where = "phase C after settling"
    check_integrity(h, phase)
    left = read_tags(h, phase)
    check_tags_after_kill(h, phase, left)
    if left:
        desc = ", ".join(f"{t.get('tag')} ({t.get('display_state')}, {t.get('num_attempts')} of "
                         f"{t.get('max_attempts')})" for t in left)
        raise h.fail(f"registrations still left after the app ran {APP_SETTLE_S:.0f} s: {desc}")


def app_phase_skipped(args: argparse.Namespace) -> str | None:
    """Why phase C does not run, or None when it does."""
    if not args.app:
        return "no --app given"
    if args.app_kills == 0:
        return "--app-kills 0"
    if not os.access(XVFB, os.X_OK):
        return f"{XVFB} not found (install xvfb)"
    return None


def run_app_phase(h: Harness, args: argparse.Namespace) -> tuple[Phase, AppRun, dict]:
    """Phase C: the app on its own data folder under our own Xvfb, `--app-kills` SIGKILLs, then settling and
    the end checks; returns the phase, its app state and its summary numbers."""
    data = os.path.join(h.work, "app-data")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    phase = Phase("C", os.path.join(data, "syncscope.db"), args.app_kills, [], "No", os.path.join(h.work, "c.log"))
    phase.started_at = time.monotonic()
    h.where = "phase C setup"
    xvfb = Xvfb(phase.log_path)
    try:
        try:
            xvfb.start()
        except RuntimeError as e:
            raise h.fail(str(e))
        ar = AppRun(os.path.abspath(args.app), data, xvfb.display)
        # The worker the user added in an earlier run: the script on the server's origin, loaded over HTTP.
        with open(os.path.join(data, "app-workers.json"), "w", encoding="utf-8") as f:
            json.dump([{"scope": h.server.url + "/", "script_url": h.server.url + "/sw.js", "root": None,
                        "given": h.server.url + "/sw.js"}], f, indent=2)
        # Recording on (the app's Record switch), so the end checks can read the events.
        cli = subprocess.run([h.bin, "--db", phase.db, "record", "--on"], capture_output=True, text=True,
                             timeout=60)
        if cli.returncode != 0:
            raise h.fail(f"`record --on` exited with {cli.returncode}: {cli.stderr.strip()}")
        for i in range(1, phase.kills_planned + 1):
            app_kill_iteration(h, phase, ar, i)
        app_settle(h, phase, ar)
    finally:
        xvfb.stop()
    counts = check_phase_end(h, phase)
    phase.seconds = time.monotonic() - phase.started_at
    return phase, ar, counts


def app_summary_line(phase: Phase, ar: AppRun, counts: dict) -> str:
    """The one-line summary of phase C."""
    return (
        f"phase C (the desktop app, default parameters): {phase.kills} kills ({phase.mid_event_kills} mid-event), "
        f"{phase.quits} SIGTERM quits ({phase.mid_event_quits} mid-event), "
        f"{phase.runs - 1} restarts ({phase.restarts_with_work} with pending work), "
        f"{len(phase.registered)} tags registered, "
        f"{counts['delivered']} delivered ({counts['deliveries']} POSTs, {counts['duplicates']} duplicates), "
        f"{counts['dispatches']} dispatches, max {ar.max_ran_s:.2f} s from app start to a handler running "
        f"({ar.pending_ran} of {ar.pending_seen} registrations pending at a start ran before its kill), "
        f"stopped at the end by {ar.stopped_how}, "
        f"{ar.lingering} helper processes outlived a kill by 5 s, {phase.seconds:.0f} s"
    )


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
    p.add_argument("--app", metavar="PATH", default=None,
                   help="the desktop app binary (syncscope-app): run phase C with it (default: phase C skipped)")
    p.add_argument("--app-kills", type=int, default=50, help="launches of the app in phase C, each ended by SIGKILL mid-event, every 5th by SIGTERM "
                   "(a clean quit) (default 50)")
    p.add_argument("--keep", metavar="DIR", default=None, help="keep the work folder (databases, logs) in DIR")
    a = p.parse_args(argv)
    if a.kills < 0 or a.last_chance_kills < 0 or a.last_chance_kills > a.kills:
        p.error("need 0 <= --last-chance-kills <= --kills")
    if a.app_kills < 0:
        p.error("need --app-kills >= 0")
    return a


def main(argv: list[str]) -> int:
    """Runs both phases; prints summaries; 0 on success, 1 on the first failed check."""
    args = parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"kill_loop: seed {seed} (replay with --seed {seed})", flush=True)
    if not os.access(args.bin, os.X_OK):
        print(f"kill_loop: FAILED [seed {seed}, setup] no executable binary at {args.bin}", flush=True)
        return 1
    if args.app and not os.access(args.app, os.X_OK):
        print(f"kill_loop: FAILED [seed {seed}, setup] no executable app at {args.app}", flush=True)
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
    app_max: float | None = None
    ok = False
    try:
        for ph in list(phases):
            if ph.kills_planned == 0:
                print(f"kill_loop: phase {ph.name} skipped: 0 kills asked for", flush=True)
                phases.remove(ph)
                continue
            counts = run_phase(h, ph)
            for k in totals:
                totals[k] += counts[k]
            print(f"kill_loop: {summary_line(ph, counts)}", flush=True)
        skipped = app_phase_skipped(args)
        if skipped:
            print(f"kill_loop: phase C (the desktop app) skipped: {skipped}", flush=True)
        else:
            ph, ar, counts = run_app_phase(h, args)
            for k in totals:
                totals[k] += counts[k]
            phases.append(ph)
            app_max = ar.max_ran_s
            print(f"kill_loop: {app_summary_line(ph, ar, counts)}", flush=True)
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
    cli_max = [p.max_dispatch_s for p in phases if p.name != "C"]
    print(
        f"kill_loop: OK seed {seed}: {kills} kills ({mid} mid-event), {restarts} restarts, {registered} tags registered, "
        f"{totals['delivered']} delivered, {totals['duplicates']} duplicate deliveries (at-least-once), "
        + ", ".join(
            ([f"max {max(cli_max):.2f} s from restart to first dispatch (CLI)"] if cli_max else [])
            + ([] if app_max is None else [f"max {app_max:.2f} s from app start to a handler running"])
            + [f"{time.monotonic() - started:.0f} s in all"]
        )
        + (f"; work folder kept in {work}" if args.keep else ""),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
