#!/usr/bin/env python3
"""Storage faults: every registration whose register() resolved survives a locked database, a full disk and
a SIGKILL.

A worker registers N one-shot syncs from its `activate` handler, one after another, logging each outcome
(`resolved i` or `rejected i <name>`); its sync handler never settles, so every stored registration stays in the
database. While it registers, this script

1. holds an exclusive lock on the database from another connection for 6 s (longer than the engine's 5 s busy
   timeout: writes in that window fail and their register() must reject, not resolve), then
2. fills the 16 MiB tmpfs the database lives on (writes fail with SQLITE_FULL), frees it again after 2 s,

and finally kills `syncscope run` with SIGKILL. (On a disk this small the engine's own WAL, which may reach 16 MB
before it is checkpointed, fills it after roughly 530 registrations; from there on register() rejects until
space is freed. That is the full-disk condition too.) Then: `PRAGMA integrity_check` is ok, and every tag whose
register() resolved is in the database. Rejections are allowed (and expected during the faults); a resolved
registration that is gone is the failure this catches.

Mounts a tmpfs: as root, or through `sudo -n`. Standard library only. Usage:
  python3 tests/reliability/storage_faults.py [--bin target/debug/syncscope] [--registrations 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

LOCK_FOR_S = 6.0
FULL_FOR_S = 2.0
TMPFS_SIZE = "16m"

SW = """
self.addEventListener('sync', (e) => e.waitUntil(new Promise(() => {})));
self.addEventListener('activate', (e) => e.waitUntil((async () => {
  for (let i = 0; i < %d; i++) {
    try {
      await self.registration.sync.register('t' + i);
      console.log('resolved ' + i);
    } catch (err) {
      console.log('rejected ' + i + ' ' + err.name);
    }
    // Spread over the faults below, so registrations go on after each of them.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  console.log('done');
})()));
"""


def fail(msg: str) -> None:
    print(f"storage_faults: FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def as_root(cmd: list[str]) -> list[str]:
    """`cmd` as root: directly when we are, else through `sudo -n` (scripts/test.sh has already used sudo for
    apt-get, so its credentials are cached)."""
    return cmd if os.geteuid() == 0 else ["sudo", "-n", *cmd]


def mount_tmpfs(path: str) -> None:
    opts = f"size={TMPFS_SIZE},uid={os.getuid()},gid={os.getgid()}"
    r = subprocess.run(as_root(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", path]),
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"cannot mount a {TMPFS_SIZE} tmpfs at {path} (this scenario needs root): {r.stderr.strip()}")


def hold_lock(db: str, seconds: float) -> None:
    """An exclusive transaction from another connection, held for `seconds`."""
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def fill(dirpath: str) -> str:
    """Fills the file system of `dirpath` to the last byte; returns the filler's path."""
    filler = os.path.join(dirpath, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 65536, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/debug/syncscope")
    ap.add_argument("--registrations", type=int, default=1000)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)

    work = tempfile.mkdtemp(prefix="syncscope-storage-faults-")
    disk = os.path.join(work, "disk")
    os.mkdir(disk)
    mount_tmpfs(disk)
    try:
        run(binary, work, disk, args.registrations)
    finally:
        subprocess.run(as_root(["umount", "-l", disk]), capture_output=True)


def run(binary: str, work: str, disk: str, n: int) -> None:
    db = os.path.join(disk, "s.db")
    sw = os.path.join(work, "sw.js")
    with open(sw, "w") as f:
        f.write(SW % n)
    proc = subprocess.Popen(
        [binary, "--db", db, "run", "--clock", "real", "--for", "10m", "--json", "--sw", sw],
        stdout=subprocess.PIPE, stderr=open(os.path.join(work, "run.err"), "w"), text=True,
    )
    resolved: set[int] = set()
    rejected: dict[str, int] = {}
    rejected_at: list[int] = []
    done = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if msg.get("type") != "console":
                continue
            text = msg["line"]["text"]
            if text.startswith("resolved "):
                resolved.add(int(text.split()[1]))
            elif text.startswith("rejected "):
                rejected_at.append(int(text.split()[1]))
                name = text.split()[2]
                rejected[name] = rejected.get(name, 0) + 1
            elif text == "done":
                done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    # `run`'s output reaches us in bursts (a pipe is block-buffered), so the faults start on a timer, not on
    # the lines: by then the worker is registering (its loop spaces registrations 10 ms apart).
    time.sleep(1.5)
    if proc.poll() is not None:
        fail("syncscope run stopped before the faults")

    t = time.monotonic()
    hold_lock(db, LOCK_FOR_S)
    print(f"storage_faults: held an exclusive lock for {time.monotonic() - t:.1f} s")
    filler = fill(disk)
    time.sleep(FULL_FOR_S)
    os.remove(filler)
    print(f"storage_faults: the disk was full for {FULL_FOR_S:.0f} s")
    done.wait(120)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join(5)

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    if check != "ok":
        fail(f"PRAGMA integrity_check: {check}")
    first_rejected = min(rejected_at, default=None)
    recovered = first_rejected is not None and any(i > first_rejected for i in resolved)
    out = subprocess.run([binary, "--db", db, "tags", "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"tags failed: {out.stderr.strip()}")
    stored = {t["tag"] for t in json.loads(out.stdout)}
    lost = sorted(i for i in resolved if f"t{i}" not in stored)
    if lost:
        fail(f"{len(lost)} registrations resolved but were lost, e.g. t{lost[0]}")
    print(f"storage_faults: OK: {n} registrations, {len(resolved)} resolved and all {len(resolved)} stored, "
          f"rejected {sum(rejected.values())} ({', '.join(f'{k} {v}' for k, v in sorted(rejected.items())) or 'none'}), "
          f"{len(stored)} stored in all, integrity ok; "
          f"{'resolved again after the first rejection' if recovered else 'no resolve after the first rejection'}")


if __name__ == "__main__":
    main()
