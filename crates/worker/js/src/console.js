// console: formats like browsers do for common cases and hands each line to host.console(level, text).
import { host } from './host.js';
import { inspect, formatError } from './inspect.js';
import { clockNow } from './clock.js';

export { formatError };

let groupIndent = '';

/** Write one message to the host console, indented by the current console.group depth. */
export function writeConsole(level, text) {
  if (groupIndent) text = text.split('\n').map((l) => groupIndent + l).join('\n');
  try {
    host.console(level, text);
  } catch {
    // the console must never throw into user code
  }
}

function toNumberForFormat(v) {
  if (typeof v === 'symbol') return NaN;
  if (typeof v === 'bigint') return v;
  try { return Number(v); } catch { return NaN; }
}

/** Format console arguments: `%s %d %i %f %o %O %c %%` substitutions in a leading string, then the rest. */
export function formatArgs(args) {
  if (args.length === 0) return '';
  let out = '';
  let rest = 0;
  const first = args[0];
  if (typeof first === 'string' && args.length > 1) {
    let i = 1;
    let last = 0;
    for (let p = 0; p < first.length - 1; p++) {
      if (first[p] !== '%') continue;
      const c = first[p + 1];
      let repl;
      if (c === '%') { repl = '%'; }
      else if (i < args.length && 'sdifoOc'.includes(c)) {
        const a = args[i++];
        switch (c) {
          case 's':
            repl = typeof a === 'string' ? a : typeof a === 'bigint' ? `${a}n` : typeof a === 'symbol' ? a.toString() : inspect(a);
            break;
          case 'd': case 'i': {
            const n = toNumberForFormat(a);
            repl = typeof n === 'bigint' ? `${n}n` : String(Number.isFinite(n) ? Math.trunc(n) : n);
            break;
          }
          case 'f': {
            const n = toNumberForFormat(a);
            repl = typeof n === 'bigint' ? String(Number(n)) : String(n);
            break;
          }
          case 'o': case 'O': repl = inspect(a); break;
          case 'c': repl = ''; break;
        }
      } else {
        continue;
      }
      out += first.slice(last, p) + repl;
      last = p + 2;
      p++;
    }
    out += first.slice(last);
    rest = i;
  } else {
    out = inspect(first, { top: true });
    rest = 1;
  }
  for (let j = rest; j < args.length; j++) out += ' ' + inspect(args[j], { top: true });
  return out;
}

function callerStack() {
  let stack = '';
  try { stack = String(new Error().stack ?? ''); } catch {}
  // Keep the frames only, dropping our own (this helper and the console method).
  const frames = stack.split('\n').filter((l) => /^\s+at\s/.test(l));
  return frames.slice(2).join('\n');
}

function renderTable(data, columns) {
  const rows = [];
  const cols = [];
  let hasValues = false;
  const addCol = (c) => { if (!cols.includes(c)) cols.push(c); };
  const entries = data instanceof Map ? [...data.entries()]
    : data instanceof Set ? [...data].map((v, i) => [i, v])
    : Array.isArray(data) ? data.map((v, i) => [i, v])
    : Object.keys(data).map((k) => [k, data[k]]);
  for (const [index, row] of entries) {
    const cells = { '(index)': inspect(index, { top: true }) };
    if (row !== null && typeof row === 'object') {
      for (const k of Object.keys(row)) {
        if (columns && !columns.includes(k)) continue;
        addCol(k);
        cells[k] = inspect(row[k]);
      }
    } else {
      hasValues = true;
      cells.Values = inspect(row);
    }
    rows.push(cells);
  }
  if (columns) for (const c of columns) addCol(String(c));
  const header = ['(index)', ...cols, ...(hasValues ? ['Values'] : [])];
  const widths = header.map((h) => Math.max(h.length, ...rows.map((r) => (r[h] ?? '').length)) + 2);
  const pad = (s, w) => {
    const total = w - s.length;
    const left = Math.floor(total / 2);
    return ' '.repeat(left) + s + ' '.repeat(total - left);
  };
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const out = [line('┌', '┬', '┐'), '│' + header.map((h, i) => pad(h, widths[i])).join('│') + '│', line('├', '┼', '┤')];
  for (const r of rows) out.push('│' + header.map((h, i) => pad(r[h] ?? '', widths[i])).join('│') + '│');
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

export function createConsole() {
  const timers = new Map();
  const counts = new Map();
  const label = (l) => (l === undefined ? 'default' : String(l));
  const c = {
    log: (...a) => writeConsole('log', formatArgs(a)),
    info: (...a) => writeConsole('info', formatArgs(a)),
    warn: (...a) => writeConsole('warn', formatArgs(a)),
    error: (...a) => writeConsole('error', formatArgs(a)),
    debug: (...a) => writeConsole('debug', formatArgs(a)),
    dirxml: (...a) => writeConsole('log', formatArgs(a)),
    trace: (...a) => {
      const msg = a.length ? `Trace: ${formatArgs(a)}` : 'Trace';
      const stack = callerStack();
      writeConsole('log', stack ? `${msg}\n${stack}` : msg);
    },
    assert: (condition, ...a) => {
      if (condition) return;
      writeConsole('error', a.length ? `Assertion failed: ${formatArgs(a)}` : 'Assertion failed');
    },
    dir: (v) => writeConsole('log', inspect(v)),
    table: (data, columns) => {
      if (data === null || typeof data !== 'object') { writeConsole('log', formatArgs([data])); return; }
      writeConsole('log', renderTable(data, Array.isArray(columns) ? columns.map(String) : undefined));
    },
    time: (l) => {
      l = label(l);
      if (timers.has(l)) { writeConsole('warn', `Timer '${l}' already exists`); return; }
      timers.set(l, clockNow());
    },
    timeLog: (l, ...a) => {
      l = label(l);
      if (!timers.has(l)) { writeConsole('warn', `Timer '${l}' does not exist`); return; }
      const extra = a.length ? ' ' + formatArgs(a) : '';
      writeConsole('log', `${l}: ${clockNow() - timers.get(l)} ms${extra}`);
    },
    timeEnd: (l) => {
      l = label(l);
      if (!timers.has(l)) { writeConsole('warn', `Timer '${l}' does not exist`); return; }
      writeConsole('log', `${l}: ${clockNow() - timers.get(l)} ms`);
      timers.delete(l);
    },
    count: (l) => {
      l = label(l);
      const n = (counts.get(l) ?? 0) + 1;
      counts.set(l, n);
      writeConsole('log', `${l}: ${n}`);
    },
    countReset: (l) => {
      l = label(l);
      if (!counts.has(l)) { writeConsole('warn', `Count for '${l}' does not exist`); return; }
      counts.set(l, 0);
    },
    group: (...a) => {
      if (a.length) writeConsole('log', formatArgs(a));
      groupIndent += '  ';
    },
    groupCollapsed: (...a) => c.group(...a),
    groupEnd: () => { groupIndent = groupIndent.slice(2); },
    clear: () => {},
    profile: () => {},
    profileEnd: () => {},
    timeStamp: () => {},
  };
  for (const [name, fn] of Object.entries(c)) Object.defineProperty(fn, 'name', { value: name });
  const ns = {};
  for (const [name, fn] of Object.entries(c)) {
    Object.defineProperty(ns, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'console', configurable: true });
  return ns;
}
