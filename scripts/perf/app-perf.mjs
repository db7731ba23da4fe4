#!/usr/bin/env node
// The desktop app's performance benchmark (issue 4): launch → first data, idle PSS against a minimal Tauri app,
// scrolling 100k events, live event → row. Run by scripts/app-perf.sh under Xvfb, after it has built everything;
// this file only measures. Every figure is taken in the real window (WebKitGTK), driven through WebDriver
// (tauri-driver → WebKitWebDriver), except idle memory, which is measured on apps launched directly (no driver).
//
// Environment (scripts/app-perf.sh sets the first three):
//   APP_BIN, MINIMAL_BIN, CLI_BIN   the release binaries
//   PERF_OUT        folder for results.json and scratch data (default target/app-perf)
//   PERF_EVENTS     events seeded for the large database (default 100000)
//   LAUNCH_RUNS     launches per launch case (default 5)
//   PSS_RUNS        launches per app for memory (default 3)
//   PSS_WAIT_S      seconds after spawn before sampling memory (default 15; first paint is < 1 s, so ≥ 10 s idle)
//   LIVE_SAMPLES    live-event samples (tags; 3 events each) per case (default 60)
//   PHASES          comma-separated subset of launch,table,ipc,pss,scroll,live (default all)

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const APP = need('APP_BIN');
const MINIMAL = need('MINIMAL_BIN');
const CLI = need('CLI_BIN');
const OUT = path.resolve(process.env.PERF_OUT ?? path.join(ROOT, 'target/app-perf'));
const EVENTS = int('PERF_EVENTS', 100_000);
const LAUNCH_RUNS = int('LAUNCH_RUNS', 5);
const PSS_RUNS = int('PSS_RUNS', 3);
const PSS_WAIT_S = int('PSS_WAIT_S', 15);
const LIVE_SAMPLES = int('LIVE_SAMPLES', 60);
const PHASES = new Set((process.env.PHASES ?? 'launch,table,ipc,pss,scroll,live').split(','));
const TIMEOUT_MS = 600_000;

function need(name) {
  const v = process.env[name];
  if (!v || !fs.existsSync(v)) die(`${name} must name a built binary (got ${v ?? 'nothing'})`);
  return path.resolve(v);
}
function int(name, dflt) {
  return process.env[name] ? Number.parseInt(process.env[name], 10) : dflt;
}
function die(msg) {
  console.error(`error: ${msg}`);
  process.exit(1);
}
const log = (...a) => console.error('  ', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------- statistics

function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
const median = (xs) => quantile(xs, 0.5);
const r1 = (x) => Math.round(x * 10) / 10;
function summary(xs) {
  return { n: xs.length, min: r1(Math.min(...xs)), p50: r1(median(xs)), p95: r1(quantile(xs, 0.95)), max: r1(Math.max(...xs)) };
}

// ---------------------------------------------------------------------------------------------- data

/** A fresh data folder, optionally holding `n` recorded backgroundSync events (imported by the CLI). */
function dataDir(name, n) {
  const dir = path.join(OUT, 'data', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (n > 0) {
    const seeded = seededDb(n);
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(seeded + suffix)) fs.copyFileSync(seeded + suffix, path.join(dir, 'syncscope.db' + suffix));
    }
  }
  return dir;
}

/** A database with `n` events of one origin (so the Background sync view shows them all), built once per run. */
const seededCache = new Map();
function seededDb(n) {
  if (seededCache.has(n)) return seededCache.get(n);
  const dir = path.join(OUT, 'seed');
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, `events-${n}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  // Realistic DevTools events: one-shot syncs of 500 tags, each registered, dispatched and completed (or failed
  // and retried), one second apart, ending now.
  const events = [];
  const origin = 'http://localhost';
  const end = Date.now() / 1000 - 60;
  for (let i = 0; i < n; i++) {
    const tag = `outbox-${i % 500}`;
    const step = i % 4;
    const name = ['Registered sync', 'Dispatched sync event', 'sync event failed', 'Sync completed'][step];
    const metadata =
      step === 1
        ? [{ key: 'Last Chance', value: 'false' }]
        : step === 2
          ? [
              { key: 'Status', value: 'waitUntil rejected' },
              { key: 'Delay', value: '300000' },
            ]
          : [];
    events.push({
      timestamp: end - (n - i),
      origin,
      serviceWorkerRegistrationId: '1',
      service: 'backgroundSync',
      eventName: name,
      instanceId: tag,
      eventMetadata: metadata,
      storageKey: `${origin}/`,
    });
  }
  const file = path.join(dir, `events-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(events, undefined, 2));
  const t = performance.now();
  execFileSync(CLI, ['--db', db, 'import', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  log(`seeded ${n} events into ${path.relative(ROOT, db)} in ${Math.round(performance.now() - t)} ms (syncscope import)`);
  seededCache.set(n, db);
  return db;
}

// ---------------------------------------------------------------------------------------------- processes

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitPort(port) {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > 20_000) die(`nothing listened on port ${port}`);
    await sleep(20);
  }
}

/** Kills a process group we started (the driver or an app with its WebKit children). */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Every process below `pid` (WebKit's web and network processes, and whatever launches them), with `pid`. */
function processTree(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* exited */
    }
  }
  const out = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

function comm(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** PSS in kB from /proc/<pid>/smaps_rollup (0 for a process that exited or is not readable). */
function pssKb(pid) {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) in clock ticks. */
function cpuTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------- WebDriver

/** tauri-driver (in its own process group) and one session on the app it launches. */
class Driven {
  static async start(env) {
    const port = await freePort();
    let native = await freePort();
    while (native === port) native = await freePort();
    const logFd = fs.openSync(path.join(OUT, 'driver.log'), 'a');
    const driver = spawn(process.env.TAURI_DRIVER ?? 'tauri-driver', ['--port', String(port), '--native-port', String(native)], {
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    fs.closeSync(logFd);
    await waitPort(port);
    const d = new Driven(driver, `http://127.0.0.1:${port}`);
    return d;
  }

  constructor(driver, url) {
    this.driver = driver;
    this.url = url;
    this.session = null;
  }

  async #req(method, p, body) {
    const r = await fetch(this.url + p, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json();
    if (j.value?.error) throw new Error(`WebDriver ${method} ${p}: ${j.value.error}: ${j.value.message}`);
    return j.value;
  }

  /** Opens the session: WebKitWebDriver launches `application` (a wrapper that stamps the spawn time). */
  async open(application) {
    const v = await this.#req('POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application } } },
    });
    this.session = v.sessionId;
    await this.#req('POST', `/session/${this.session}/timeouts`, { script: TIMEOUT_MS });
  }

  exec(script, ...args) {
    return this.#req('POST', `/session/${this.session}/execute/sync`, { script, args });
  }

  /** Runs `body` as an async function in the page (`args` in scope) and returns what it resolves to. */
  run(body, args = {}) {
    const script = `const done = arguments[arguments.length - 1]; const args = arguments[0];
      (async () => { ${body} })().then((v) => done({ ok: v }), (e) => done({ err: e instanceof Error ? String(e.stack || e) + ' ' + e.message : JSON.stringify(e) }));`;
    return this.#req('POST', `/session/${this.session}/execute/async`, { script, args: [args] }).then((r) => {
      if (r.err) throw new Error(`in the page: ${r.err}`);
      return r.ok;
    });
  }

  async close() {
    if (this.session) await this.#req('DELETE', `/session/${this.session}`).catch(() => {});
    killGroup(this.driver);
  }
}

/** A wrapper that records the app's spawn time (wall clock, µs) and then becomes the app (same process). */
function spawnStamper() {
  const file = path.join(OUT, 'launch-app.sh');
  fs.writeFileSync(
    file,
    `#!/bin/bash\n# Written by scripts/perf/app-perf.mjs: stamps the spawn time, then execs the app.\n` +
      `echo "$EPOCHREALTIME" > "$SYNCSCOPE_PERF_SPAWN_FILE"\nexec "$SYNCSCOPE_PERF_APP" "$@"\n`,
  );
  fs.chmodSync(file, 0o755);
  return file;
}

/** Page helpers, injected into every script. */
const PAGE = `
  const wall = () => performance.timeOrigin + performance.now();
  const marks = () => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
  const until = async (f, what, ms = ${TIMEOUT_MS}) => {
    const t0 = performance.now();
    for (;;) { const v = f(); if (v) return v; if (performance.now() - t0 > ms) throw new Error('timed out waiting for ' + what);
      await new Promise((r) => setTimeout(r, 2)); }
  };
  const nav = (label) => [...document.querySelectorAll('nav button')].find((b) => b.textContent.trim().startsWith(label));
  const frame = () => new Promise((r) => requestAnimationFrame(r));
`;

/**
 * Launches the app on `dir` through WebDriver and returns the startup marks as milliseconds after spawn.
 * With `openTable`, clicks "Background sync" as soon as the sidebar exists and waits for its table's rows.
 */
async function launch(dir, { openTable = false, app = APP } = {}) {
  const minimal = app === MINIMAL;
  const spawnFile = path.join(OUT, 'spawned-at');
  fs.rmSync(spawnFile, { force: true });
  // tauri-driver sometimes fails to reach the WebKitWebDriver it just started ("tcp connect error") when the
  // machine is busy: start again (at most three times) when no session opens.
  let d;
  let requested;
  for (let attempt = 1; ; attempt++) {
    d = await Driven.start({ SYNCSCOPE_DATA_DIR: dir, SYNCSCOPE_PERF_SPAWN_FILE: spawnFile, SYNCSCOPE_PERF_APP: app });
    requested = Date.now();
    try {
      await d.open(spawnStamper());
      break;
    } catch (e) {
      await d.close();
      if (attempt === 3) throw e;
      log(`no WebDriver session (${e.message}); starting the driver again`);
      await sleep(1000);
    }
  }
  try {
    const sessionOpen = Date.now();
    const r = await d.run(
      `${PAGE}
      const ran = wall();
      let clicked = null;
      if (args.openTable) {
        // Click "Background sync" as soon as the sidebar exists, and again if the click was lost (a button
        // rendered before the app's first full render can be replaced by it).
        for (;;) {
          const b = await until(() => nav('Background sync'), 'the sidebar');
          if (clicked === null) clicked = wall();
          b.click();
          const t0 = performance.now();
          await until(() => document.querySelector('section[aria-label="Background sync"]') || performance.now() - t0 > 200, 'the view');
          if (document.querySelector('section[aria-label="Background sync"]')) break;
        }
        await until(() => marks()['syncscope:table:backgroundSync:painted'] !== undefined, 'the event table');
      }
      if (args.minimal) {
        // The hello-world page has no marks: its load event, then the frame after it.
        await until(() => document.readyState === 'complete', 'the page load');
        await frame(); await new Promise((r) => setTimeout(r, 0));
      } else {
        await until(() => marks()['syncscope:loaded:painted'] !== undefined, 'every view loaded');
      }
      const rows = document.querySelectorAll('.vbody [role=row]').length;
      const navEntry = performance.getEntriesByType('navigation')[0];
      const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
      return { timeOrigin: performance.timeOrigin, marks: { ...marks(), ...paint,
                 domContentLoaded: navEntry?.domContentLoadedEventEnd, load: navEntry?.loadEventEnd, responseEnd: navEntry?.responseEnd },
               ran, clicked, rows, clockSkew: Date.now() - wall() };`,
      { openTable, minimal },
    );
    const spawned = Number.parseFloat(fs.readFileSync(spawnFile, 'utf8')) * 1000;
    const at = (t) => r.timeOrigin + t - spawned;
    const m = {};
    for (const [k, v] of Object.entries(r.marks)) if (typeof v === 'number' && v > 0) m[k.replace(/^syncscope:/, '')] = r1(at(v));
    return {
      navigationStart: r1(r.timeOrigin - spawned),
      marks: m,
      sessionRequested: r1(requested - spawned),
      sessionOpen: r1(sessionOpen - spawned),
      scriptRan: r1(r.ran - spawned),
      clicked: r.clicked === null ? null : r1(r.clicked - spawned),
      rows: r.rows,
      clockSkew: r1(r.clockSkew),
      driven: d,
    };
  } catch (e) {
    await d.close();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------- phases

const results = {
  date: new Date().toISOString(),
  machine: machine(),
  config: { EVENTS, LAUNCH_RUNS, PSS_RUNS, PSS_WAIT_S, LIVE_SAMPLES },
  loadavg: [],
};

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  const os = /PRETTY_NAME="(.*)"/.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1];
  let webkit = '?';
  try {
    webkit = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' });
  } catch {
    /* not Debian */
  }
  let commit = '?';
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* no git */
  }
  return { cpu, nproc: fs.readdirSync('/sys/devices/system/cpu').filter((d) => /^cpu\d+$/.test(d)).length, os, webkit, commit };
}

function loadavg(label) {
  const l = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  results.loadavg.push({ at: label, loadavg: l });
  log(`load average (${label}): ${l}`);
}

async function phaseLaunch() {
  const cases = [
    ['minimal-tauri-app', 0, false, MINIMAL],
    ['empty', 0, false, APP],
    [`events${EVENTS}`, EVENTS, false, APP],
    [`events${EVENTS}-table`, EVENTS, true, APP],
    ['events1000-table', 1000, true, APP],
  ].filter(([name, , openTable]) => name === 'minimal-tauri-app' || PHASES.has(openTable ? 'table' : 'launch'));
  const runs = Object.fromEntries(cases.map(([name]) => [name, []]));
  // Round-robin over the cases, so that load coming and going on a shared machine spreads over all of them.
  for (let i = 0; i < LAUNCH_RUNS; i++) {
    for (const [name, n, openTable, app] of cases) {
      const r = await launch(dataDir(`launch-${name}`, n), { openTable, app });
      await r.driven.close();
      delete r.driven;
      runs[name].push(r);
      log(`launch ${name} #${i + 1}: ${JSON.stringify(r)}`);
      await sleep(500);
    }
  }
  const out = {};
  for (const [name, rs] of Object.entries(runs)) {
    const med = {};
    for (const k of [...new Set(rs.flatMap((r) => Object.keys(r.marks))), 'navigationStart', 'sessionOpen', 'scriptRan', 'clicked']) {
      const xs = rs.map((r) => (k in r.marks ? r.marks[k] : r[k])).filter((x) => typeof x === 'number');
      if (xs.length) med[k] = summary(xs);
    }
    out[name] = { runs: rs, summary: med };
  }
  loadavg('after launch');
  return out;
}

async function phasePss() {
  const apps = [
    ['minimal-tauri-app', MINIMAL, null],
    ['syncscope-app (empty database)', APP, 0],
    [`syncscope-app (${EVENTS} events)`, APP, EVENTS],
  ];
  const out = Object.fromEntries(apps.map(([name]) => [name, []]));
  for (let i = 0; i < PSS_RUNS; i++) {
    for (const [name, bin, n] of apps) {
      const dir = dataDir('pss', n ?? 0);
      const child = spawn(bin, [], {
        env: { ...process.env, SYNCSCOPE_DATA_DIR: dir, RUST_LOG: 'warn' },
        detached: true,
        stdio: 'ignore',
      });
      await sleep(PSS_WAIT_S * 1000);
      const samples = [];
      let procs = [];
      const cpu0 = processTree(child.pid).reduce((s, p) => s + cpuTicks(p), 0);
      for (let k = 0; k < 3; k++) {
        procs = processTree(child.pid).map((p) => ({ pid: p, comm: comm(p), pssKb: pssKb(p) }));
        samples.push(procs.reduce((s, p) => s + p.pssKb, 0));
        await sleep(1000);
      }
      const cpu1 = processTree(child.pid).reduce((s, p) => s + cpuTicks(p), 0);
      killGroup(child);
      const r = { totalMb: r1(median(samples) / 1024), samplesKb: samples, cpuTicksDuringSampling: cpu1 - cpu0, procs };
      out[name].push(r);
      log(`pss ${name} #${i + 1}: ${r.totalMb} MB (${procs.map((p) => `${p.comm} ${r1(p.pssKb / 1024)}`).join(', ')}); cpu ${r.cpuTicksDuringSampling} ticks`);
      await sleep(1000);
    }
  }
  const med = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, r1(median(v.map((x) => x.totalMb)))]));
  const base = med['minimal-tauri-app'];
  const ratios = Object.fromEntries(Object.entries(med).map(([k, v]) => [k, Math.round((v / base) * 100) / 100]));
  loadavg('after pss');
  return { runs: out, medianMb: med, ratio: ratios };
}

/** Page code: drives `body` (a scroller whose first child holds absolutely placed rows) frame by frame. */
const SCROLL_BENCH = `
  const spacer = body.firstElementChild;
  const rowTop = (el) => Number(/translateY\\((-?[\\d.]+)px\\)/.exec(el.style.transform)[1]);
  // The rendered rows cover the viewport (checked at the next frame, after the scroll event has re-rendered).
  const covered = () => {
    const k = spacer.children; if (!k.length) return false;
    const top = rowTop(k[0]), bottom = rowTop(k[k.length - 1]) + 22;
    return top <= body.scrollTop + 0.5 && (bottom >= body.scrollTop + body.clientHeight - 0.5 || bottom >= count * 22 - 0.5);
  };
  const run = async (name, frames, position) => {
    const times = []; const rows = []; let uncovered = 0;
    let last = await frame();
    for (let i = 0; i < frames; i++) {
      if (position) body.scrollTop = position(i);
      const t = await frame();
      times.push(t - last); last = t;
      rows.push(spacer.childElementCount);
      if (position && !covered()) uncovered++;
    }
    return { name, frames, times, rowsMin: Math.min(...rows), rowsMax: Math.max(...rows), uncovered };
  };
  const max = body.scrollHeight - body.clientHeight;
  const out = { count, scrollHeight: body.scrollHeight, viewport: [body.clientWidth, body.clientHeight], phases: [] };
  const top = async () => { body.scrollTop = 0; await frame(); await frame(); };
  await top();
  out.phases.push(await run('idle (no scrolling)', 120, null));
  out.phases.push(await run('crawl: 2 px per frame (rows mostly unchanged)', 300, (i) => (i + 1) * 2));
  await top();
  out.phases.push(await run('wheel: 100 px per frame', 600, (i) => (i + 1) * 100));
  await top();
  out.phases.push(await run('fling: top to bottom in 600 frames', 600, (i) => Math.round(((i + 1) / 600) * max)));
  let seed = 42; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  out.phases.push(await run('jump: a random position every frame', 300, () => Math.round(rnd() * max)));
  // The UI's own share of a frame: re-rendering the rows for a new position (the scroll handler, then Preact's
  // render in a microtask after it) and the style and layout that causes, timed synchronously.
  const work = [];
  for (let i = 0; i < 200; i++) {
    body.scrollTop = Math.round(rnd() * max);
    const t0 = performance.now();
    body.dispatchEvent(new Event('scroll'));
    await Promise.resolve(); await Promise.resolve();
    const t1 = performance.now();
    void body.offsetHeight; void spacer.lastElementChild?.getBoundingClientRect();
    work.push({ render: t1 - t0, layout: performance.now() - t1 });
    await frame();
  }
  out.work = work;
  out.elements = document.getElementsByTagName('*').length;
  return out;`;

/**
 * The same rows, static (3,000 of them, no script), in the minimal Tauri app's window: what WebKit itself costs
 * to scroll and paint a table area of that size on this machine.
 */
const STATIC_TABLE = `
  document.body.innerHTML = '';
  document.body.style.margin = '0';
  const body = document.createElement('div');
  body.style.cssText = 'position:fixed;left:190px;top:70px;right:0;bottom:90px;overflow:auto;font:13px system-ui,sans-serif';
  const list = document.createElement('div');
  const count = 3000;
  list.style.cssText = 'position:relative;height:' + count * 22 + 'px';
  const cols = '4em 15em minmax(10em,1.4fr) minmax(8em,1fr) minmax(8em,1fr) minmax(8em,1fr) minmax(8em,1fr)';
  for (let i = 0; i < count; i++) {
    const r = document.createElement('div');
    r.style.cssText = 'position:absolute;left:0;right:0;top:0;display:grid;align-items:center;height:22px;grid-template-columns:' + cols +
      ';transform:translateY(' + i * 22 + 'px)' + (i % 2 ? ';background:#f5f5f5' : '');
    for (const t of [i + 1, '2026-11-20 09:47:34.874', 'Dispatched sync event', 'http://localhost', 'http://localhost/', 'http://localhost/', 'outbox-' + (i % 500)]) {
      const c = document.createElement('div');
      c.style.cssText = 'padding:0 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;border-right:1px solid #ddd';
      c.textContent = String(t);
      r.appendChild(c);
    }
    list.appendChild(r);
  }
  body.appendChild(list);
  document.body.appendChild(body);
  await frame(); await frame();`;

function frameStats(res) {
  if (res.work) {
    res.renderMs = summary(res.work.map((w) => w.render));
    res.layoutMs = summary(res.work.map((w) => w.layout));
    delete res.work;
  }
  for (const p of res.phases) {
    const t = p.times;
    p.frameMs = summary(t);
    p.over25 = t.filter((x) => x > 25).length; // a missed frame: more than 1.5 frame periods of 16.7 ms
    p.over33 = t.filter((x) => x > 33.4).length;
    p.meanFps = r1(1000 / (t.reduce((a, b) => a + b, 0) / t.length));
    delete p.times;
  }
  return res;
}

/** Scrolls the 100k-event table in the real window and times every frame; then the static baseline. */
async function phaseScroll() {
  const out = {};
  {
    const r = await launch(dataDir('scroll', EVENTS), { openTable: true });
    try {
      out.app = frameStats(
        await r.driven.run(`${PAGE}
          const body = document.querySelector('.vbody');
          const count = Number(document.querySelector('[role=table]').getAttribute('aria-rowcount'));
          ${SCROLL_BENCH}`),
      );
    } finally {
      await r.driven.close();
    }
  }
  {
    const r = await launch(dataDir('scroll-baseline', 0), { app: MINIMAL });
    try {
      out.baseline = frameStats(await r.driven.run(`${PAGE} ${STATIC_TABLE} ${SCROLL_BENCH}`));
    } finally {
      await r.driven.close();
    }
  }
  for (const [k, res] of Object.entries(out)) {
    log(`scroll ${k}: ${res.count} rows, ${res.elements} elements; render ${JSON.stringify(res.renderMs)}, layout ${JSON.stringify(res.layoutMs)}`);
    for (const p of res.phases) log(`  ${p.name}: ${JSON.stringify(p)}`);
  }
  loadavg('after scroll');
  return out;
}

/**
 * Live event → row: the engine's timestamp of each recorded event (its real clock, the same wall clock as the
 * page's) against the moment its row enters the table's DOM (a MutationObserver) and the next frame after that.
 */
async function phaseLive(events) {
  const sw = path.join(OUT, 'live-sw.js');
  fs.writeFileSync(
    sw,
    "self.addEventListener('sync', (event) => event.waitUntil(Promise.resolve()));\n",
  );
  const dir = dataDir(`live-${events}`, events);
  const r = await launch(dir, { openTable: events > 0 });
  const d = r.driven;
  try {
    return await d.run(
      `${PAGE}
      const invoke = (cmd, a) => window.__TAURI_INTERNALS__.invoke(cmd, a === undefined ? {} : { args: a });
      const w = await invoke('add_service_worker', { script: args.sw, origin: null });
      await invoke('set_recording', { service: 'backgroundSync', on: true });
      nav('Background sync').click();
      const rec = new Map();
      const key = (tag, name) => tag + '|' + name;
      window.__syncscopePerf = { live: (e) => {
        if (e.type !== 'engine' || e.event.type !== 'recorded' || e.event.event.service !== 'backgroundSync') return;
        const ev = e.event.event;
        rec.set(key(ev.instanceId, ev.eventName), { engine: ev.timestamp * 1000, arrival: wall() });
      } };
      let observer = null;
      const observe = () => {
        const body = document.querySelector('.vbody');
        if (!body || observer) return;
        observer = new MutationObserver((muts) => {
          const t = wall();
          for (const m of muts) for (const n of m.addedNodes) {
            if (n.nodeType !== 1 || n.getAttribute('role') !== 'row') continue;
            const cells = n.querySelectorAll('[role=cell]');
            const r = rec.get(key(cells[6].textContent, cells[2].textContent));
            if (r && r.dom === undefined) { r.dom = t; requestAnimationFrame(() => setTimeout(() => { r.painted = wall(); }, 0)); }
          }
        });
        observer.observe(body, { childList: true, subtree: true });
      };
      const names = ['Registered sync', 'Dispatched sync event', 'Sync completed'];
      const samples = [];
      for (let i = -3; i < args.samples; i++) {   // three warm-up tags (the first makes the table appear)
        const tag = 'live-' + (i + 3);
        await invoke('register_sync', { sw: w.registration.id, tag });
        // Warm-up tags only need their rows on screen (the first one creates the table, before any observer).
        const shown = () => [...document.querySelectorAll('.vbody [role=row]')]
          .filter((r) => r.querySelectorAll('[role=cell]')[6]?.textContent === tag).length === names.length;
        const measured = () => names.every((n) => rec.get(key(tag, n))?.painted !== undefined);
        await until(() => { observe(); return i < 0 ? shown() : measured(); }, 'rows of ' + tag, 10000)
          .catch((e) => { throw new Error(e.message + ': seen ' + JSON.stringify([...rec.entries()]) + '; rows ' +
            JSON.stringify([...document.querySelectorAll('.vbody [role=row]')].slice(-4).map((r) => r.textContent)) + '; main ' + document.querySelector('main')?.textContent.slice(0, 300)); });
        if (i >= 0) for (const n of names) samples.push({ tag, name: n, ...rec.get(key(tag, n)) });
        await new Promise((r) => setTimeout(r, 30 + (i * 37) % 70));
      }
      window.__syncscopePerf = undefined;
      observer.disconnect();
      return { samples, rows: document.querySelectorAll('.vbody [role=row]').length,
               count: Number(document.querySelector('[role=table]').getAttribute('aria-rowcount')) };`,
      { sw, samples: LIVE_SAMPLES },
    ).then((res) => {
      const s = res.samples;
      const part = (f) => summary(s.map(f));
      const out = {
        events,
        samples: s.length,
        tableRows: res.count,
        engineToArrival: part((x) => x.arrival - x.engine),
        arrivalToDom: part((x) => x.dom - x.arrival),
        engineToDom: part((x) => x.dom - x.engine),
        engineToPainted: part((x) => x.painted - x.engine),
        byEvent: Object.fromEntries(
          ['Registered sync', 'Dispatched sync event', 'Sync completed'].map((n) => [
            n,
            summary(s.filter((x) => x.name === n).map((x) => x.dom - x.engine)),
          ]),
        ),
      };
      log(`live (${events} events in the table): ${JSON.stringify(out)}`);
      return out;
    });
  } finally {
    await d.close();
  }
}

/** What one page of the event log costs through IPC, in the page (for the launch figures' breakdown). */
async function phaseIpc() {
  const r = await launch(dataDir('ipc', EVENTS), { openTable: true });
  const d = r.driven;
  try {
    const out = await d.run(
      `const invoke = (cmd, a) => window.__TAURI_INTERNALS__.invoke(cmd, { args: a });
      const out = {};
      for (const limit of [100, 1000, 2000, 5000, 10000]) {
        const ms = [];
        let bytes = 0;
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          const page = await invoke('query_events', { service: 'backgroundSync', oldest_first: false, limit, before: null });
          ms.push(performance.now() - t);
          bytes = JSON.stringify(page).length;
        }
        ms.sort((a, b) => a - b);
        out[limit] = { medianMs: Math.round(ms[2] * 10) / 10, minMs: Math.round(ms[0] * 10) / 10, jsonBytes: bytes };
      }
      return out;`,
    );
    log(`ipc: ${JSON.stringify(out)}`);
    return out;
  } finally {
    await d.close();
  }
}

/** The figures docs/benchmarks.md quotes, as text. */
function report(r) {
  const lines = [`Desktop app benchmark, ${r.date}, ${r.machine.cpu} × ${r.machine.nproc}, ${r.machine.os}, WebKitGTK ${r.machine.webkit}, commit ${r.machine.commit}`];
  lines.push(`load average: ${r.loadavg.map((l) => `${l.at} ${l.loadavg}`).join('; ')}`);
  const ms = (s) => (s ? `${s.p50} ms [${s.min}–${s.max}]` : '—');
  if (r.launch) {
    lines.push('', 'Launch, ms after spawn: median [min–max] of ' + LAUNCH_RUNS);
    for (const [name, c] of Object.entries(r.launch)) {
      const s = c.summary;
      const parts = [`navigation start ${ms(s.navigationStart)}`, `first contentful paint ${ms(s['first-contentful-paint'])}`];
      if (s['workers:painted']) parts.push(`first data (Service workers view) painted ${ms(s['workers:painted'])}`);
      if (s['table:backgroundSync:painted']) parts.push(`event table painted ${ms(s['table:backgroundSync:painted'])}`);
      if (s['loaded:painted']) parts.push(`everything loaded ${ms(s['loaded:painted'])}`);
      lines.push(`  ${name}: ${parts.join('; ')}`);
    }
  }
  if (r.ipc) lines.push('', `query_events round trip (newest page): ${Object.entries(r.ipc).map(([n, v]) => `${n}: ${v.medianMs} ms`).join(', ')}`);
  if (r.pss) {
    lines.push('', `Idle PSS (${PSS_WAIT_S} s after spawn; median of ${PSS_RUNS}, process and children):`);
    for (const [name, mb] of Object.entries(r.pss.medianMb)) lines.push(`  ${name}: ${mb} MB (${r.pss.ratio[name]}×)`);
  }
  if (r.scroll) {
    for (const [name, s] of Object.entries(r.scroll)) {
      lines.push('', `Scroll, ${name} (${s.count} rows, ${s.elements} elements; re-render ${ms(s.renderMs)}, style+layout ${ms(s.layoutMs)}):`);
      for (const p of s.phases) {
        lines.push(`  ${p.name}: frame p50 ${p.frameMs.p50} / p95 ${p.frameMs.p95} / max ${p.frameMs.max} ms, ${p.meanFps} fps, ` +
          `>25 ms ${p.over25}/${p.frames}, >33.4 ms ${p.over33}/${p.frames}, rows in DOM ${p.rowsMin}–${p.rowsMax}, uncovered ${p.uncovered}`);
      }
    }
  }
  if (r.live) {
    for (const l of r.live) {
      lines.push('', `Live event → row (${l.events} events already in the table; ${l.samples} events):`);
      for (const k of ['engineToArrival', 'arrivalToDom', 'engineToDom', 'engineToPainted']) {
        lines.push(`  ${k}: p50 ${l[k].p50} / p95 ${l[k].p95} / max ${l[k].max} ms`);
      }
    }
  }
  return lines.join('\n');
}

fs.mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, 'results.json');
// Written after every phase, so a failure late in a run keeps what was measured.
const save = () => fs.writeFileSync(file, JSON.stringify(results, undefined, 2));
loadavg('start');
if (PHASES.has('launch') || PHASES.has('table')) results.launch = await phaseLaunch();
save();
if (PHASES.has('ipc')) results.ipc = await phaseIpc();
if (PHASES.has('pss')) results.pss = await phasePss();
save();
if (PHASES.has('scroll')) results.scroll = await phaseScroll();
save();
if (PHASES.has('live')) results.live = [await phaseLive(0), await phaseLive(EVENTS)];
loadavg('end');
save();
console.log(report(results));
console.error(`results: ${path.relative(process.cwd(), file)}`);
