// Compact, single-line rendering of values for console output (browser-like for common cases).
import { Promise } from './intrinsics.js';
import { kInspect } from './util.js';

const MAX_DEPTH = 4;
const MAX_ITEMS = 100;
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag).get;
const identifier = /^[A-Za-z_$][\w$]*$/;

function quote(s) {
  return `'${s.replace(/[\\'\n\r\t]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c])}'`;
}

function errorHead(e) {
  let name = 'Error';
  let message = '';
  try { name = String(e.name ?? 'Error'); } catch {}
  try { message = e.message === undefined ? '' : String(e.message); } catch {}
  return message ? `${name}: ${message}` : name;
}

/** Drop the prelude's own frames (and the native frame that called into them) from a stack. */
export function trimPreludeFrames(stack) {
  const lines = stack.split('\n');
  const out = [];
  for (const line of lines) {
    if (line.includes('syncscope:prelude')) {
      if (out.length && /\(native\)\s*$/.test(out[out.length - 1])) out.pop();
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** `name: message` followed by the stack frames (QuickJS stacks have no header line; V8's do). */
export function formatError(e, seen = []) {
  if (e === null || typeof e !== 'object') return inspect(e, { top: true });
  const head = errorHead(e);
  let stack = '';
  try { stack = typeof e.stack === 'string' ? trimPreludeFrames(e.stack.replace(/\s+$/, '')) : ''; } catch {}
  let out;
  if (!stack) out = head;
  else if (/^\s+at\s/.test(stack) || stack.startsWith('at ')) out = `${head}\n${stack}`;
  else {
    // V8-style stack: the header line is the error's own text; keep the frames, use the current head.
    const lines = stack.split('\n');
    const firstFrame = lines.findIndex((l) => /^\s+at\s/.test(l));
    out = firstFrame < 0 ? head : `${head}\n${lines.slice(firstFrame).join('\n')}`;
  }
  let cause;
  try { cause = Object.hasOwn(e, 'cause') ? e.cause : undefined; } catch {}
  if (cause !== undefined && !seen.includes(cause) && seen.length < 5) {
    out += `\nCaused by: ${cause instanceof Error ? formatError(cause, [...seen, e]) : inspect(cause, { top: true })}`;
  }
  return out;
}

function isError(v) {
  if (v instanceof Error) return true;
  try { return Object.prototype.toString.call(v) === '[object Error]'; } catch { return false; }
}

function className(v) {
  try {
    const proto = Object.getPrototypeOf(v);
    if (proto === null) return null;
    const ctor = proto.constructor;
    if (typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name) return ctor.name;
    const tag = v[Symbol.toStringTag];
    return typeof tag === 'string' ? tag : 'Object';
  } catch {
    return 'Object';
  }
}

function keyText(k) {
  if (typeof k === 'symbol') return `[${k.toString()}]`;
  return identifier.test(k) ? k : quote(k);
}

function renderProps(v, keys, depth, seen) {
  const parts = [];
  for (const k of keys) {
    if (parts.length >= MAX_ITEMS) { parts.push(`... ${keys.length - MAX_ITEMS} more`); break; }
    let desc;
    try { desc = Object.getOwnPropertyDescriptor(v, k); } catch { continue; }
    if (!desc) continue;
    let text;
    if (desc.get || desc.set) text = desc.get && desc.set ? '[Getter/Setter]' : desc.get ? '[Getter]' : '[Setter]';
    else text = render(desc.value, depth + 1, seen);
    parts.push(`${keyText(k)}: ${text}`);
  }
  return parts;
}

function ownKeys(v) {
  try {
    return [...Object.keys(v), ...Object.getOwnPropertySymbols(v).filter((s) => Object.prototype.propertyIsEnumerable.call(v, s))];
  } catch {
    return [];
  }
}

function render(v, depth, seen) {
  switch (typeof v) {
    case 'string': return quote(v);
    case 'number': return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint': return `${v}n`;
    case 'boolean': case 'undefined': return String(v);
    case 'symbol': return v.toString();
    case 'function': {
      const name = typeof v.name === 'string' && v.name ? v.name : '';
      let src = '';
      try { src = Function.prototype.toString.call(v); } catch {}
      if (src.startsWith('class')) return `[class ${name || '(anonymous)'}]`;
      return name ? `[Function: ${name}]` : '[Function (anonymous)]';
    }
  }
  if (v === null) return 'null';
  if (seen.includes(v)) return '[Circular]';
  seen = [...seen, v];

  let custom;
  try { custom = typeof v[kInspect] === 'function' ? v[kInspect]() : undefined; } catch {}
  if (custom !== undefined) {
    const name = className(v);
    if (typeof custom === 'string') return `${name} ${custom}`;
    if (depth > MAX_DEPTH) return `[${name}]`;
    const parts = renderProps(custom, Object.keys(custom), depth, seen);
    return parts.length ? `${name} {${parts.join(', ')}}` : `${name} {}`;
  }

  if (isError(v)) return depth === 0 ? formatError(v) : `[${errorHead(v)}]`;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? 'Invalid Date' : v.toISOString();
  }
  if (v instanceof RegExp) return String(v);
  if (v instanceof Promise) return 'Promise {}';
  if (v instanceof WeakMap || v instanceof WeakSet) return `${className(v)} { <items unknown> }`;
  if (v instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${v.byteLength} }`;
  if (v instanceof DataView) return `DataView { byteLength: ${v.byteLength}, byteOffset: ${v.byteOffset} }`;
  const taTag = typedArrayTag.call(v);
  if (taTag) {
    if (depth > MAX_DEPTH) return `[${taTag}]`;
    const items = Array.from(v.length > MAX_ITEMS ? v.subarray(0, MAX_ITEMS) : v, (x) => render(x, depth + 1, seen));
    if (v.length > MAX_ITEMS) items.push(`... ${v.length - MAX_ITEMS} more items`);
    return `${taTag}(${v.length}) [${items.join(', ')}]`;
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean) {
    return `[${className(v)}: ${render(v.valueOf(), depth + 1, seen)}]`;
  }
  if (Array.isArray(v)) {
    if (depth > MAX_DEPTH) return '[Array]';
    const items = [];
    let holes = 0;
    const flushHoles = () => { if (holes) { items.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`); holes = 0; } };
    const n = Math.min(v.length, MAX_ITEMS);
    for (let i = 0; i < n; i++) {
      if (!Object.hasOwn(v, i)) { holes++; continue; }
      flushHoles();
      items.push(render(v[i], depth + 1, seen));
    }
    flushHoles();
    if (v.length > MAX_ITEMS) items.push(`... ${v.length - MAX_ITEMS} more items`);
    const extra = ownKeys(v).filter((k) => typeof k === 'symbol' || !/^(0|[1-9]\d*)$/.test(k));
    items.push(...renderProps(v, extra, depth, seen));
    return `[${items.join(', ')}]`;
  }
  if (v instanceof Map) {
    if (depth > MAX_DEPTH) return '[Map]';
    const items = [];
    for (const [k, val] of v) {
      if (items.length >= MAX_ITEMS) { items.push('...'); break; }
      items.push(`${render(k, depth + 1, seen)} => ${render(val, depth + 1, seen)}`);
    }
    return `Map(${v.size}) {${items.join(', ')}}`;
  }
  if (v instanceof Set) {
    if (depth > MAX_DEPTH) return '[Set]';
    const items = [];
    for (const val of v) {
      if (items.length >= MAX_ITEMS) { items.push('...'); break; }
      items.push(render(val, depth + 1, seen));
    }
    return `Set(${v.size}) {${items.join(', ')}}`;
  }
  const name = className(v);
  const prefix = name === null ? '[Object: null prototype] ' : name === 'Object' ? '' : `${name} `;
  if (depth > MAX_DEPTH) return `[${name ?? 'Object'}]`;
  const parts = renderProps(v, ownKeys(v), depth, seen);
  return `${prefix}{${parts.join(', ')}}`;
}

/** Render one value. `top: true` prints strings bare (as console.log does for its arguments). */
export function inspect(v, { top = false } = {}) {
  if (top && typeof v === 'string') return v;
  try {
    return render(v, 0, []);
  } catch {
    return '[unprintable]';
  }
}
