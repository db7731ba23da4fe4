// Syncscope service-worker prelude. GENERATED from crates/worker/js/src by `npm run build`; do not edit.
(() => {
	// src/host.js
	function takeHost() {
		const h = globalThis.__syncscopeHost;
		if (h === null || typeof h !== "object") {
			throw new Error("syncscope prelude: globalThis.__syncscopeHost is missing");
		}
		delete globalThis.__syncscopeHost;
		const names = [
			"now",
			"setTimer",
			"clearTimer",
			"console",
			"urlParse",
			"utf8Encode",
			"utf8Decode",
			"randomBytes",
			"importScripts",
			"fetch",
			"abortFetch",
			"engine"
		];
		const out = /* @__PURE__ */ Object.create(null);
		for (const name of names) {
			const fn = h[name];
			out[name] = typeof fn === "function" ? Function.prototype.bind.call(fn, h) : () => {
				throw new Error(`syncscope prelude: host function ${name} is missing`);
			};
		}
		return Object.freeze(out);
	}
	var host = takeHost();

	// src/util.js
	var kInspect = /* @__PURE__ */ Symbol("syncscope.inspect");
	var kPlatform = /* @__PURE__ */ Symbol("syncscope.platform");
	var kMissing = /* @__PURE__ */ Symbol("missing argument");
	function isObject(v) {
		return v !== null && (typeof v === "object" || typeof v === "function");
	}
	function toDOMString(v) {
		if (typeof v === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
		return String(v);
	}
	var loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
	function toUSVString(v) {
		const s = toDOMString(v);
		if (typeof s.toWellFormed === "function") return s.toWellFormed();
		return s.replace(loneSurrogates, "�");
	}
	function toByteString(v) {
		const s = toDOMString(v);
		for (let i = 0; i < s.length; i++) {
			if (s.charCodeAt(i) > 255) throw new TypeError(`Cannot convert "${s}" to a ByteString: character at index ${i} has a value above 255`);
		}
		return s;
	}
	function toLong(v) {
		const n = Number(v);
		return Number.isFinite(n) ? n | 0 : 0;
	}
	function toUnsignedShort(v) {
		const n = Number(v);
		if (!Number.isFinite(n)) return 0;
		const t = Math.trunc(n) % 65536;
		return t < 0 ? t + 65536 : t;
	}
	function toUnsignedLongLong(v) {
		const n = Number(v);
		if (!Number.isFinite(n)) return 0;
		return Math.trunc(n);
	}
	function requireArgs(count, needed, where) {
		if (count < needed) {
			throw new TypeError(`${where}: ${needed} argument${needed === 1 ? "" : "s"} required, but only ${count} present.`);
		}
	}
	function toDictionary(v, where) {
		if (v === void 0 || v === null) return {};
		if (!isObject(v)) throw new TypeError(`${where}: The provided value is not of type 'object'.`);
		return v;
	}
	function defineHidden(target, props) {
		for (const key of Reflect.ownKeys(props)) {
			Object.defineProperty(target, key, { value: props[key], writable: true, enumerable: false, configurable: true });
		}
	}
	function platformClass(cls, { cloneable = false, tag = cls.name } = {}) {
		Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag, configurable: true });
		if (!cloneable) Object.defineProperty(cls.prototype, kPlatform, { value: tag, configurable: true });
		return cls;
	}
	function bufferSourceBytes(v) {
		if (v instanceof ArrayBuffer || isSharedArrayBuffer(v)) return new Uint8Array(v.slice(0));
		if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
		return null;
	}
	function bufferSourceView(v) {
		if (v instanceof ArrayBuffer || isSharedArrayBuffer(v)) return new Uint8Array(v);
		if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
		return null;
	}
	function isSharedArrayBuffer(v) {
		return typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer;
	}
	function describeReason(v) {
		try {
			if (isObject(v) && (v instanceof Error || "name" in v && "message" in v && typeof v.message === "string")) {
				const name = v.name === void 0 ? "Error" : String(v.name);
				const message = String(v.message ?? "");
				return message ? `${name}: ${message}` : name;
			}
			return String(v);
		} catch {
			try {
				return Object.prototype.toString.call(v);
			} catch {
				return "[unprintable]";
			}
		}
	}

	// src/dom-exception.js
	var legacyCodes = {
		IndexSizeError: 1,
		HierarchyRequestError: 3,
		WrongDocumentError: 4,
		InvalidCharacterError: 5,
		NoModificationAllowedError: 7,
		NotFoundError: 8,
		NotSupportedError: 9,
		InUseAttributeError: 10,
		InvalidStateError: 11,
		SyntaxError: 12,
		InvalidModificationError: 13,
		NamespaceError: 14,
		InvalidAccessError: 15,
		TypeMismatchError: 17,
		SecurityError: 18,
		NetworkError: 19,
		AbortError: 20,
		URLMismatchError: 21,
		QuotaExceededError: 22,
		TimeoutError: 23,
		InvalidNodeTypeError: 24,
		DataCloneError: 25
	};
	var constants = {
		INDEX_SIZE_ERR: 1,
		DOMSTRING_SIZE_ERR: 2,
		HIERARCHY_REQUEST_ERR: 3,
		WRONG_DOCUMENT_ERR: 4,
		INVALID_CHARACTER_ERR: 5,
		NO_DATA_ALLOWED_ERR: 6,
		NO_MODIFICATION_ALLOWED_ERR: 7,
		NOT_FOUND_ERR: 8,
		NOT_SUPPORTED_ERR: 9,
		INUSE_ATTRIBUTE_ERR: 10,
		INVALID_STATE_ERR: 11,
		SYNTAX_ERR: 12,
		INVALID_MODIFICATION_ERR: 13,
		NAMESPACE_ERR: 14,
		INVALID_ACCESS_ERR: 15,
		VALIDATION_ERR: 16,
		TYPE_MISMATCH_ERR: 17,
		SECURITY_ERR: 18,
		NETWORK_ERR: 19,
		ABORT_ERR: 20,
		URL_MISMATCH_ERR: 21,
		QUOTA_EXCEEDED_ERR: 22,
		TIMEOUT_ERR: 23,
		INVALID_NODE_TYPE_ERR: 24,
		DATA_CLONE_ERR: 25
	};
	var isDOMException;
	var DOMException = class extends Error {
		#name;
		/**
		 * new DOMException(message?, name?) — also accepts an options bag {name, cause} as the second argument.
		 */
		constructor(message = void 0, options = void 0) {
			const msg = message === void 0 ? "" : toDOMString(message);
			let name = "Error";
			let errorOptions;
			if (isObject(options)) {
				if (options.name !== void 0) name = toDOMString(options.name);
				if ("cause" in options) errorOptions = { cause: options.cause };
			} else if (options !== void 0) {
				name = toDOMString(options);
			}
			super(msg, errorOptions);
			this.#name = name;
		}
		get name() {
			return this.#name;
		}
		get code() {
			return Object.hasOwn(legacyCodes, this.#name) ? legacyCodes[this.#name] : 0;
		}
		static {
			isDOMException = (v) => isObject(v) && #name in v;
		}
	};
	for (const [key, value] of Object.entries(constants)) {
		const desc = { value, enumerable: true, writable: false, configurable: false };
		Object.defineProperty(DOMException, key, desc);
		Object.defineProperty(DOMException.prototype, key, desc);
	}
	Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: "DOMException", configurable: true });
	function hostError(err) {
		if (isObject(err)) {
			const name = err.name === void 0 ? "Error" : String(err.name);
			const message = err.message === void 0 ? "" : String(err.message);
			if (name === "TypeError") return new TypeError(message);
			if (name === "RangeError") return new RangeError(message);
			return new DOMException(message, name);
		}
		return new DOMException(String(err), "UnknownError");
	}

	// src/clock.js
	function clockNow() {
		return Number(host.now());
	}
	var timeOrigin = clockNow();
	var NativeDate = Date;
	function installDate() {
		const PatchedDate = function Date2(...args) {
			if (new.target === void 0) return new NativeDate(Math.floor(clockNow())).toString();
			if (args.length === 0) return Reflect.construct(NativeDate, [Math.floor(clockNow())], new.target);
			return Reflect.construct(NativeDate, args, new.target);
		};
		Object.defineProperty(PatchedDate, "length", { value: 7 });
		Object.defineProperty(PatchedDate, "name", { value: "Date" });
		Object.defineProperty(PatchedDate, "prototype", { value: NativeDate.prototype, writable: false });
		Object.defineProperty(NativeDate.prototype, "constructor", { value: PatchedDate, writable: true, configurable: true });
		for (const key of ["parse", "UTC"]) {
			Object.defineProperty(PatchedDate, key, { value: NativeDate[key], writable: true, configurable: true });
		}
		Object.defineProperty(PatchedDate, "now", {
			value: function now() {
				return Math.floor(clockNow());
			},
			writable: true,
			configurable: true
		});
		Object.defineProperty(globalThis, "Date", { value: PatchedDate, writable: true, configurable: true, enumerable: false });
	}
	var Performance = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		get timeOrigin() {
			return timeOrigin;
		}
		now() {
			return clockNow() - timeOrigin;
		}
		toJSON() {
			return { timeOrigin };
		}
		[kInspect]() {
			return { timeOrigin };
		}
	};
	platformClass(Performance);
	var performance = Object.create(Performance.prototype);

	// src/intrinsics.js
	var Promise2 = globalThis.Promise;

	// src/inspect.js
	var MAX_DEPTH = 4;
	var MAX_ITEMS = 100;
	var typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
	var typedArrayTag = Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag).get;
	var identifier = /^[A-Za-z_$][\w$]*$/;
	function quote(s) {
		return `'${s.replace(/[\\'\n\r\t]/g, (c) => ({ "\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "	": "\\t" })[c])}'`;
	}
	function errorHead(e) {
		let name = "Error";
		let message = "";
		try {
			name = String(e.name ?? "Error");
		} catch {
		}
		try {
			message = e.message === void 0 ? "" : String(e.message);
		} catch {
		}
		return message ? `${name}: ${message}` : name;
	}
	function trimPreludeFrames(stack) {
		const lines = stack.split("\n");
		const out = [];
		for (const line of lines) {
			if (line.includes("syncscope:prelude")) {
				if (out.length && /\(native\)\s*$/.test(out[out.length - 1])) out.pop();
				continue;
			}
			out.push(line);
		}
		return out.join("\n");
	}
	function formatError(e, seen = []) {
		if (e === null || typeof e !== "object") return inspect(e, { top: true });
		const head = errorHead(e);
		let stack = "";
		try {
			stack = typeof e.stack === "string" ? trimPreludeFrames(e.stack.replace(/\s+$/, "")) : "";
		} catch {
		}
		let out;
		if (!stack) out = head;
		else if (/^\s+at\s/.test(stack) || stack.startsWith("at ")) out = `${head}
${stack}`;
		else {
			const lines = stack.split("\n");
			const firstFrame = lines.findIndex((l) => /^\s+at\s/.test(l));
			out = firstFrame < 0 ? head : `${head}
${lines.slice(firstFrame).join("\n")}`;
		}
		let cause;
		try {
			cause = Object.hasOwn(e, "cause") ? e.cause : void 0;
		} catch {
		}
		if (cause !== void 0 && !seen.includes(cause) && seen.length < 5) {
			out += `
Caused by: ${cause instanceof Error ? formatError(cause, [...seen, e]) : inspect(cause, { top: true })}`;
		}
		return out;
	}
	function isError(v) {
		if (v instanceof Error) return true;
		try {
			return Object.prototype.toString.call(v) === "[object Error]";
		} catch {
			return false;
		}
	}
	function className(v) {
		try {
			const proto = Object.getPrototypeOf(v);
			if (proto === null) return null;
			const ctor = proto.constructor;
			if (typeof ctor === "function" && typeof ctor.name === "string" && ctor.name) return ctor.name;
			const tag = v[Symbol.toStringTag];
			return typeof tag === "string" ? tag : "Object";
		} catch {
			return "Object";
		}
	}
	function keyText(k) {
		if (typeof k === "symbol") return `[${k.toString()}]`;
		return identifier.test(k) ? k : quote(k);
	}
	function renderProps(v, keys, depth, seen) {
		const parts = [];
		for (const k of keys) {
			if (parts.length >= MAX_ITEMS) {
				parts.push(`... ${keys.length - MAX_ITEMS} more`);
				break;
			}
			let desc;
			try {
				desc = Object.getOwnPropertyDescriptor(v, k);
			} catch {
				continue;
			}
			if (!desc) continue;
			let text;
			if (desc.get || desc.set) text = desc.get && desc.set ? "[Getter/Setter]" : desc.get ? "[Getter]" : "[Setter]";
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
			case "string":
				return quote(v);
			case "number":
				return Object.is(v, -0) ? "-0" : String(v);
			case "bigint":
				return `${v}n`;
			case "boolean":
			case "undefined":
				return String(v);
			case "symbol":
				return v.toString();
			case "function": {
				const name2 = typeof v.name === "string" && v.name ? v.name : "";
				let src = "";
				try {
					src = Function.prototype.toString.call(v);
				} catch {
				}
				if (src.startsWith("class")) return `[class ${name2 || "(anonymous)"}]`;
				return name2 ? `[Function: ${name2}]` : "[Function (anonymous)]";
			}
		}
		if (v === null) return "null";
		if (seen.includes(v)) return "[Circular]";
		seen = [...seen, v];
		let custom;
		try {
			custom = typeof v[kInspect] === "function" ? v[kInspect]() : void 0;
		} catch {
		}
		if (custom !== void 0) {
			const name2 = className(v);
			if (typeof custom === "string") return `${name2} ${custom}`;
			if (depth > MAX_DEPTH) return `[${name2}]`;
			const parts2 = renderProps(custom, Object.keys(custom), depth, seen);
			return parts2.length ? `${name2} {${parts2.join(", ")}}` : `${name2} {}`;
		}
		if (isError(v)) return depth === 0 ? formatError(v) : `[${errorHead(v)}]`;
		if (v instanceof Date) {
			const t = v.getTime();
			return Number.isNaN(t) ? "Invalid Date" : v.toISOString();
		}
		if (v instanceof RegExp) return String(v);
		if (v instanceof Promise2) return "Promise {}";
		if (v instanceof WeakMap || v instanceof WeakSet) return `${className(v)} { <items unknown> }`;
		if (v instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${v.byteLength} }`;
		if (v instanceof DataView) return `DataView { byteLength: ${v.byteLength}, byteOffset: ${v.byteOffset} }`;
		const taTag = typedArrayTag.call(v);
		if (taTag) {
			if (depth > MAX_DEPTH) return `[${taTag}]`;
			const items = Array.from(v.length > MAX_ITEMS ? v.subarray(0, MAX_ITEMS) : v, (x) => render(x, depth + 1, seen));
			if (v.length > MAX_ITEMS) items.push(`... ${v.length - MAX_ITEMS} more items`);
			return `${taTag}(${v.length}) [${items.join(", ")}]`;
		}
		if (v instanceof Number || v instanceof String || v instanceof Boolean) {
			return `[${className(v)}: ${render(v.valueOf(), depth + 1, seen)}]`;
		}
		if (Array.isArray(v)) {
			if (depth > MAX_DEPTH) return "[Array]";
			const items = [];
			let holes = 0;
			const flushHoles = () => {
				if (holes) {
					items.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
					holes = 0;
				}
			};
			const n = Math.min(v.length, MAX_ITEMS);
			for (let i = 0; i < n; i++) {
				if (!Object.hasOwn(v, i)) {
					holes++;
					continue;
				}
				flushHoles();
				items.push(render(v[i], depth + 1, seen));
			}
			flushHoles();
			if (v.length > MAX_ITEMS) items.push(`... ${v.length - MAX_ITEMS} more items`);
			const extra = ownKeys(v).filter((k) => typeof k === "symbol" || !/^(0|[1-9]\d*)$/.test(k));
			items.push(...renderProps(v, extra, depth, seen));
			return `[${items.join(", ")}]`;
		}
		if (v instanceof Map) {
			if (depth > MAX_DEPTH) return "[Map]";
			const items = [];
			for (const [k, val] of v) {
				if (items.length >= MAX_ITEMS) {
					items.push("...");
					break;
				}
				items.push(`${render(k, depth + 1, seen)} => ${render(val, depth + 1, seen)}`);
			}
			return `Map(${v.size}) {${items.join(", ")}}`;
		}
		if (v instanceof Set) {
			if (depth > MAX_DEPTH) return "[Set]";
			const items = [];
			for (const val of v) {
				if (items.length >= MAX_ITEMS) {
					items.push("...");
					break;
				}
				items.push(render(val, depth + 1, seen));
			}
			return `Set(${v.size}) {${items.join(", ")}}`;
		}
		const name = className(v);
		const prefix = name === null ? "[Object: null prototype] " : name === "Object" ? "" : `${name} `;
		if (depth > MAX_DEPTH) return `[${name ?? "Object"}]`;
		const parts = renderProps(v, ownKeys(v), depth, seen);
		return `${prefix}{${parts.join(", ")}}`;
	}
	function inspect(v, { top = false } = {}) {
		if (top && typeof v === "string") return v;
		try {
			return render(v, 0, []);
		} catch {
			return "[unprintable]";
		}
	}

	// src/console.js
	var groupIndent = "";
	function writeConsole(level, text) {
		if (groupIndent) text = text.split("\n").map((l) => groupIndent + l).join("\n");
		try {
			host.console(level, text);
		} catch {
		}
	}
	function toNumberForFormat(v) {
		if (typeof v === "symbol") return NaN;
		if (typeof v === "bigint") return v;
		try {
			return Number(v);
		} catch {
			return NaN;
		}
	}
	function formatArgs(args) {
		if (args.length === 0) return "";
		let out = "";
		let rest = 0;
		const first = args[0];
		if (typeof first === "string" && args.length > 1) {
			let i = 1;
			let last = 0;
			for (let p = 0; p < first.length - 1; p++) {
				if (first[p] !== "%") continue;
				const c = first[p + 1];
				let repl;
				if (c === "%") {
					repl = "%";
				} else if (i < args.length && "sdifoOc".includes(c)) {
					const a = args[i++];
					switch (c) {
						case "s":
							repl = typeof a === "string" ? a : typeof a === "bigint" ? `${a}n` : typeof a === "symbol" ? a.toString() : inspect(a);
							break;
						case "d":
						case "i": {
							const n = toNumberForFormat(a);
							repl = typeof n === "bigint" ? `${n}n` : String(Number.isFinite(n) ? Math.trunc(n) : n);
							break;
						}
						case "f": {
							const n = toNumberForFormat(a);
							repl = typeof n === "bigint" ? String(Number(n)) : String(n);
							break;
						}
						case "o":
						case "O":
							repl = inspect(a);
							break;
						case "c":
							repl = "";
							break;
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
		for (let j = rest; j < args.length; j++) out += " " + inspect(args[j], { top: true });
		return out;
	}
	function callerStack() {
		let stack = "";
		try {
			stack = String(new Error().stack ?? "");
		} catch {
		}
		const frames = stack.split("\n").filter((l) => /^\s+at\s/.test(l));
		return frames.slice(2).join("\n");
	}
	function renderTable(data, columns) {
		const rows = [];
		const cols = [];
		let hasValues = false;
		const addCol = (c) => {
			if (!cols.includes(c)) cols.push(c);
		};
		const entries = data instanceof Map ? [...data.entries()] : data instanceof Set ? [...data].map((v, i) => [i, v]) : Array.isArray(data) ? data.map((v, i) => [i, v]) : Object.keys(data).map((k) => [k, data[k]]);
		for (const [index, row] of entries) {
			const cells = { "(index)": inspect(index, { top: true }) };
			if (row !== null && typeof row === "object") {
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
		const header = ["(index)", ...cols, ...hasValues ? ["Values"] : []];
		const widths = header.map((h) => Math.max(h.length, ...rows.map((r) => (r[h] ?? "").length)) + 2);
		const pad = (s, w) => {
			const total = w - s.length;
			const left = Math.floor(total / 2);
			return " ".repeat(left) + s + " ".repeat(total - left);
		};
		const line = (l, m, r) => l + widths.map((w) => "─".repeat(w)).join(m) + r;
		const out = [line("┌", "┬", "┐"), "│" + header.map((h, i) => pad(h, widths[i])).join("│") + "│", line("├", "┼", "┤")];
		for (const r of rows) out.push("│" + header.map((h, i) => pad(r[h] ?? "", widths[i])).join("│") + "│");
		out.push(line("└", "┴", "┘"));
		return out.join("\n");
	}
	function createConsole() {
		const timers2 = /* @__PURE__ */ new Map();
		const counts = /* @__PURE__ */ new Map();
		const label = (l) => l === void 0 ? "default" : String(l);
		const c = {
			log: (...a) => writeConsole("log", formatArgs(a)),
			info: (...a) => writeConsole("info", formatArgs(a)),
			warn: (...a) => writeConsole("warn", formatArgs(a)),
			error: (...a) => writeConsole("error", formatArgs(a)),
			debug: (...a) => writeConsole("debug", formatArgs(a)),
			dirxml: (...a) => writeConsole("log", formatArgs(a)),
			trace: (...a) => {
				const msg = a.length ? `Trace: ${formatArgs(a)}` : "Trace";
				const stack = callerStack();
				writeConsole("log", stack ? `${msg}
${stack}` : msg);
			},
			assert: (condition, ...a) => {
				if (condition) return;
				writeConsole("error", a.length ? `Assertion failed: ${formatArgs(a)}` : "Assertion failed");
			},
			dir: (v) => writeConsole("log", inspect(v)),
			table: (data, columns) => {
				if (data === null || typeof data !== "object") {
					writeConsole("log", formatArgs([data]));
					return;
				}
				writeConsole("log", renderTable(data, Array.isArray(columns) ? columns.map(String) : void 0));
			},
			time: (l) => {
				l = label(l);
				if (timers2.has(l)) {
					writeConsole("warn", `Timer '${l}' already exists`);
					return;
				}
				timers2.set(l, clockNow());
			},
			timeLog: (l, ...a) => {
				l = label(l);
				if (!timers2.has(l)) {
					writeConsole("warn", `Timer '${l}' does not exist`);
					return;
				}
				const extra = a.length ? " " + formatArgs(a) : "";
				writeConsole("log", `${l}: ${clockNow() - timers2.get(l)} ms${extra}`);
			},
			timeEnd: (l) => {
				l = label(l);
				if (!timers2.has(l)) {
					writeConsole("warn", `Timer '${l}' does not exist`);
					return;
				}
				writeConsole("log", `${l}: ${clockNow() - timers2.get(l)} ms`);
				timers2.delete(l);
			},
			count: (l) => {
				l = label(l);
				const n = (counts.get(l) ?? 0) + 1;
				counts.set(l, n);
				writeConsole("log", `${l}: ${n}`);
			},
			countReset: (l) => {
				l = label(l);
				if (!counts.has(l)) {
					writeConsole("warn", `Count for '${l}' does not exist`);
					return;
				}
				counts.set(l, 0);
			},
			group: (...a) => {
				if (a.length) writeConsole("log", formatArgs(a));
				groupIndent += "  ";
			},
			groupCollapsed: (...a) => c.group(...a),
			groupEnd: () => {
				groupIndent = groupIndent.slice(2);
			},
			clear: () => {
			},
			profile: () => {
			},
			profileEnd: () => {
			},
			timeStamp: () => {
			}
		};
		for (const [name, fn] of Object.entries(c)) Object.defineProperty(fn, "name", { value: name });
		const ns = {};
		for (const [name, fn] of Object.entries(c)) {
			Object.defineProperty(ns, name, { value: fn, writable: true, enumerable: true, configurable: true });
		}
		Object.defineProperty(ns, Symbol.toStringTag, { value: "console", configurable: true });
		return ns;
	}

	// src/events.js
	var ev;
	var BUBBLES = 1;
	var CANCELABLE = 2;
	var COMPOSED = 4;
	var STOP = 8;
	var STOP_IMMEDIATE = 16;
	var CANCELED = 32;
	var IN_PASSIVE = 64;
	var DISPATCHING = 128;
	var TRUSTED = 256;
	var Event = class {
		#type;
		#flags = 0;
		#target = null;
		#timeStamp;
		constructor(type = kMissing, eventInitDict = void 0) {
			if (type === kMissing) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
			this.#type = typeof type === "string" ? type : toDOMString(type);
			if (eventInitDict !== void 0 && eventInitDict !== null) {
				this.#flags = (eventInitDict.bubbles ? BUBBLES : 0) | (eventInitDict.cancelable ? CANCELABLE : 0) | (eventInitDict.composed ? COMPOSED : 0);
			}
			this.#timeStamp = clockNow() - timeOrigin;
		}
		get type() {
			return this.#type;
		}
		get target() {
			return this.#target;
		}
		get srcElement() {
			return this.#target;
		}
		get currentTarget() {
			return this.#flags & DISPATCHING ? this.#target : null;
		}
		get eventPhase() {
			return this.#flags & DISPATCHING ? 2 : 0;
		}
		get bubbles() {
			return (this.#flags & BUBBLES) !== 0;
		}
		get cancelable() {
			return (this.#flags & CANCELABLE) !== 0;
		}
		get composed() {
			return (this.#flags & COMPOSED) !== 0;
		}
		get defaultPrevented() {
			return (this.#flags & CANCELED) !== 0;
		}
		get isTrusted() {
			return (this.#flags & TRUSTED) !== 0;
		}
		get timeStamp() {
			return this.#timeStamp;
		}
		get returnValue() {
			return (this.#flags & CANCELED) === 0;
		}
		set returnValue(v) {
			if (!v) this.preventDefault();
		}
		get cancelBubble() {
			return (this.#flags & STOP) !== 0;
		}
		set cancelBubble(v) {
			if (v) this.#flags |= STOP;
		}
		composedPath() {
			return this.#flags & DISPATCHING ? [this.#target] : [];
		}
		stopPropagation() {
			this.#flags |= STOP;
		}
		stopImmediatePropagation() {
			this.#flags |= STOP | STOP_IMMEDIATE;
		}
		preventDefault() {
			if ((this.#flags & (CANCELABLE | IN_PASSIVE)) === CANCELABLE) this.#flags |= CANCELED;
		}
		initEvent(type, bubbles = false, cancelable = false) {
			requireArgs(arguments.length, 1, "Failed to execute 'initEvent' on 'Event'");
			if (this.#flags & DISPATCHING) return;
			this.#type = toDOMString(type);
			this.#flags = (bubbles ? BUBBLES : 0) | (cancelable ? CANCELABLE : 0) | this.#flags & COMPOSED;
			this.#target = null;
		}
		[kInspect]() {
			return { type: this.#type, defaultPrevented: this.defaultPrevented, cancelable: this.cancelable, timeStamp: this.#timeStamp };
		}
		static {
			ev = {
				is: (e) => isObject(e) && #type in e,
				setTrusted: (e) => {
					e.#flags |= TRUSTED;
				},
				isDispatching: (e) => (e.#flags & DISPATCHING) !== 0,
				begin(e, target) {
					e.#flags |= DISPATCHING;
					e.#target = target;
				},
				end(e) {
					e.#flags &= ~(DISPATCHING | STOP | STOP_IMMEDIATE);
				},
				stoppedImmediately: (e) => (e.#flags & STOP_IMMEDIATE) !== 0,
				setPassive: (e, p) => {
					if (p) e.#flags |= IN_PASSIVE;
					else e.#flags &= ~IN_PASSIVE;
				},
				canceled: (e) => (e.#flags & CANCELED) !== 0
			};
		}
	};
	for (const [name, value] of [["NONE", 0], ["CAPTURING_PHASE", 1], ["AT_TARGET", 2], ["BUBBLING_PHASE", 3]]) {
		const d = { value, enumerable: true, writable: false, configurable: false };
		Object.defineProperty(Event, name, d);
		Object.defineProperty(Event.prototype, name, d);
	}
	platformClass(Event);
	var isEvent = (e) => ev.is(e);
	var markTrusted = (e) => {
		ev.setTrusted(e);
		return e;
	};
	var isDispatching = (e) => ev.isDispatching(e);
	var CustomEvent = class extends Event {
		#detail;
		constructor(type = kMissing, init = void 0) {
			super(type, init);
			this.#detail = init?.detail ?? null;
		}
		get detail() {
			return this.#detail;
		}
	};
	platformClass(CustomEvent);
	var ErrorEvent = class extends Event {
		#message;
		#filename;
		#lineno;
		#colno;
		#error;
		constructor(type = kMissing, init = void 0) {
			super(type, init);
			this.#message = init?.message === void 0 ? "" : String(init.message);
			this.#filename = init?.filename === void 0 ? "" : String(init.filename);
			this.#lineno = (init?.lineno ?? 0) >>> 0;
			this.#colno = (init?.colno ?? 0) >>> 0;
			this.#error = init?.error;
		}
		get message() {
			return this.#message;
		}
		get filename() {
			return this.#filename;
		}
		get lineno() {
			return this.#lineno;
		}
		get colno() {
			return this.#colno;
		}
		get error() {
			return this.#error;
		}
	};
	platformClass(ErrorEvent);
	var PromiseRejectionEvent = class extends Event {
		#promise;
		#reason;
		constructor(type, init) {
			requireArgs(arguments.length, 2, "Failed to construct 'PromiseRejectionEvent'");
			super(type, init);
			this.#promise = init.promise;
			this.#reason = init.reason;
		}
		get promise() {
			return this.#promise;
		}
		get reason() {
			return this.#reason;
		}
	};
	platformClass(PromiseRejectionEvent);
	var targets = /* @__PURE__ */ new WeakMap();
	function stateOf(target, where) {
		const s = targets.get(target);
		if (!s) throw new TypeError(`Failed to execute '${where}' on 'EventTarget': Illegal invocation`);
		return s;
	}
	function adoptEventTarget(obj) {
		if (!targets.has(obj)) targets.set(obj, { listeners: /* @__PURE__ */ new Map(), handlers: /* @__PURE__ */ new Map() });
	}
	function flattenOptions(options) {
		if (typeof options === "boolean") return { capture: options, once: false, passive: false, signal: null };
		if (!isObject(options)) return { capture: !!options, once: false, passive: false, signal: null };
		const signal = options.signal ?? null;
		return { capture: !!options.capture, once: !!options.once, passive: !!options.passive, signal };
	}
	var signalHooks = { isSignal: () => false, aborted: () => false, onAbort: () => {
	} };
	function removeEntry(list, entry) {
		entry.removed = true;
		const i = list.indexOf(entry);
		if (i >= 0) list.splice(i, 1);
	}
	var EventTarget = class {
		constructor() {
			adoptEventTarget(this);
		}
		addEventListener(type, callback, options = void 0) {
			requireArgs(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
			const s = stateOf(this ?? globalThis, "addEventListener");
			type = toDOMString(type);
			if (callback === null || callback === void 0) return;
			if (!isObject(callback)) {
				throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.");
			}
			const o = flattenOptions(options);
			if (o.signal !== null && !signalHooks.isSignal(o.signal)) {
				throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type 'AbortSignal'.");
			}
			if (o.signal && signalHooks.aborted(o.signal)) return;
			let list = s.listeners.get(type);
			if (!list) s.listeners.set(type, list = []);
			if (list.some((e) => e.callback === callback && e.capture === o.capture)) return;
			const entry = { callback, capture: o.capture, once: o.once, passive: o.passive, removed: false };
			list.push(entry);
			if (o.signal) signalHooks.onAbort(o.signal, () => removeEntry(list, entry));
		}
		removeEventListener(type, callback, options = void 0) {
			requireArgs(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
			const s = stateOf(this ?? globalThis, "removeEventListener");
			type = toDOMString(type);
			const capture = typeof options === "boolean" ? options : !!(isObject(options) && options.capture);
			const list = s.listeners.get(type);
			if (!list) return;
			const entry = list.find((e) => e.callback === callback && e.capture === capture);
			if (entry) removeEntry(list, entry);
		}
		dispatchEvent(event) {
			requireArgs(arguments.length, 1, "Failed to execute 'dispatchEvent' on 'EventTarget'");
			const target = this ?? globalThis;
			stateOf(target, "dispatchEvent");
			if (!isEvent(event)) {
				throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
			}
			if (isDispatching(event)) {
				throw new DOMException("Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.", "InvalidStateError");
			}
			return dispatchEventInternal(target, event);
		}
	};
	platformClass(EventTarget);
	function dispatchEventInternal(target, event, onError = null) {
		const s = targets.get(target);
		ev.begin(event, target);
		try {
			const list = s === void 0 ? void 0 : s.listeners.get(event.type);
			if (list !== void 0 && list.length !== 0) {
				const snapshot = list.slice();
				let hasCapture = false;
				for (let i = 0; i < snapshot.length; i++) if (snapshot[i].capture) {
					hasCapture = true;
					break;
				}
				if (hasCapture) invokeListeners(target, event, list, snapshot, true, onError);
				invokeListeners(target, event, list, snapshot, false, onError);
			}
		} finally {
			ev.end(event);
		}
		return !ev.canceled(event);
	}
	function invokeListeners(target, event, list, snapshot, capturePass, onError) {
		for (let i = 0; i < snapshot.length; i++) {
			const entry = snapshot[i];
			if (entry.capture !== capturePass || entry.removed) continue;
			if (ev.stoppedImmediately(event)) break;
			if (entry.once) removeEntry(list, entry);
			if (entry.passive) ev.setPassive(event, true);
			try {
				const cb = entry.callback;
				if (typeof cb === "function") {
					cb.call(target, event);
				} else {
					const handleEvent = cb.handleEvent;
					if (typeof handleEvent !== "function") throw new TypeError("The provided callback is not a function and has no 'handleEvent' method.");
					handleEvent.call(cb, event);
				}
			} catch (err) {
				reportException(err);
				if (onError) onError(err);
			} finally {
				if (entry.passive) ev.setPassive(event, false);
			}
		}
	}
	function hasListeners(target, type) {
		const list = targets.get(target)?.listeners.get(String(type));
		return !!list && list.some((e) => !e.removed);
	}
	function defineEventHandlers(proto, names) {
		for (const name of names) {
			const type = name;
			Object.defineProperty(proto, `on${name}`, {
				configurable: true,
				enumerable: true,
				get() {
					const s = targets.get(this);
					return s?.handlers.get(type)?.value ?? null;
				},
				set(value) {
					const s = targets.get(this);
					if (!s) throw new TypeError("Illegal invocation");
					const current = s.handlers.get(type);
					if (typeof value !== "function" && !isObject(value)) value = null;
					if (value === null) {
						if (current) {
							const list2 = s.listeners.get(type);
							if (list2) removeEntry(list2, current.entry);
							s.handlers.delete(type);
						}
						return;
					}
					if (current) {
						current.value = value;
						return;
					}
					const handler = { value, entry: null };
					const self = this;
					const callback = function(event) {
						const fn = handler.value;
						if (typeof fn !== "function") return void 0;
						let result;
						if (type === "error" && event instanceof ErrorEvent) {
							result = Reflect.apply(fn, self, [event.message, event.filename, event.lineno, event.colno, event.error]);
							if (result === true) event.preventDefault();
						} else {
							result = Reflect.apply(fn, self, [event]);
							if (result === false) event.preventDefault();
						}
						return void 0;
					};
					handler.entry = { callback, capture: false, once: false, passive: false, removed: false };
					let list = s.listeners.get(type);
					if (!list) s.listeners.set(type, list = []);
					list.push(handler.entry);
					s.handlers.set(type, handler);
				}
			});
		}
	}
	var reporting = false;
	function reportException(err) {
		let canceled = false;
		if (!reporting && targets.has(globalThis)) {
			reporting = true;
			try {
				const e = new ErrorEvent("error", { message: `Uncaught ${describeReason(err)}`, error: err, cancelable: true });
				markTrusted(e);
				canceled = !dispatchEventInternal(globalThis, e);
			} catch {
			} finally {
				reporting = false;
			}
		}
		if (!canceled) writeConsole("error", `Uncaught ${formatError(err)}`);
	}

	// src/encoding.js
	function utf8Encode(s) {
		return host.utf8Encode(toUSVString(s));
	}
	function utf8Decode(bytes, fatal = false) {
		if (bytes.length === 0) return "";
		return host.utf8Decode(bytes, !!fatal);
	}
	var TextEncoder = class {
		get encoding() {
			return "utf-8";
		}
		encode(input = "") {
			return utf8Encode(input);
		}
		encodeInto(source, destination) {
			requireArgs(arguments.length, 2, "Failed to execute 'encodeInto' on 'TextEncoder'");
			if (!(destination instanceof Uint8Array)) {
				throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.");
			}
			const s = toUSVString(source);
			let read = 0;
			let written = 0;
			const cap = destination.length;
			for (let i = 0; i < s.length; i++) {
				let cp = s.charCodeAt(i);
				let units = 1;
				if (cp >= 55296 && cp <= 56319 && i + 1 < s.length) {
					const lo = s.charCodeAt(i + 1);
					if (lo >= 56320 && lo <= 57343) {
						cp = 65536 + (cp - 55296 << 10) + (lo - 56320);
						units = 2;
					}
				}
				const size = cp < 128 ? 1 : cp < 2048 ? 2 : cp < 65536 ? 3 : 4;
				if (written + size > cap) break;
				if (size === 1) destination[written] = cp;
				else if (size === 2) {
					destination[written] = 192 | cp >> 6;
					destination[written + 1] = 128 | cp & 63;
				} else if (size === 3) {
					destination[written] = 224 | cp >> 12;
					destination[written + 1] = 128 | cp >> 6 & 63;
					destination[written + 2] = 128 | cp & 63;
				} else {
					destination[written] = 240 | cp >> 18;
					destination[written + 1] = 128 | cp >> 12 & 63;
					destination[written + 2] = 128 | cp >> 6 & 63;
					destination[written + 3] = 128 | cp & 63;
				}
				written += size;
				read += units;
				i += units - 1;
			}
			return { read, written };
		}
		[kInspect]() {
			return { encoding: "utf-8" };
		}
	};
	platformClass(TextEncoder);
	var utf8Labels = /* @__PURE__ */ new Set(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]);
	function incompleteTail(b) {
		const n = b.length;
		for (let back = 1; back <= Math.min(3, n); back++) {
			const byte = b[n - back];
			if ((byte & 192) === 128) continue;
			const need = byte >= 240 && byte <= 244 ? 4 : byte >= 224 ? 3 : byte >= 194 && byte < 224 ? 2 : 1;
			return need > back ? back : 0;
		}
		return 0;
	}
	var TextDecoder = class {
		#fatal;
		#ignoreBOM;
		#pending = null;
		#bomSeen = false;
		constructor(label = "utf-8", options = void 0) {
			const name = String(label).trim().toLowerCase();
			if (!utf8Labels.has(name)) {
				throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid or not supported (only utf-8 is available).`);
			}
			if (options !== void 0 && options !== null && !isObject(options)) {
				throw new TypeError("Failed to construct 'TextDecoder': The provided value is not of type 'TextDecoderOptions'.");
			}
			this.#fatal = !!options?.fatal;
			this.#ignoreBOM = !!options?.ignoreBOM;
		}
		get encoding() {
			return "utf-8";
		}
		get fatal() {
			return this.#fatal;
		}
		get ignoreBOM() {
			return this.#ignoreBOM;
		}
		decode(input = void 0, options = void 0) {
			let bytes;
			if (input === void 0 || input === null) bytes = new Uint8Array(0);
			else {
				bytes = bufferSourceView(input);
				if (!bytes) {
					throw new TypeError("Failed to execute 'decode' on 'TextDecoder': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.");
				}
			}
			const stream = !!options?.stream;
			if (this.#pending) {
				const joined = new Uint8Array(this.#pending.length + bytes.length);
				joined.set(this.#pending);
				joined.set(bytes, this.#pending.length);
				bytes = joined;
				this.#pending = null;
			}
			if (stream) {
				const tail = incompleteTail(bytes);
				if (tail) {
					this.#pending = bytes.slice(bytes.length - tail);
					bytes = bytes.subarray(0, bytes.length - tail);
				}
			}
			if (!this.#ignoreBOM && !this.#bomSeen && bytes.length > 0) {
				if (bytes.length >= 3 && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191) bytes = bytes.subarray(3);
				this.#bomSeen = true;
			}
			if (!stream) this.#bomSeen = false;
			try {
				return utf8Decode(bytes, this.#fatal);
			} catch (err) {
				this.#pending = null;
				this.#bomSeen = false;
				throw new TypeError("Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid for encoding utf-8", { cause: err });
			}
		}
		[kInspect]() {
			return { encoding: "utf-8", fatal: this.#fatal, ignoreBOM: this.#ignoreBOM };
		}
	};
	platformClass(TextDecoder);

	// src/streams.js
	var rs;
	var ReadableStream = class _ReadableStream {
		#queue = [];
		#state = "readable";
		// 'readable' | 'closed' | 'errored'
		#error = void 0;
		#reader = null;
		#disturbed = false;
		#closeRequested = false;
		#pulling = false;
		#source = null;
		#waiting = [];
		// pending read requests {resolve, reject}
		#bytes = null;
		// set while the stream is an untouched view over known bytes (fast path for bodies)
		constructor(underlyingSource = void 0, strategy = void 0) {
			if (underlyingSource !== void 0 && underlyingSource !== null && !isObject(underlyingSource)) {
				throw new TypeError("Failed to construct 'ReadableStream': The provided value is not of type 'UnderlyingSource'.");
			}
			if (underlyingSource?.type === "bytes") {
				throw new RangeError("Failed to construct 'ReadableStream': byte streams are not supported by Syncscope.");
			}
			void strategy;
			this.#source = underlyingSource ?? {};
			const controller = Object.create(ReadableStreamDefaultController.prototype);
			controllers.set(controller, this);
			this.#controller = controller;
			let started;
			if (typeof this.#source.start === "function") started = Reflect.apply(this.#source.start, this.#source, [controller]);
			Promise2.resolve(started).then(() => {
				this.#started = true;
				rs.pull(this);
			}, (e) => rs.error(this, e));
		}
		#controller = null;
		#started = false;
		get locked() {
			return this.#reader !== null;
		}
		getReader(options = void 0) {
			if (options?.mode !== void 0) throw new RangeError("Failed to execute 'getReader' on 'ReadableStream': BYOB readers are not supported.");
			if (this.#reader) throw new TypeError("Failed to execute 'getReader' on 'ReadableStream': ReadableStreamDefaultReader constructor can only accept readable streams that are not yet locked to a reader");
			const reader = Object.create(ReadableStreamDefaultReader.prototype);
			readers.set(reader, { stream: this, closed: null });
			this.#reader = reader;
			return reader;
		}
		cancel(reason = void 0) {
			if (this.#reader) return Promise2.reject(new TypeError("Cannot cancel a locked stream"));
			return rs.cancel(this, reason);
		}
		tee() {
			if (this.#reader) throw new TypeError("Failed to execute 'tee' on 'ReadableStream': Cannot tee a locked stream");
			if (this.#bytes && !this.#disturbed) {
				const bytes = this.#bytes;
				rs.lock(this);
				return [streamFromBytes(bytes), streamFromBytes(bytes)];
			}
			const reader = this.getReader();
			const branches = [];
			let reading = null;
			const pullBoth = () => {
				if (!reading) {
					reading = reader.read().then(({ done, value }) => {
						reading = null;
						for (const b of branches) {
							if (rs.state(b.stream) !== "readable" || b.canceled) continue;
							if (done) b.ctl.close();
							else b.ctl.enqueue(value);
						}
					}, (e) => {
						reading = null;
						for (const b of branches) b.ctl.error(e);
					});
				}
				return reading;
			};
			for (let i = 0; i < 2; i++) {
				const b = { ctl: null, stream: null, canceled: false };
				b.stream = new _ReadableStream({
					start(c) {
						b.ctl = c;
					},
					pull: pullBoth,
					cancel: () => {
						b.canceled = true;
						if (branches.every((x) => x.canceled)) reader.cancel();
					}
				});
				branches.push(b);
			}
			return [branches[0].stream, branches[1].stream];
		}
		values({ preventCancel = false } = {}) {
			const reader = this.getReader();
			return {
				next: () => reader.read(),
				return: async (value) => {
					if (!preventCancel) await reader.cancel(value);
					reader.releaseLock();
					return { done: true, value };
				},
				[Symbol.asyncIterator]() {
					return this;
				}
			};
		}
		[kInspect]() {
			return { locked: this.#reader !== null, state: this.#state };
		}
		static {
			rs = {
				is: (s) => isObject(s) && #queue in s,
				state: (s) => s.#state,
				errorOf: (s) => s.#error,
				disturbed: (s) => s.#disturbed,
				bytes: (s) => s.#disturbed || s.#reader ? null : s.#bytes,
				setBytes: (s, b) => {
					s.#bytes = b;
				},
				enqueue(s, chunk) {
					if (s.#state !== "readable" || s.#closeRequested) throw new TypeError("Cannot enqueue a chunk into a closed readable stream");
					s.#bytes = null;
					const w = s.#waiting.shift();
					if (w) w.resolve({ value: chunk, done: false });
					else s.#queue.push(chunk);
				},
				close(s) {
					if (s.#state !== "readable" || s.#closeRequested) throw new TypeError("Cannot close a readable stream that is already closing");
					s.#closeRequested = true;
					if (s.#queue.length === 0) rs.finishClose(s);
				},
				finishClose(s) {
					s.#state = "closed";
					for (const w of s.#waiting.splice(0)) w.resolve({ value: void 0, done: true });
					const r = s.#reader && readers.get(s.#reader);
					if (r?.closed) r.closed.resolve(void 0);
				},
				error(s, e) {
					if (s.#state !== "readable") return;
					s.#state = "errored";
					s.#error = e;
					s.#queue = [];
					for (const w of s.#waiting.splice(0)) w.reject(e);
					const r = s.#reader && readers.get(s.#reader);
					if (r?.closed) {
						r.closed.promise.catch(() => {
						});
						r.closed.reject(e);
					}
				},
				pull(s) {
					if (!s.#started || s.#pulling || s.#state !== "readable" || s.#closeRequested) return;
					if (typeof s.#source.pull !== "function" || s.#waiting.length === 0) return;
					s.#pulling = true;
					let p;
					try {
						p = Reflect.apply(s.#source.pull, s.#source, [s.#controller]);
					} catch (e) {
						s.#pulling = false;
						rs.error(s, e);
						return;
					}
					Promise2.resolve(p).then(() => {
						s.#pulling = false;
						if (s.#waiting.length) rs.pull(s);
					}, (e) => {
						s.#pulling = false;
						rs.error(s, e);
					});
				},
				read(s) {
					s.#disturbed = true;
					if (s.#queue.length) {
						const value = s.#queue.shift();
						if (s.#closeRequested && s.#queue.length === 0) rs.finishClose(s);
						return Promise2.resolve({ value, done: false });
					}
					if (s.#state === "closed") return Promise2.resolve({ value: void 0, done: true });
					if (s.#state === "errored") return Promise2.reject(s.#error);
					return new Promise2((resolve, reject) => {
						s.#waiting.push({ resolve, reject });
						rs.pull(s);
					});
				},
				cancel(s, reason) {
					s.#disturbed = true;
					if (s.#state === "closed") return Promise2.resolve(void 0);
					if (s.#state === "errored") return Promise2.reject(s.#error);
					s.#queue = [];
					rs.finishClose(s);
					const cancel = s.#source.cancel;
					if (typeof cancel !== "function") return Promise2.resolve(void 0);
					try {
						return Promise2.resolve(Reflect.apply(cancel, s.#source, [reason])).then(() => void 0);
					} catch (e) {
						return Promise2.reject(e);
					}
				},
				release(s) {
					s.#reader = null;
				},
				lock(s) {
					s.#disturbed = true;
					s.#reader = {};
				},
				desiredSize: (s) => s.#state === "readable" ? Math.max(0, 1 - s.#queue.length) : s.#state === "closed" ? 0 : null
			};
		}
	};
	Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
		value: ReadableStream.prototype.values,
		writable: true,
		configurable: true
	});
	platformClass(ReadableStream);
	var controllers = /* @__PURE__ */ new WeakMap();
	var readers = /* @__PURE__ */ new WeakMap();
	var ReadableStreamDefaultController = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		get desiredSize() {
			return rs.desiredSize(controllers.get(this));
		}
		enqueue(chunk = void 0) {
			rs.enqueue(controllers.get(this), chunk);
		}
		close() {
			rs.close(controllers.get(this));
		}
		error(e = void 0) {
			rs.error(controllers.get(this), e);
		}
	};
	platformClass(ReadableStreamDefaultController);
	var ReadableStreamDefaultReader = class {
		constructor(stream) {
			if (!rs.is(stream)) throw new TypeError("Failed to construct 'ReadableStreamDefaultReader': parameter 1 is not of type 'ReadableStream'.");
			return stream.getReader();
		}
		get closed() {
			const r = readers.get(this);
			if (!r) return Promise2.reject(new TypeError("Illegal invocation"));
			if (!r.closed) {
				let resolve, reject;
				const promise = new Promise2((a, b) => {
					resolve = a;
					reject = b;
				});
				r.closed = { promise, resolve, reject };
				const st = r.stream ? rs.state(r.stream) : "released";
				if (st === "closed") resolve(void 0);
				else if (st === "errored") {
					promise.catch(() => {
					});
					reject(rs.errorOf(r.stream));
				}
			}
			return r.closed.promise;
		}
		read() {
			const r = readers.get(this);
			if (!r || !r.stream) return Promise2.reject(new TypeError("This readable stream reader has been released and cannot be used to read from its previous owner stream"));
			return rs.read(r.stream);
		}
		cancel(reason = void 0) {
			const r = readers.get(this);
			if (!r || !r.stream) return Promise2.reject(new TypeError("This readable stream reader has been released"));
			return rs.cancel(r.stream, reason);
		}
		releaseLock() {
			const r = readers.get(this);
			if (!r || !r.stream) return;
			rs.release(r.stream);
			r.stream = null;
		}
	};
	platformClass(ReadableStreamDefaultReader);
	function streamFromBytes(bytes) {
		const s = new ReadableStream({
			pull(c) {
				if (bytes.length) c.enqueue(bytes.slice());
				c.close();
			}
		});
		rs.setBytes(s, bytes);
		return s;
	}
	var isReadableStream = (s) => rs.is(s);
	var isDisturbed = (s) => rs.disturbed(s);
	var knownBytes = (s) => rs.bytes(s);
	var takeStream = (s) => rs.lock(s);
	async function readAllBytes(stream) {
		const reader = stream.getReader();
		const chunks = [];
		let total = 0;
		for (; ; ) {
			const { done, value } = await reader.read();
			if (done) break;
			let chunk;
			if (value instanceof Uint8Array) chunk = value;
			else if (ArrayBuffer.isView(value)) chunk = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
			else if (value instanceof ArrayBuffer) chunk = new Uint8Array(value);
			else throw new TypeError("Failed to read the body: a chunk is not a Uint8Array");
			chunks.push(chunk);
			total += chunk.length;
		}
		const out = new Uint8Array(total);
		let o = 0;
		for (const c of chunks) {
			out.set(c, o);
			o += c.length;
		}
		return out;
	}

	// src/blob.js
	var blobs;
	function normalizeType(t) {
		const s = t === void 0 ? "" : String(t);
		return /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : "";
	}
	var Blob = class _Blob {
		#bytes;
		#type;
		constructor(blobParts = void 0, options = void 0) {
			const chunks = [];
			if (blobParts !== void 0) {
				if (!isObject(blobParts) || typeof blobParts[Symbol.iterator] !== "function") {
					throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
				}
				for (const part of blobParts) {
					if (isObject(part) && blobs.is(part)) chunks.push(blobs.bytes(part));
					else chunks.push(bufferSourceBytes(part) ?? utf8Encode(toUSVString(part)));
				}
			}
			this.#bytes = concatBytes(chunks);
			this.#type = normalizeType(options?.type);
		}
		get size() {
			return this.#bytes.length;
		}
		get type() {
			return this.#type;
		}
		slice(start = void 0, end = void 0, contentType = void 0) {
			const size = this.#bytes.length;
			const rel = (v, dflt) => {
				if (v === void 0) return dflt;
				const n = Math.trunc(Number(v)) || 0;
				return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
			};
			const from = rel(start, 0);
			const to = rel(end, size);
			return blobs.make(this.#bytes.slice(from, Math.max(from, to)), normalizeType(contentType));
		}
		text() {
			return Promise2.resolve(utf8Decode(this.#bytes));
		}
		arrayBuffer() {
			return Promise2.resolve(this.#bytes.slice().buffer);
		}
		bytes() {
			return Promise2.resolve(this.#bytes.slice());
		}
		stream() {
			return streamFromBytes(this.#bytes);
		}
		[kInspect]() {
			return { size: this.#bytes.length, type: this.#type };
		}
		static {
			blobs = {
				is: (b) => #bytes in b,
				bytes: (b) => b.#bytes,
				make(bytes, type) {
					const b = new _Blob();
					b.#bytes = bytes;
					b.#type = type;
					return b;
				}
			};
		}
	};
	platformClass(Blob, { cloneable: true });
	var File = class extends Blob {
		#name;
		#lastModified;
		constructor(fileBits, fileName, options = void 0) {
			if (arguments.length < 2) throw new TypeError(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
			super(fileBits, options);
			this.#name = toUSVString(fileName);
			this.#lastModified = options?.lastModified === void 0 ? Date.now() : Math.trunc(Number(options.lastModified)) || 0;
		}
		get name() {
			return this.#name;
		}
		get lastModified() {
			return this.#lastModified;
		}
		get webkitRelativePath() {
			return "";
		}
	};
	platformClass(File, { cloneable: true });
	var isBlob = (v) => isObject(v) && blobs.is(v);
	var blobBytes = (b) => blobs.bytes(b);
	var makeBlob = (bytes, type) => blobs.make(bytes, type);
	function concatBytes(chunks) {
		if (chunks.length === 1) return chunks[0];
		let total = 0;
		for (const c of chunks) total += c.length;
		const out = new Uint8Array(total);
		let o = 0;
		for (const c of chunks) {
			out.set(c, o);
			o += c.length;
		}
		return out;
	}

	// src/sw-events.js
	var ext;
	var ExtendableEvent = class extends Event {
		#pending = 0;
		#rejected = false;
		#reason = void 0;
		#waiters = [];
		constructor(type = kMissing, init = void 0) {
			super(type, init);
		}
		waitUntil(f) {
			requireArgs(arguments.length, 1, "Failed to execute 'waitUntil' on 'ExtendableEvent'");
			if (!this.isTrusted) {
				throw new DOMException("Failed to execute 'waitUntil' on 'ExtendableEvent': The event is not trusted.", "InvalidStateError");
			}
			ext.add(this, f, "waitUntil");
		}
		static {
			ext = {
				active: (e) => isDispatching(e) || e.#pending > 0,
				idle: (e) => e.#pending === 0 && !e.#rejected,
				add(e, f, method) {
					if (!(isDispatching(e) || e.#pending > 0)) {
						throw new DOMException(`Failed to execute '${method}' on '${e.constructor.name}': The event handler is already finished and no extend lifetime promises are outstanding.`, "InvalidStateError");
					}
					e.#pending++;
					const done = () => {
						queueMicrotaskInternal(() => {
							e.#pending--;
							ext.check(e);
						});
					};
					Promise2.resolve(f).then(done, (reason) => {
						if (!e.#rejected) {
							e.#rejected = true;
							e.#reason = reason;
						}
						done();
					});
				},
				check(e) {
					if (e.#pending === 0 && !isDispatching(e)) {
						const waiters = e.#waiters.splice(0);
						for (const w of waiters) w({ rejected: e.#rejected, reason: e.#reason });
					}
				},
				/** Resolves {rejected, reason} once dispatch is over and no extend-lifetime promise is pending. */
				settled(e) {
					return new Promise2((resolve) => {
						e.#waiters.push(resolve);
						ext.check(e);
					});
				}
			};
		}
	};
	platformClass(ExtendableEvent);
	var resolved = Promise2.resolve();
	function queueMicrotaskInternal(fn) {
		resolved.then(fn);
	}
	var lifetimeSettled = (e) => ext.settled(e);
	var lifetimeIdle = (e) => ext.idle(e);
	var InstallEvent = class extends ExtendableEvent {
		constructor(type = kMissing, init = void 0) {
			super(type, init);
		}
	};
	platformClass(InstallEvent);
	var SyncEvent = class extends ExtendableEvent {
		#tag;
		#lastChance;
		constructor(type = kMissing, init = void 0) {
			if (type === kMissing) super();
			if (!isObject(init) || init.tag === void 0) {
				throw new TypeError("Failed to construct 'SyncEvent': required member tag is undefined.");
			}
			super(type, init);
			this.#tag = toDOMString(init.tag);
			this.#lastChance = !!init.lastChance;
		}
		get tag() {
			return this.#tag;
		}
		get lastChance() {
			return this.#lastChance;
		}
	};
	platformClass(SyncEvent);
	var PeriodicSyncEvent = class extends ExtendableEvent {
		#tag;
		constructor(type = kMissing, init = void 0) {
			if (type === kMissing) super();
			if (!isObject(init) || init.tag === void 0) {
				throw new TypeError("Failed to construct 'PeriodicSyncEvent': required member tag is undefined.");
			}
			super(type, init);
			this.#tag = toDOMString(init.tag);
		}
		get tag() {
			return this.#tag;
		}
	};
	platformClass(PeriodicSyncEvent);
	var ExtendableMessageEvent = class extends ExtendableEvent {
		#data;
		#origin;
		#lastEventId;
		#source;
		#ports;
		constructor(type = kMissing, init = void 0) {
			super(type, init);
			this.#data = init?.data ?? null;
			this.#origin = init?.origin === void 0 ? "" : String(init.origin);
			this.#lastEventId = init?.lastEventId === void 0 ? "" : String(init.lastEventId);
			this.#source = init?.source ?? null;
			this.#ports = Object.freeze(Array.isArray(init?.ports) ? [...init.ports] : []);
		}
		get data() {
			return this.#data;
		}
		get origin() {
			return this.#origin;
		}
		get lastEventId() {
			return this.#lastEventId;
		}
		get source() {
			return this.#source;
		}
		get ports() {
			return this.#ports;
		}
	};
	platformClass(ExtendableMessageEvent);
	var fe;
	var FetchEvent = class extends ExtendableEvent {
		#request;
		#clientId;
		#resultingClientId;
		#replacesClientId;
		#preloadResponse;
		#handled;
		#respondWithEntered = false;
		#response = null;
		// the promise given to respondWith
		constructor(type = kMissing, init = void 0) {
			if (type === kMissing) super();
			if (!isObject(init) || !isObject(init.request)) {
				throw new TypeError("Failed to construct 'FetchEvent': required member request is undefined.");
			}
			super(type, init);
			this.#request = init.request;
			this.#clientId = init.clientId === void 0 ? "" : String(init.clientId);
			this.#resultingClientId = init.resultingClientId === void 0 ? "" : String(init.resultingClientId);
			this.#replacesClientId = init.replacesClientId === void 0 ? "" : String(init.replacesClientId);
			this.#preloadResponse = init.preloadResponse ?? Promise2.resolve(void 0);
			this.#handled = init.handled ?? Promise2.resolve(void 0);
		}
		get request() {
			return this.#request;
		}
		get clientId() {
			return this.#clientId;
		}
		get resultingClientId() {
			return this.#resultingClientId;
		}
		get replacesClientId() {
			return this.#replacesClientId;
		}
		get preloadResponse() {
			return this.#preloadResponse;
		}
		get handled() {
			return this.#handled;
		}
		respondWith(r) {
			requireArgs(arguments.length, 1, "Failed to execute 'respondWith' on 'FetchEvent'");
			if (!this.isTrusted) {
				throw new DOMException("Failed to execute 'respondWith' on 'FetchEvent': The event is not trusted.", "InvalidStateError");
			}
			if (!isDispatching(this)) {
				throw new DOMException("Failed to execute 'respondWith' on 'FetchEvent': The event handler is already finished.", "InvalidStateError");
			}
			if (this.#respondWithEntered) {
				throw new DOMException("Failed to execute 'respondWith' on 'FetchEvent': The event has already been responded to.", "InvalidStateError");
			}
			const p = Promise2.resolve(r);
			ext.add(this, p, "respondWith");
			this.#respondWithEntered = true;
			this.#response = p;
			this.stopImmediatePropagation();
		}
		static {
			fe = { response: (e) => e.#respondWithEntered ? e.#response : null };
		}
	};
	platformClass(FetchEvent);
	var respondWithPromise = (e) => fe.response(e);
	var constructingPushData = false;
	var PushMessageData = class {
		#bytes;
		constructor(bytes) {
			if (!constructingPushData) throw new TypeError("Illegal constructor");
			constructingPushData = false;
			this.#bytes = bytes;
		}
		arrayBuffer() {
			return this.#bytes.slice().buffer;
		}
		bytes() {
			return this.#bytes.slice();
		}
		blob() {
			return makeBlob(this.#bytes.slice(), "");
		}
		json() {
			return JSON.parse(utf8Decode(this.#bytes));
		}
		text() {
			return utf8Decode(this.#bytes);
		}
	};
	platformClass(PushMessageData);
	function pushData(v) {
		if (v === void 0 || v === null) return null;
		const bytes = typeof v === "string" ? utf8Encode(v) : bufferSourceBytes(v) ?? utf8Encode(String(v));
		constructingPushData = true;
		return new PushMessageData(bytes);
	}
	var PushEvent = class extends ExtendableEvent {
		#data;
		constructor(type = kMissing, init = void 0) {
			super(type, init);
			this.#data = pushData(init?.data);
		}
		get data() {
			return this.#data;
		}
	};
	platformClass(PushEvent);
	var NotificationEvent = class extends ExtendableEvent {
		#notification;
		#action;
		#reply;
		constructor(type, init) {
			requireArgs(arguments.length, 2, "Failed to construct 'NotificationEvent'");
			if (!isObject(init) || !isObject(init.notification)) {
				throw new TypeError("Failed to construct 'NotificationEvent': required member notification is undefined.");
			}
			super(type, init);
			this.#notification = init.notification;
			this.#action = init.action === void 0 ? "" : String(init.action);
			this.#reply = init.reply ?? null;
		}
		get notification() {
			return this.#notification;
		}
		get action() {
			return this.#action;
		}
		get reply() {
			return this.#reply;
		}
	};
	platformClass(NotificationEvent);
	var BackgroundFetchEvent = class extends ExtendableEvent {
		#registration;
		constructor(type, init) {
			requireArgs(arguments.length, 2, `Failed to construct '${new.target.name}'`);
			if (!isObject(init) || !isObject(init.registration)) {
				throw new TypeError(`Failed to construct '${new.target.name}': required member registration is undefined.`);
			}
			super(type, init);
			this.#registration = init.registration;
		}
		get registration() {
			return this.#registration;
		}
	};
	platformClass(BackgroundFetchEvent);
	var ui;
	var BackgroundFetchUpdateUIEvent = class extends BackgroundFetchEvent {
		#updateUICalled = false;
		#ui = null;
		constructor(type, init) {
			requireArgs(arguments.length, 2, "Failed to construct 'BackgroundFetchUpdateUIEvent'");
			super(type, init);
		}
		updateUI(options = void 0) {
			if (!this.isTrusted || this.#updateUICalled || !ext.active(this)) {
				return Promise2.reject(new DOMException("Failed to execute 'updateUI' on 'BackgroundFetchUpdateUIEvent': updateUI may only be called once, during the event.", "InvalidStateError"));
			}
			this.#updateUICalled = true;
			this.#ui = { title: options?.title === void 0 ? null : String(options.title) };
			return Promise2.resolve(void 0);
		}
		static {
			ui = (e) => e.#ui;
		}
	};
	platformClass(BackgroundFetchUpdateUIEvent);
	var requestedUI = (e) => ui(e);

	// src/timers.js
	var timers = /* @__PURE__ */ new Map();
	var nextId = 1;
	function allocateId() {
		let id = nextId;
		do {
			id = id >= 2147483647 ? 1 : id + 1;
		} while (timers.has(id));
		const result = nextId;
		nextId = id;
		return result;
	}
	function toHandler(handler) {
		if (typeof handler === "function") return handler;
		const code = String(handler);
		if (code === "") return () => {
		};
		return () => (0, eval)(code);
	}
	function initTimer(handler, timeout, args, repeat, internal) {
		const fn = toHandler(handler);
		let delay = toLong(timeout);
		if (delay < 0) delay = 0;
		const id = allocateId();
		timers.set(id, { fn, args, repeat, delay, internal });
		host.setTimer(id, delay);
		return id;
	}
	function setTimeout(handler, timeout = 0, ...args) {
		return initTimer(handler, timeout, args, false, false);
	}
	function setInterval(handler, timeout = 0, ...args) {
		return initTimer(handler, timeout, args, true, false);
	}
	function clearTimeout(id = 0) {
		id = toLong(id);
		const t = timers.get(id);
		if (!t || t.internal) return;
		timers.delete(id);
		host.clearTimer(id);
	}
	function clearInterval(id = 0) {
		clearTimeout(id);
	}
	function internalTimeout(fn, delay) {
		return initTimer(fn, delay, [], false, true);
	}
	function fireTimer(id) {
		id = Number(id);
		const t = timers.get(id);
		if (!t) return false;
		if (!t.repeat) timers.delete(id);
		try {
			Reflect.apply(t.fn, globalThis, t.args);
		} catch (err) {
			reportException(err);
		}
		if (t.repeat && timers.get(id) === t) host.setTimer(id, t.delay);
		return true;
	}
	var resolved2 = Promise2.resolve();
	var then = Promise2.prototype.then;
	function queueMicrotask(callback) {
		if (arguments.length < 1) throw new TypeError("Failed to execute 'queueMicrotask': 1 argument required, but only 0 present.");
		if (typeof callback !== "function") {
			throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
		}
		Reflect.apply(then, resolved2, [() => {
			try {
				callback();
			} catch (err) {
				reportException(err);
			}
		}]);
	}

	// src/headers.js
	var token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
	var forbiddenRequest = /* @__PURE__ */ new Set([
		"accept-charset",
		"accept-encoding",
		"access-control-request-headers",
		"access-control-request-method",
		"connection",
		"content-length",
		"cookie",
		"cookie2",
		"date",
		"dnt",
		"expect",
		"host",
		"keep-alive",
		"origin",
		"referer",
		"set-cookie",
		"te",
		"trailer",
		"transfer-encoding",
		"upgrade",
		"via"
	]);
	var forbiddenResponse = /* @__PURE__ */ new Set(["set-cookie", "set-cookie2"]);
	function isForbiddenRequestHeader(name, value) {
		if (forbiddenRequest.has(name) || name.startsWith("proxy-") || name.startsWith("sec-")) return true;
		if (name === "x-http-method" || name === "x-http-method-override" || name === "x-method-override") {
			return value.split(",").some((m) => ["CONNECT", "TRACE", "TRACK"].includes(m.trim().toUpperCase()));
		}
		return false;
	}
	function normalizeValue(v) {
		return toByteString(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
	}
	function validate(name, value, where) {
		if (!token.test(name)) throw new TypeError(`Failed to execute '${where}' on 'Headers': Invalid name`);
		if (/[\0\r\n]/.test(value)) throw new TypeError(`Failed to execute '${where}' on 'Headers': Invalid value`);
	}
	var hs;
	var Headers = class {
		#list = [];
		// [lowercased name, value][] in insertion order
		#guard = "none";
		constructor(init = void 0) {
			if (init !== void 0) fill(this, init);
		}
		#check(name, value, where) {
			validate(name, value, where);
			if (this.#guard === "immutable") throw new TypeError(`Failed to execute '${where}' on 'Headers': Headers are immutable`);
			const lower = name.toLowerCase();
			if (this.#guard === "request" && isForbiddenRequestHeader(lower, value)) return null;
			if (this.#guard === "response" && forbiddenResponse.has(lower)) return null;
			return lower;
		}
		append(name, value) {
			if (arguments.length < 2) throw new TypeError(`Failed to execute 'append' on 'Headers': 2 arguments required, but only ${arguments.length} present.`);
			const v = normalizeValue(value);
			const lower = this.#check(toByteString(name), v, "append");
			if (lower !== null) this.#list.push([lower, v]);
		}
		delete(name) {
			if (arguments.length < 1) throw new TypeError("Failed to execute 'delete' on 'Headers': 1 argument required, but only 0 present.");
			const lower = this.#check(toByteString(name), "", "delete");
			if (lower !== null) this.#list = this.#list.filter(([n]) => n !== lower);
		}
		get(name) {
			if (arguments.length < 1) throw new TypeError("Failed to execute 'get' on 'Headers': 1 argument required, but only 0 present.");
			name = toByteString(name);
			if (!token.test(name)) throw new TypeError("Failed to execute 'get' on 'Headers': Invalid name");
			const lower = name.toLowerCase();
			const values = this.#list.filter(([n]) => n === lower).map(([, v]) => v);
			return values.length ? values.join(", ") : null;
		}
		getSetCookie() {
			return this.#list.filter(([n]) => n === "set-cookie").map(([, v]) => v);
		}
		has(name) {
			if (arguments.length < 1) throw new TypeError("Failed to execute 'has' on 'Headers': 1 argument required, but only 0 present.");
			name = toByteString(name);
			if (!token.test(name)) throw new TypeError("Failed to execute 'has' on 'Headers': Invalid name");
			const lower = name.toLowerCase();
			return this.#list.some(([n]) => n === lower);
		}
		set(name, value) {
			if (arguments.length < 2) throw new TypeError(`Failed to execute 'set' on 'Headers': 2 arguments required, but only ${arguments.length} present.`);
			const v = normalizeValue(value);
			const lower = this.#check(toByteString(name), v, "set");
			if (lower === null) return;
			const i = this.#list.findIndex(([n]) => n === lower);
			if (i < 0) this.#list.push([lower, v]);
			else {
				this.#list[i] = [lower, v];
				this.#list = this.#list.filter(([n], j) => j <= i || n !== lower);
			}
		}
		/** Sort and combine (Fetch spec): names sorted, values joined with ", " except set-cookie. */
		#sorted() {
			const names = [...new Set(this.#list.map(([n]) => n))].sort();
			const out = [];
			for (const n of names) {
				if (n === "set-cookie") {
					for (const [m, v] of this.#list) if (m === n) out.push([n, v]);
				} else {
					out.push([n, this.#list.filter(([m]) => m === n).map(([, v]) => v).join(", ")]);
				}
			}
			return out;
		}
		forEach(callback, thisArg = void 0) {
			if (typeof callback !== "function") throw new TypeError("Failed to execute 'forEach' on 'Headers': The callback provided as parameter 1 is not a function.");
			for (const [n, v] of this.#sorted()) Reflect.apply(callback, thisArg, [v, n, this]);
		}
		*entries() {
			yield* this.#sorted();
		}
		*keys() {
			for (const [n] of this.#sorted()) yield n;
		}
		*values() {
			for (const [, v] of this.#sorted()) yield v;
		}
		[kInspect]() {
			return Object.fromEntries(this.#sorted());
		}
		static {
			hs = {
				is: (h) => isObject(h) && #list in h,
				list: (h) => h.#list,
				setGuard: (h, g) => {
					h.#guard = g;
				},
				guard: (h) => h.#guard,
				/** Append bypassing the guard (for headers the engine hands us). */
				appendRaw: (h, name, value) => {
					h.#list.push([String(name).toLowerCase(), String(value)]);
				}
			};
		}
	};
	Object.defineProperty(Headers.prototype, Symbol.iterator, { value: Headers.prototype.entries, writable: true, configurable: true });
	platformClass(Headers);
	function fill(headers, init) {
		if (!isObject(init)) throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
		if (hs.is(init)) {
			for (const [n, v] of hs.list(init)) headers.append(n, v);
			return;
		}
		const iter = init[Symbol.iterator];
		if (iter !== void 0 && iter !== null) {
			for (const pair of init) {
				const items = isObject(pair) && typeof pair[Symbol.iterator] === "function" ? [...pair] : null;
				if (!items || items.length !== 2) throw new TypeError("Failed to construct 'Headers': The provided value cannot be converted to a sequence.");
				headers.append(items[0], items[1]);
			}
			return;
		}
		for (const key of Reflect.ownKeys(init)) {
			const desc = Reflect.getOwnPropertyDescriptor(init, key);
			if (!desc || !desc.enumerable) continue;
			if (typeof key === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
			headers.append(key, init[key]);
		}
	}
	var setGuard = (h, g) => hs.setGuard(h, g);
	var headersGuard = (h) => hs.guard(h);
	function copyHeaderList(dst, src) {
		for (const [n, v] of hs.list(src)) hs.appendRaw(dst, n, v);
	}
	function headersFromPairs(pairs, guard) {
		const h = new Headers();
		for (const [n, v] of pairs ?? []) hs.appendRaw(h, n, v);
		hs.setGuard(h, guard);
		return h;
	}
	function headerPairs(h) {
		return hs.list(h).map(([n, v]) => [n, v]);
	}

	// src/url-search-params.js
	function percentDecode(s) {
		if (!s.includes("%")) return s;
		try {
			return decodeURIComponent(s);
		} catch {
			const input = utf8Encode(s);
			const out = new Uint8Array(input.length);
			let o = 0;
			const hex = (b) => b >= 48 && b <= 57 || b >= 65 && b <= 70 || b >= 97 && b <= 102;
			for (let i = 0; i < input.length; i++) {
				const b = input[i];
				if (b === 37 && i + 2 < input.length && hex(input[i + 1]) && hex(input[i + 2])) {
					out[o++] = parseInt(String.fromCharCode(input[i + 1], input[i + 2]), 16);
					i += 2;
				} else {
					out[o++] = b;
				}
			}
			return utf8Decode(out.subarray(0, o), false);
		}
	}
	function parseUrlencoded(input) {
		const list = [];
		if (!input) return list;
		for (const sequence of input.split("&")) {
			if (sequence === "") continue;
			const eq = sequence.indexOf("=");
			const name = eq < 0 ? sequence : sequence.slice(0, eq);
			const value = eq < 0 ? "" : sequence.slice(eq + 1);
			list.push([percentDecode(name.replace(/\+/g, " ")), percentDecode(value.replace(/\+/g, " "))]);
		}
		return list;
	}
	function serializeComponent(s) {
		return encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
	}
	function serializeUrlencoded(list) {
		return list.map(([n, v]) => `${serializeComponent(n)}=${serializeComponent(v)}`).join("&");
	}
	var usp;
	var URLSearchParams = class {
		#list = [];
		#onUpdate = null;
		// set when the object belongs to a URL
		constructor(init = "") {
			if (isObject(init)) {
				const iter = init[Symbol.iterator];
				if (iter !== void 0 && iter !== null) {
					if (typeof iter !== "function") throw new TypeError("Failed to construct 'URLSearchParams': The object must have a callable @@iterator property.");
					for (const pair of init) {
						if (!isObject(pair) || typeof pair[Symbol.iterator] !== "function") {
							throw new TypeError("Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.");
						}
						const items = [...pair];
						if (items.length !== 2) {
							throw new TypeError("Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements");
						}
						this.#list.push([toUSVString(items[0]), toUSVString(items[1])]);
					}
				} else {
					for (const key of Reflect.ownKeys(init)) {
						const desc = Reflect.getOwnPropertyDescriptor(init, key);
						if (!desc || !desc.enumerable) continue;
						if (typeof key === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
						this.#list.push([toUSVString(key), toUSVString(init[key])]);
					}
				}
			} else {
				let s = toUSVString(init);
				if (s.startsWith("?")) s = s.slice(1);
				this.#list = parseUrlencoded(s);
			}
		}
		#update() {
			if (this.#onUpdate) this.#onUpdate(serializeUrlencoded(this.#list));
		}
		get size() {
			return this.#list.length;
		}
		append(name, value) {
			requireArgs(arguments.length, 2, "Failed to execute 'append' on 'URLSearchParams'");
			this.#list.push([toUSVString(name), toUSVString(value)]);
			this.#update();
		}
		delete(name, value = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'delete' on 'URLSearchParams'");
			name = toUSVString(name);
			if (value === void 0) this.#list = this.#list.filter(([n]) => n !== name);
			else {
				value = toUSVString(value);
				this.#list = this.#list.filter(([n, v]) => !(n === name && v === value));
			}
			this.#update();
		}
		get(name) {
			requireArgs(arguments.length, 1, "Failed to execute 'get' on 'URLSearchParams'");
			name = toUSVString(name);
			const e = this.#list.find(([n]) => n === name);
			return e ? e[1] : null;
		}
		getAll(name) {
			requireArgs(arguments.length, 1, "Failed to execute 'getAll' on 'URLSearchParams'");
			name = toUSVString(name);
			return this.#list.filter(([n]) => n === name).map(([, v]) => v);
		}
		has(name, value = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'has' on 'URLSearchParams'");
			name = toUSVString(name);
			if (value === void 0) return this.#list.some(([n]) => n === name);
			value = toUSVString(value);
			return this.#list.some(([n, v]) => n === name && v === value);
		}
		set(name, value) {
			requireArgs(arguments.length, 2, "Failed to execute 'set' on 'URLSearchParams'");
			name = toUSVString(name);
			value = toUSVString(value);
			const i = this.#list.findIndex(([n]) => n === name);
			if (i < 0) this.#list.push([name, value]);
			else {
				this.#list[i] = [name, value];
				this.#list = this.#list.filter(([n], j) => j <= i || n !== name);
			}
			this.#update();
		}
		sort() {
			this.#list.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
			this.#update();
		}
		forEach(callback, thisArg = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'forEach' on 'URLSearchParams'");
			if (typeof callback !== "function") throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': The callback provided as parameter 1 is not a function.");
			for (let i = 0; i < this.#list.length; i++) {
				const [n, v] = this.#list[i];
				Reflect.apply(callback, thisArg, [v, n, this]);
			}
		}
		*entries() {
			for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]];
		}
		*keys() {
			for (let i = 0; i < this.#list.length; i++) yield this.#list[i][0];
		}
		*values() {
			for (let i = 0; i < this.#list.length; i++) yield this.#list[i][1];
		}
		toString() {
			return serializeUrlencoded(this.#list);
		}
		[kInspect]() {
			return Object.fromEntries(this.#list);
		}
		static {
			usp = {
				/** Bind to a URL: `onUpdate(serialized)` runs after every mutation. */
				attach(p, onUpdate) {
					p.#onUpdate = onUpdate;
				},
				/** The URL's query changed: re-parse without notifying. */
				reset(p, query) {
					p.#list = parseUrlencoded(query);
				}
			};
		}
	};
	Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
		value: URLSearchParams.prototype.entries,
		writable: true,
		configurable: true
	});
	platformClass(URLSearchParams);
	var attachSearchParams = (p, fn) => usp.attach(p, fn);
	var resetSearchParams = (p, query) => usp.reset(p, query);

	// src/body.js
	var BodyState = class {
		constructor(stream, length = null) {
			this.stream = stream;
			this.length = length;
		}
	};
	function extractBody(init) {
		let bytes;
		let type = null;
		if (typeof init === "string") {
			bytes = utf8Encode(init);
			type = "text/plain;charset=UTF-8";
		} else if (init instanceof URLSearchParams) {
			bytes = utf8Encode(init.toString());
			type = "application/x-www-form-urlencoded;charset=UTF-8";
		} else if (isBlob(init)) {
			bytes = blobBytes(init);
			if (init.type) type = init.type;
		} else if (isReadableStream(init)) {
			if (init.locked || isDisturbed(init)) throw new TypeError("Response body object should not be disturbed or locked");
			const known = knownBytes(init);
			if (known) {
				takeStream(init);
				return { body: new BodyState(streamFromBytes(known), known.length), type };
			}
			return { body: new BodyState(init, null), type };
		} else {
			bytes = bufferSourceBytes(init);
			if (!bytes) {
				if (typeof FormData === "function" && init instanceof FormData) {
					throw new DOMException("FormData bodies are not supported by Syncscope", "NotSupportedError");
				}
				bytes = utf8Encode(String(init));
				type = "text/plain;charset=UTF-8";
			}
		}
		return { body: new BodyState(streamFromBytes(bytes), bytes.length), type };
	}
	function bodyUsed(state) {
		return state !== null && isDisturbed(state.stream);
	}
	function unusable(state) {
		return state !== null && (isDisturbed(state.stream) || state.stream.locked);
	}
	function consumeBytes(state, where) {
		if (state === null) return Promise2.resolve(new Uint8Array(0));
		if (unusable(state)) {
			return Promise2.reject(new TypeError(`Failed to execute '${where}': body stream already read`));
		}
		const known = knownBytes(state.stream);
		if (known) {
			takeStream(state.stream);
			return Promise2.resolve(known);
		}
		return readAllBytes(state.stream);
	}
	function cloneBody(state) {
		if (state === null) return null;
		if (unusable(state)) throw new TypeError("Failed to clone: body is already used");
		const known = knownBytes(state.stream);
		if (known) return new BodyState(streamFromBytes(known), state.length);
		const [a, b] = state.stream.tee();
		state.stream = a;
		return new BodyState(b, state.length);
	}
	function isUnusable(state) {
		return unusable(state);
	}
	function mimeEssence(type) {
		return (type ?? "").split(";")[0].trim().toLowerCase();
	}
	function mixinBody(cls, getState, getHeaders) {
		const name = cls.name;
		const consume = (obj, method) => {
			let state;
			try {
				state = getState(obj);
			} catch (e) {
				return Promise2.reject(e);
			}
			return consumeBytes(state, `${method}' on '${name}`);
		};
		const methods = {
			text() {
				return consume(this, "text").then((b) => utf8Decode(b));
			},
			json() {
				return consume(this, "json").then((b) => JSON.parse(utf8Decode(b)));
			},
			arrayBuffer() {
				return consume(this, "arrayBuffer").then((b) => b.slice().buffer);
			},
			bytes() {
				return consume(this, "bytes").then((b) => b.slice());
			},
			blob() {
				const type = getHeaders(this).get("content-type") ?? "";
				return consume(this, "blob").then((b) => makeBlob(b.slice(), mimeEssence(type) === "" ? "" : type.toLowerCase()));
			},
			formData() {
				return consume(this, "formData").then(() => {
					throw new DOMException(`Failed to execute 'formData' on '${name}': FormData is not supported by Syncscope`, "NotSupportedError");
				});
			}
		};
		for (const [key, fn] of Object.entries(methods)) {
			Object.defineProperty(cls.prototype, key, { value: fn, writable: true, enumerable: true, configurable: true });
		}
	}

	// src/url.js
	var fields = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];
	var specialSchemes = /* @__PURE__ */ new Set(["http:", "https:", "ws:", "wss:", "ftp:", "file:"]);
	function parseURL(input, base = void 0) {
		let r;
		try {
			r = base === void 0 ? host.urlParse(input) : host.urlParse(input, base);
		} catch {
			return null;
		}
		if (r === null || typeof r !== "object") return null;
		const rec = {};
		for (const f of fields) rec[f] = r[f] === void 0 || r[f] === null ? "" : String(r[f]);
		return Object.freeze(rec);
	}
	var userinfoSet = new Set(' "#<>?`{}/:;=@[\\]^|'.split("").map((c) => c.charCodeAt(0)));
	function encodeUserinfo(s) {
		let out = "";
		for (const b of utf8Encode(s)) {
			out += b < 33 || b > 126 || userinfoSet.has(b) ? "%" + b.toString(16).toUpperCase().padStart(2, "0") : String.fromCharCode(b);
		}
		return out;
	}
	function hasAuthority(r) {
		return r.href.startsWith(r.protocol + "//");
	}
	function hasOpaquePath(r) {
		return !hasAuthority(r) && !r.pathname.startsWith("/");
	}
	function build(r, o = {}) {
		const p = { ...r, ...o };
		let s = p.protocol;
		if (o.authority ?? hasAuthority(r)) {
			s += "//";
			if (p.username || p.password) s += p.username + (p.password ? ":" + p.password : "") + "@";
			s += p.hostname + (p.port ? ":" + p.port : "");
		}
		return s + p.pathname + p.search + p.hash;
	}
	var urls;
	var URL = class _URL {
		#r;
		#query = null;
		constructor(url, base = void 0) {
			requireArgs(arguments.length, 1, "Failed to construct 'URL'");
			const input = toUSVString(url);
			const r = base === void 0 ? parseURL(input) : parseURL(input, toUSVString(base));
			if (!r) throw new TypeError(`Failed to construct 'URL': Invalid URL`);
			this.#r = r;
		}
		static canParse(url, base = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'canParse' on 'URL'");
			return (base === void 0 ? parseURL(toUSVString(url)) : parseURL(toUSVString(url), toUSVString(base))) !== null;
		}
		static parse(url, base = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'parse' on 'URL'");
			try {
				return base === void 0 ? new _URL(url) : new _URL(url, base);
			} catch {
				return null;
			}
		}
		static createObjectURL() {
			throw new DOMException("Failed to execute 'createObjectURL' on 'URL': not available in a service worker.", "NotSupportedError");
		}
		static revokeObjectURL() {
		}
		/** Replace the record from an href; false (no change) when it does not parse. */
		#reparse(href, fromSearchParams = false) {
			const r = parseURL(href);
			if (!r) return false;
			const queryChanged = r.search !== this.#r.search;
			this.#r = r;
			if (queryChanged && this.#query && !fromSearchParams) resetSearchParams(this.#query, r.search.slice(1));
			return true;
		}
		get href() {
			return this.#r.href;
		}
		set href(v) {
			const r = parseURL(toUSVString(v));
			if (!r) throw new TypeError(`Failed to set the 'href' property on 'URL': Invalid URL`);
			const queryChanged = r.search !== this.#r.search;
			this.#r = r;
			if (queryChanged && this.#query) resetSearchParams(this.#query, r.search.slice(1));
		}
		get origin() {
			return this.#r.origin;
		}
		get protocol() {
			return this.#r.protocol;
		}
		set protocol(v) {
			const m = /^([A-Za-z][A-Za-z0-9+.-]*)(:|$)/.exec(toUSVString(v));
			if (!m) return;
			const scheme = m[1].toLowerCase() + ":";
			const r = this.#r;
			if (specialSchemes.has(scheme) !== specialSchemes.has(r.protocol)) return;
			if (scheme === "file:" && (r.username || r.password || r.port)) return;
			if (r.protocol === "file:" && r.hostname === "") return;
			this.#reparse(build(r, { protocol: scheme }));
		}
		get username() {
			return this.#r.username;
		}
		set username(v) {
			const r = this.#r;
			if (r.hostname === "" || r.protocol === "file:") return;
			this.#reparse(build(r, { username: encodeUserinfo(toUSVString(v)) }));
		}
		get password() {
			return this.#r.password;
		}
		set password(v) {
			const r = this.#r;
			if (r.hostname === "" || r.protocol === "file:") return;
			this.#reparse(build(r, { password: encodeUserinfo(toUSVString(v)) }));
		}
		get host() {
			return this.#r.host;
		}
		set host(v) {
			const r = this.#r;
			if (hasOpaquePath(r)) return;
			let s = toUSVString(v);
			s = s.split(specialSchemes.has(r.protocol) ? /[/?#\\]/ : /[/?#]/)[0];
			if (s === "" && specialSchemes.has(r.protocol)) return;
			let hostname = s;
			let port = r.port;
			const close = s.lastIndexOf("]");
			const colon = s.indexOf(":", close < 0 ? 0 : close);
			if (colon >= 0) {
				hostname = s.slice(0, colon);
				const digits = /^\d*/.exec(s.slice(colon + 1))[0];
				if (digits !== "" && Number(digits) <= 65535) port = digits;
			}
			if (hostname === "" && specialSchemes.has(r.protocol)) return;
			this.#reparse(build(r, { hostname, port, authority: true }));
		}
		get hostname() {
			return this.#r.hostname;
		}
		set hostname(v) {
			const r = this.#r;
			if (hasOpaquePath(r)) return;
			let s = toUSVString(v);
			s = s.split(specialSchemes.has(r.protocol) ? /[/?#\\]/ : /[/?#]/)[0];
			const close = s.lastIndexOf("]");
			if (s.indexOf(":", close < 0 ? 0 : close) >= 0) return;
			if (s === "" && specialSchemes.has(r.protocol)) return;
			this.#reparse(build(r, { hostname: s, authority: true }));
		}
		get port() {
			return this.#r.port;
		}
		set port(v) {
			const r = this.#r;
			if (r.hostname === "" || r.protocol === "file:" || hasOpaquePath(r)) return;
			const s = toUSVString(v);
			let port;
			if (s === "") port = "";
			else {
				const digits = /^\d*/.exec(s)[0];
				if (digits === "" || Number(digits) > 65535) return;
				port = String(Number(digits));
			}
			this.#reparse(build(r, { port }));
		}
		get pathname() {
			return this.#r.pathname;
		}
		set pathname(v) {
			const r = this.#r;
			if (hasOpaquePath(r)) return;
			let s = toUSVString(v).replace(/[?#]/g, (c) => c === "?" ? "%3F" : "%23");
			const slash = specialSchemes.has(r.protocol) ? /^[/\\]/ : /^\//;
			if (!slash.test(s)) s = "/" + s;
			else if (!hasAuthority(r) && s.startsWith("//")) s = "/." + s;
			this.#reparse(build(r, { pathname: s }));
		}
		get search() {
			return this.#r.search;
		}
		set search(v) {
			let s = toUSVString(v);
			if (s.startsWith("?")) s = s.slice(1);
			const search = s === "" ? "" : "?" + s.replace(/#/g, "%23");
			this.#reparse(build(this.#r, { search }));
		}
		get searchParams() {
			if (!this.#query) {
				const q = new URLSearchParams(this.#r.search.slice(1));
				attachSearchParams(q, (serialized) => {
					this.#reparse(build(this.#r, { search: serialized === "" ? "" : "?" + serialized }), true);
				});
				this.#query = q;
			}
			return this.#query;
		}
		get hash() {
			return this.#r.hash;
		}
		set hash(v) {
			let s = toUSVString(v);
			if (s.startsWith("#")) s = s.slice(1);
			this.#reparse(build(this.#r, { hash: s === "" ? "" : "#" + s }));
		}
		toString() {
			return this.#r.href;
		}
		toJSON() {
			return this.#r.href;
		}
		[kInspect]() {
			return { ...this.#r };
		}
		static {
			urls = { record: (u) => u.#r };
		}
	};
	platformClass(URL);

	// src/abort.js
	var creating = false;
	var sig;
	var AbortSignal = class _AbortSignal extends EventTarget {
		#aborted = false;
		#reason = void 0;
		#algorithms = [];
		#dependents = [];
		constructor() {
			if (!creating) throw new TypeError("Failed to construct 'AbortSignal': Illegal constructor");
			super();
			creating = false;
		}
		get aborted() {
			return this.#aborted;
		}
		get reason() {
			return this.#reason;
		}
		throwIfAborted() {
			if (this.#aborted) throw this.#reason;
		}
		static abort(reason = void 0) {
			const s = newSignal();
			s.#aborted = true;
			s.#reason = reason === void 0 ? new DOMException("signal is aborted without reason", "AbortError") : reason;
			return s;
		}
		static timeout(milliseconds) {
			requireArgs(arguments.length, 1, "Failed to execute 'timeout' on 'AbortSignal'");
			const ms = Number(milliseconds);
			if (!Number.isFinite(ms) || ms < 0) {
				throw new TypeError("Failed to execute 'timeout' on 'AbortSignal': Value is outside the 'unsigned long long' value range.");
			}
			const s = newSignal();
			internalTimeout(() => {
				signalAbort(s, new DOMException("signal timed out", "TimeoutError"));
			}, Math.trunc(ms));
			return s;
		}
		static any(signals) {
			requireArgs(arguments.length, 1, "Failed to execute 'any' on 'AbortSignal'");
			const list = [...signals];
			for (const s of list) {
				if (!sig.is(s)) throw new TypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'.");
			}
			return createDependentSignal(list);
		}
		[kInspect]() {
			return { aborted: this.#aborted };
		}
		static {
			sig = {
				is: (s) => isObject(s) && #aborted in s,
				make: () => {
					creating = true;
					return new _AbortSignal();
				},
				abort(s, reason) {
					if (s.#aborted) return;
					s.#aborted = true;
					s.#reason = reason === void 0 ? new DOMException("signal is aborted without reason", "AbortError") : reason;
					const dependents = [];
					const collect = (x) => {
						for (const d of x.#dependents) {
							if (d.#aborted) continue;
							d.#aborted = true;
							d.#reason = s.#reason;
							dependents.push(d);
							collect(d);
						}
						x.#dependents = [];
					};
					collect(s);
					runAbortSteps(s);
					for (const d of dependents) runAbortSteps(d);
				},
				steps(s) {
					const algorithms = s.#algorithms;
					s.#algorithms = [];
					for (const fn of algorithms) {
						try {
							fn();
						} catch {
						}
					}
					const e = markTrusted(new Event("abort"));
					dispatchEventInternal(s, e);
				},
				addAlgorithm(s, fn) {
					if (!s.#aborted) s.#algorithms.push(fn);
				},
				follow(dependent, source) {
					if (source.#aborted) {
						dependent.#aborted = true;
						dependent.#reason = source.#reason;
						return;
					}
					source.#dependents.push(dependent);
				}
			};
		}
	};
	defineEventHandlers(AbortSignal.prototype, ["abort"]);
	platformClass(AbortSignal);
	function newSignal() {
		return sig.make();
	}
	function runAbortSteps(s) {
		sig.steps(s);
	}
	function signalAbort(signal, reason) {
		sig.abort(signal, reason);
	}
	var isAbortSignal = (s) => sig.is(s);
	function onAbort(signal, fn) {
		sig.addAlgorithm(signal, fn);
	}
	function createDependentSignal(sources) {
		const s = newSignal();
		for (const source of sources) {
			if (source.aborted) {
				sig.abort(s, source.reason);
				return s;
			}
		}
		for (const source of sources) sig.follow(s, source);
		return s;
	}
	signalHooks.isSignal = (s) => sig.is(s);
	signalHooks.aborted = (s) => s.aborted;
	signalHooks.onAbort = (s, fn) => sig.addAlgorithm(s, fn);
	var AbortController = class {
		#signal = newSignal();
		get signal() {
			return this.#signal;
		}
		abort(reason = void 0) {
			sig.abort(this.#signal, reason);
		}
		[kInspect]() {
			return { signal: this.#signal };
		}
	};
	platformClass(AbortController);

	// src/location.js
	var workerInfo = {
		initialized: false,
		scriptURL: "",
		scope: "",
		origin: "null",
		online: true,
		record: null
		// parsed script URL
	};
	function baseURL() {
		return workerInfo.record ? workerInfo.record.href : void 0;
	}
	var loc;
	var WorkerLocation = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		get href() {
			return loc().href;
		}
		get origin() {
			return loc().origin;
		}
		get protocol() {
			return loc().protocol;
		}
		get host() {
			return loc().host;
		}
		get hostname() {
			return loc().hostname;
		}
		get port() {
			return loc().port;
		}
		get pathname() {
			return loc().pathname;
		}
		get search() {
			return loc().search;
		}
		get hash() {
			return loc().hash;
		}
		toString() {
			return loc().href;
		}
		[kInspect]() {
			return { href: loc().href };
		}
	};
	platformClass(WorkerLocation);
	loc = () => workerInfo.record ?? { href: "", origin: "null", protocol: "", host: "", hostname: "", port: "", pathname: "", search: "", hash: "" };
	var location = Object.create(WorkerLocation.prototype);
	var WorkerNavigator = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		get onLine() {
			return workerInfo.online;
		}
		get userAgent() {
			return "Syncscope";
		}
		get appCodeName() {
			return "Mozilla";
		}
		get appName() {
			return "Netscape";
		}
		get appVersion() {
			return "Syncscope";
		}
		get platform() {
			return "";
		}
		get product() {
			return "Gecko";
		}
		get language() {
			return "en-US";
		}
		get languages() {
			return ["en-US"];
		}
		get hardwareConcurrency() {
			return 1;
		}
		[kInspect]() {
			return { onLine: workerInfo.online, userAgent: "Syncscope" };
		}
	};
	platformClass(WorkerNavigator);
	var navigator = Object.create(WorkerNavigator.prototype);
	function initLocation({ scriptURL, scope, origin, online }) {
		const record = parseURL(String(scriptURL));
		if (!record) throw new TypeError(`__syncscope.init: invalid scriptURL ${scriptURL}`);
		workerInfo.record = record;
		workerInfo.scriptURL = record.href;
		workerInfo.scope = scope === void 0 || scope === null ? parseURL("./", record.href).href : String(scope);
		workerInfo.origin = origin === void 0 || origin === null ? record.origin : String(origin);
		if (online !== void 0) workerInfo.online = !!online;
		workerInfo.initialized = true;
	}
	function setOnline(online) {
		online = !!online;
		if (workerInfo.online === online) return;
		workerInfo.online = online;
		dispatchEventInternal(globalThis, markTrusted(new Event(online ? "online" : "offline")));
	}

	// src/request.js
	var token2 = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
	var normalizedMethods = /* @__PURE__ */ new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
	var enums = {
		mode: ["navigate", "same-origin", "no-cors", "cors"],
		credentials: ["omit", "same-origin", "include"],
		cache: ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"],
		redirect: ["follow", "error", "manual"],
		referrerPolicy: [
			"",
			"no-referrer",
			"no-referrer-when-downgrade",
			"same-origin",
			"origin",
			"strict-origin",
			"origin-when-cross-origin",
			"strict-origin-when-cross-origin",
			"unsafe-url"
		],
		priority: ["high", "low", "auto"],
		duplex: ["half"]
	};
	function enumValue(key, v) {
		const s = String(v);
		if (!enums[key].includes(s)) {
			throw new TypeError(`Failed to construct 'Request': Failed to read the '${key}' property from 'RequestInit': The provided value '${s}' is not a valid enum value of type Request${key[0].toUpperCase()}${key.slice(1)}.`);
		}
		return s;
	}
	var req;
	var Request = class _Request {
		#method = "GET";
		#url = "";
		#headers;
		#body = null;
		#signal;
		#mode = "cors";
		#credentials = "same-origin";
		#cache = "default";
		#redirect = "follow";
		#referrer = "about:client";
		#referrerPolicy = "";
		#integrity = "";
		#keepalive = false;
		#destination = "";
		#priority = "auto";
		#isReloadNavigation = false;
		#isHistoryNavigation = false;
		constructor(input, init = void 0) {
			requireArgs(arguments.length, 1, "Failed to construct 'Request'");
			if (init !== void 0 && init !== null && !isObject(init)) {
				throw new TypeError("Failed to construct 'Request': The provided value is not of type 'RequestInit'.");
			}
			init ??= {};
			let inputBody = null;
			let fromRequest = null;
			let signal = null;
			if (isObject(input) && #url in input) {
				fromRequest = input;
				this.#method = input.#method;
				this.#url = input.#url;
				this.#mode = input.#mode;
				this.#credentials = input.#credentials;
				this.#cache = input.#cache;
				this.#redirect = input.#redirect;
				this.#referrer = input.#referrer;
				this.#referrerPolicy = input.#referrerPolicy;
				this.#integrity = input.#integrity;
				this.#keepalive = input.#keepalive;
				this.#destination = input.#destination;
				this.#priority = input.#priority;
				this.#isReloadNavigation = input.#isReloadNavigation;
				this.#isHistoryNavigation = input.#isHistoryNavigation;
				inputBody = input.#body;
				signal = input.#signal;
			} else {
				const parsed = parseURL(toUSVString(input), baseURL());
				if (!parsed) throw new TypeError(`Failed to construct 'Request': Invalid URL`);
				if (parsed.username || parsed.password) {
					throw new TypeError(`Failed to construct 'Request': Request cannot be constructed from a URL that includes credentials: ${parsed.href}`);
				}
				this.#url = parsed.href;
			}
			const initKeys = ["body", "cache", "credentials", "headers", "integrity", "keepalive", "method", "mode", "priority", "redirect", "referrer", "referrerPolicy", "signal", "window"];
			const hasInit = initKeys.some((k) => init[k] !== void 0);
			if (hasInit) {
				if (this.#mode === "navigate") this.#mode = "same-origin";
				this.#isReloadNavigation = false;
				this.#isHistoryNavigation = false;
				this.#referrer = "about:client";
				this.#referrerPolicy = "";
			}
			if (init.referrer !== void 0) {
				const r = toUSVString(init.referrer);
				if (r === "") this.#referrer = "";
				else {
					const parsed = parseURL(r, baseURL());
					if (!parsed) throw new TypeError(`Failed to construct 'Request': Referrer '${r}' is not a valid URL.`);
					this.#referrer = parsed.href;
				}
			}
			if (init.referrerPolicy !== void 0) this.#referrerPolicy = enumValue("referrerPolicy", init.referrerPolicy);
			if (init.mode !== void 0) {
				const mode = enumValue("mode", init.mode);
				if (mode === "navigate") throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.");
				this.#mode = mode;
			}
			if (init.credentials !== void 0) this.#credentials = enumValue("credentials", init.credentials);
			if (init.cache !== void 0) {
				this.#cache = enumValue("cache", init.cache);
				if (this.#cache === "only-if-cached" && this.#mode !== "same-origin") {
					throw new TypeError("Failed to construct 'Request': 'only-if-cached' can be set only with 'same-origin' mode");
				}
			}
			if (init.redirect !== void 0) this.#redirect = enumValue("redirect", init.redirect);
			if (init.integrity !== void 0) this.#integrity = String(init.integrity);
			if (init.keepalive !== void 0) this.#keepalive = !!init.keepalive;
			if (init.priority !== void 0) this.#priority = enumValue("priority", init.priority);
			if (init.method !== void 0) {
				let m = toByteString(init.method);
				if (!token2.test(m)) throw new TypeError(`Failed to construct 'Request': '${m}' is not a valid HTTP method.`);
				const upper = m.toUpperCase();
				if (["CONNECT", "TRACE", "TRACK"].includes(upper)) throw new TypeError(`Failed to construct 'Request': '${m}' HTTP method is unsupported.`);
				if (normalizedMethods.has(upper)) m = upper;
				this.#method = m;
			}
			if (init.signal !== void 0) {
				if (init.signal !== null && !isAbortSignal(init.signal)) {
					throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
				}
				signal = init.signal;
			}
			this.#signal = createDependentSignal(signal ? [signal] : []);
			this.#headers = new Headers();
			setGuard(this.#headers, "request");
			if (init.headers !== void 0) fill(this.#headers, init.headers);
			else if (fromRequest) copyHeaderList(this.#headers, fromRequest.#headers);
			if (init.body !== void 0 && init.body !== null || inputBody !== null && init.body === void 0) {
				if (this.#method === "GET" || this.#method === "HEAD") {
					throw new TypeError("Failed to construct 'Request': Request with GET/HEAD method cannot have body.");
				}
			}
			if (init.body !== void 0 && init.body !== null) {
				const { body, type } = extractBody(init.body);
				this.#body = body;
				if (type !== null && !this.#headers.has("content-type")) this.#headers.append("content-type", type);
			} else if (inputBody !== null && init.body === void 0) {
				if (isUnusable(inputBody)) throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a Request object that has already been used.");
				const { body } = extractBody(inputBody.stream);
				this.#body = body;
			}
		}
		get method() {
			return this.#method;
		}
		get url() {
			return this.#url;
		}
		get headers() {
			return this.#headers;
		}
		get destination() {
			return this.#destination;
		}
		get referrer() {
			return this.#referrer === "no-referrer" ? "" : this.#referrer;
		}
		get referrerPolicy() {
			return this.#referrerPolicy;
		}
		get mode() {
			return this.#mode;
		}
		get credentials() {
			return this.#credentials;
		}
		get cache() {
			return this.#cache;
		}
		get redirect() {
			return this.#redirect;
		}
		get integrity() {
			return this.#integrity;
		}
		get keepalive() {
			return this.#keepalive;
		}
		get isReloadNavigation() {
			return this.#isReloadNavigation;
		}
		get isHistoryNavigation() {
			return this.#isHistoryNavigation;
		}
		get signal() {
			return this.#signal;
		}
		get duplex() {
			return "half";
		}
		get priority() {
			return this.#priority;
		}
		get body() {
			return this.#body ? this.#body.stream : null;
		}
		get bodyUsed() {
			return bodyUsed(this.#body);
		}
		clone() {
			if (isUnusable(this.#body)) throw new TypeError("Failed to execute 'clone' on 'Request': Request body is already used");
			const r = new _Request(this, { signal: this.#signal, body: null });
			r.#body = cloneBody(this.#body);
			r.#headers = new Headers(this.#headers);
			setGuard(r.#headers, headersGuard(this.#headers));
			r.#mode = this.#mode;
			r.#referrer = this.#referrer;
			r.#referrerPolicy = this.#referrerPolicy;
			r.#isReloadNavigation = this.#isReloadNavigation;
			r.#isHistoryNavigation = this.#isHistoryNavigation;
			return r;
		}
		[kInspect]() {
			return { method: this.#method, url: this.#url, headers: this.#headers, destination: this.#destination, mode: this.#mode, credentials: this.#credentials, redirect: this.#redirect, bodyUsed: bodyUsed(this.#body) };
		}
		static {
			req = {
				body: (r) => r.#body,
				fields: (r) => ({ method: r.#method, url: r.#url, headers: r.#headers, mode: r.#mode, credentials: r.#credentials, redirect: r.#redirect, cache: r.#cache, referrer: r.#referrer, referrerPolicy: r.#referrerPolicy, integrity: r.#integrity, keepalive: r.#keepalive, destination: r.#destination }),
				/** A Request from the engine's description (fetch events); its headers are immutable. */
				fromEngine(d) {
					const r = new _Request(String(d.url));
					if (d.method) r.#method = String(d.method);
					r.#headers = headersFromPairs(d.headers, "immutable");
					for (const key of ["mode", "credentials", "cache", "redirect", "referrerPolicy"]) {
						if (d[key] !== void 0 && enums[key].includes(String(d[key]))) req.set(r, key, String(d[key]));
					}
					if (d.referrer !== void 0) r.#referrer = String(d.referrer);
					if (d.destination !== void 0) r.#destination = String(d.destination);
					if (d.integrity !== void 0) r.#integrity = String(d.integrity);
					if (d.keepalive !== void 0) r.#keepalive = !!d.keepalive;
					if (d.isReloadNavigation !== void 0) r.#isReloadNavigation = !!d.isReloadNavigation;
					if (d.isHistoryNavigation !== void 0) r.#isHistoryNavigation = !!d.isHistoryNavigation;
					if (d.body !== void 0 && d.body !== null) {
						const bytes = d.body instanceof Uint8Array ? d.body : new Uint8Array(d.body);
						r.#body = new BodyState(streamFromBytes(bytes), bytes.length);
					}
					return r;
				},
				set(r, key, value) {
					switch (key) {
						case "mode":
							r.#mode = value;
							break;
						case "credentials":
							r.#credentials = value;
							break;
						case "cache":
							r.#cache = value;
							break;
						case "redirect":
							r.#redirect = value;
							break;
						case "referrerPolicy":
							r.#referrerPolicy = value;
							break;
					}
				}
			};
		}
	};
	mixinBody(Request, (r) => req.body(r), (r) => r.headers);
	platformClass(Request);
	var requestBody = (r) => req.body(r);
	var requestFields = (r) => req.fields(r);
	var requestFromEngine = (d) => req.fromEngine(d);

	// src/response.js
	var nullBodyStatus = /* @__PURE__ */ new Set([101, 103, 204, 205, 304]);
	var redirectStatus = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
	var res;
	function initialize(r, init) {
		if (init !== void 0 && init !== null && !isObject(init)) {
			throw new TypeError("Failed to construct 'Response': The provided value is not of type 'ResponseInit'.");
		}
		init ??= {};
		const status = init.status === void 0 ? 200 : toUnsignedShort(init.status);
		if (status < 200 || status > 599) {
			throw new RangeError(`Failed to construct 'Response': The status provided (${status}) is outside the range [200, 599].`);
		}
		const statusText = init.statusText === void 0 ? "" : toByteString(init.statusText);
		if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(statusText)) {
			throw new TypeError("Failed to construct 'Response': Invalid statusText");
		}
		const headers = new Headers();
		setGuard(headers, "response");
		if (init.headers !== void 0) fill(headers, init.headers);
		return { status, statusText, headers };
	}
	var Response = class _Response {
		#type = "default";
		#status = 200;
		#statusText = "";
		#headers;
		#body = null;
		#urlList = [];
		#redirected = false;
		constructor(body = null, init = void 0) {
			const { status, statusText, headers } = initialize(this, init);
			this.#status = status;
			this.#statusText = statusText;
			this.#headers = headers;
			if (body !== null && body !== void 0) {
				if (nullBodyStatus.has(status)) throw new TypeError("Failed to construct 'Response': Response with null body status cannot have body");
				const { body: state, type } = extractBody(body);
				this.#body = state;
				if (type !== null && !headers.has("content-type")) headers.append("content-type", type);
			}
		}
		static error() {
			const r = new _Response(null);
			r.#type = "error";
			r.#status = 0;
			setGuard(r.#headers, "immutable");
			return r;
		}
		static redirect(url, status = 302) {
			requireArgs(arguments.length, 1, "Failed to execute 'redirect' on 'Response'");
			const parsed = parseURL(toUSVString(url), baseURL());
			if (!parsed) throw new TypeError(`Failed to execute 'redirect' on 'Response': Invalid URL`);
			status = toUnsignedShort(status);
			if (!redirectStatus.has(status)) throw new RangeError(`Failed to execute 'redirect' on 'Response': Invalid status code`);
			const r = new _Response(null, { status });
			r.#headers = headersFromPairs([["location", parsed.href]], "immutable");
			return r;
		}
		static json(data, init = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'json' on 'Response'");
			const text = JSON.stringify(data);
			if (text === void 0) throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable");
			const r = new _Response(null, init);
			if (nullBodyStatus.has(r.#status)) throw new TypeError("Failed to execute 'json' on 'Response': Response with null body status cannot have body");
			const bytes = utf8Encode(text);
			r.#body = new BodyState(streamFromBytes(bytes), bytes.length);
			if (!r.#headers.has("content-type")) r.#headers.append("content-type", "application/json");
			return r;
		}
		get type() {
			return this.#type;
		}
		get url() {
			const u = this.#urlList.at(-1);
			if (!u) return "";
			const i = u.indexOf("#");
			return i < 0 ? u : u.slice(0, i);
		}
		get redirected() {
			return this.#redirected;
		}
		get status() {
			return this.#status;
		}
		get ok() {
			return this.#status >= 200 && this.#status <= 299;
		}
		get statusText() {
			return this.#statusText;
		}
		get headers() {
			return this.#headers;
		}
		get body() {
			return this.#body ? this.#body.stream : null;
		}
		get bodyUsed() {
			return bodyUsed(this.#body);
		}
		clone() {
			if (isUnusable(this.#body)) throw new TypeError("Failed to execute 'clone' on 'Response': Response body is already used");
			const r = new _Response(null);
			r.#type = this.#type;
			r.#status = this.#status;
			r.#statusText = this.#statusText;
			r.#headers = new Headers(this.#headers);
			setGuard(r.#headers, headersGuard(this.#headers));
			r.#urlList = this.#urlList.slice();
			r.#redirected = this.#redirected;
			r.#body = cloneBody(this.#body);
			return r;
		}
		[kInspect]() {
			return { type: this.#type, url: this.url, redirected: this.#redirected, status: this.#status, ok: this.ok, statusText: this.#statusText, headers: this.#headers, bodyUsed: bodyUsed(this.#body) };
		}
		static {
			res = {
				body: (r) => r.#body,
				is: (r) => isObject(r) && #status in r,
				/** A Response from network parts: {type, status, statusText, headers: [[n, v]], body: Uint8Array|null, urlList, redirected}. */
				make(p) {
					const r = new _Response(null);
					r.#type = p.type ?? "default";
					r.#status = p.status;
					r.#statusText = p.statusText ?? "";
					r.#headers = headersFromPairs(p.headers ?? [], "immutable");
					r.#urlList = p.urlList ?? [];
					r.#redirected = !!p.redirected;
					r.#body = p.body ? new BodyState(streamFromBytes(p.body), p.body.length) : null;
					return r;
				}
			};
		}
	};
	mixinBody(Response, (r) => res.body(r), (r) => r.headers);
	platformClass(Response);
	var isResponse = (r) => res.is(r);
	var responseBody = (r) => res.body(r);
	var makeResponse = (parts) => res.make(parts);

	// src/fetch.js
	var pending = /* @__PURE__ */ new Map();
	var nextId2 = 1;
	var safelistedResponseHeaders = /* @__PURE__ */ new Set(["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"]);
	function failed(detail) {
		return new TypeError("Failed to fetch", detail === void 0 || detail === null ? void 0 : { cause: detail });
	}
	function fetch(input, init = void 0) {
		let request;
		try {
			request = new Request(input, init);
		} catch (e) {
			return Promise2.reject(e);
		}
		const signal = request.signal;
		if (signal.aborted) return Promise2.reject(signal.reason);
		const fields2 = requestFields(request);
		const bodyState = requestBody(request);
		return new Promise2((resolve, reject) => {
			const id = nextId2++;
			const entry = { resolve, reject, request, fields: fields2, sent: false, done: false };
			pending.set(id, entry);
			onAbort(signal, () => {
				if (entry.done) return;
				entry.done = true;
				pending.delete(id);
				if (entry.sent) {
					try {
						host.abortFetch(id);
					} catch {
					}
				}
				reject(signal.reason);
			});
			const bodyPromise = bodyState === null ? Promise2.resolve(null) : consumeBytes(bodyState, "fetch' on 'WorkerGlobalScope");
			bodyPromise.then((body) => {
				if (entry.done) return;
				const url = fields2.url.split("#")[0];
				entry.sent = true;
				host.fetch(id, {
					method: fields2.method,
					url,
					headers: headerPairs(fields2.headers),
					body: body === null ? null : body,
					redirect: fields2.redirect,
					credentials: fields2.credentials,
					mode: fields2.mode,
					cache: fields2.cache,
					referrer: fields2.referrer,
					keepalive: fields2.keepalive
				});
			}).catch((e) => {
				if (entry.done) return;
				entry.done = true;
				pending.delete(id);
				reject(e instanceof TypeError ? e : failed(e));
			});
		});
	}
	function filterHeaders(type, pairs) {
		if (type === "basic") return pairs.filter(([n]) => !/^set-cookie2?$/i.test(n));
		if (type === "cors") {
			const exposed = pairs.filter(([n]) => n.toLowerCase() === "access-control-expose-headers").flatMap(([, v]) => v.split(",").map((s) => s.trim().toLowerCase()));
			const all = exposed.includes("*");
			return pairs.filter(([n]) => {
				const lower = n.toLowerCase();
				if (/^set-cookie2?$/.test(lower)) return false;
				return safelistedResponseHeaders.has(lower) || all || exposed.includes(lower);
			});
		}
		return [];
	}
	function settleFetch(id, error, response) {
		const entry = pending.get(Number(id));
		if (!entry || entry.done) return false;
		entry.done = true;
		pending.delete(Number(id));
		if (error !== null && error !== void 0) {
			entry.reject(failed(typeof error === "string" ? error : String(error?.message ?? error)));
			return true;
		}
		try {
			entry.resolve(networkResponse(entry.fields, response));
		} catch (e) {
			entry.reject(failed(String(e?.message ?? e)));
		}
		return true;
	}
	function networkResponse(fields2, r) {
		const status = Number(r.status);
		const finalURL = r.url ? String(r.url) : fields2.url;
		if (redirectStatus.has(status) && fields2.redirect !== "follow") {
			if (fields2.redirect === "error") throw new Error(`redirect to ${r.headers?.find?.(([n]) => n.toLowerCase() === "location")?.[1] ?? "(no location)"} with redirect mode "error"`);
			return makeResponse({ type: "opaqueredirect", status: 0, statusText: "", headers: [], body: null, urlList: [finalURL] });
		}
		const target = parseURL(finalURL);
		const sameOrigin = target !== null && target.origin === workerInfo.origin;
		let type = sameOrigin || target?.protocol === "data:" ? "basic" : "cors";
		if (!sameOrigin && fields2.mode === "no-cors") type = "opaque";
		if (type === "opaque") {
			return makeResponse({ type, status: 0, statusText: "", headers: [], body: null, urlList: [] });
		}
		const pairs = Array.isArray(r.headers) ? r.headers.map(([n, v]) => [String(n), String(v)]) : [];
		let body = r.body ?? null;
		if (body !== null && !(body instanceof Uint8Array)) body = new Uint8Array(body);
		if (nullBodyStatus.has(status) || fields2.method === "HEAD") body = null;
		return makeResponse({
			type,
			status,
			statusText: r.statusText ?? "",
			headers: filterHeaders(type, pairs),
			body: body ?? (nullBodyStatus.has(status) || fields2.method === "HEAD" ? null : new Uint8Array(0)),
			urlList: [finalURL],
			redirected: !!r.redirected
		});
	}

	// src/base64.js
	var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	var lookup = new Int16Array(128).fill(-1);
	for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;
	function encodeBase64(bytes) {
		let out = "";
		let i = 0;
		for (; i + 2 < bytes.length; i += 3) {
			const n = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
			out += alphabet[n >> 18] + alphabet[n >> 12 & 63] + alphabet[n >> 6 & 63] + alphabet[n & 63];
		}
		const rest = bytes.length - i;
		if (rest === 1) {
			const n = bytes[i] << 16;
			out += alphabet[n >> 18] + alphabet[n >> 12 & 63] + "==";
		} else if (rest === 2) {
			const n = bytes[i] << 16 | bytes[i + 1] << 8;
			out += alphabet[n >> 18] + alphabet[n >> 12 & 63] + alphabet[n >> 6 & 63] + "=";
		}
		return out;
	}
	function decodeBase64(input) {
		let s = input.replace(/[\t\n\f\r ]/g, "");
		if (s.length % 4 === 0) {
			if (s.endsWith("==")) s = s.slice(0, -2);
			else if (s.endsWith("=")) s = s.slice(0, -1);
		}
		if (s.length % 4 === 1) return null;
		const out = new Uint8Array(Math.floor(s.length * 3 / 4));
		let buffer = 0;
		let bits = 0;
		let o = 0;
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			const v = c < 128 ? lookup[c] : -1;
			if (v < 0) return null;
			buffer = buffer << 6 | v;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				out[o++] = buffer >> bits & 255;
			}
		}
		return out.subarray(0, o);
	}
	function btoa(data) {
		requireArgs(arguments.length, 1, "Failed to execute 'btoa'");
		const s = toDOMString(data);
		const bytes = new Uint8Array(s.length);
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			if (c > 255) {
				throw new DOMException("Failed to execute 'btoa' on 'WorkerGlobalScope': The string to be encoded contains characters outside of the Latin1 range.", "InvalidCharacterError");
			}
			bytes[i] = c;
		}
		return encodeBase64(bytes);
	}
	function atob(data) {
		requireArgs(arguments.length, 1, "Failed to execute 'atob'");
		const bytes = decodeBase64(toDOMString(data));
		if (bytes === null) {
			throw new DOMException("Failed to execute 'atob' on 'WorkerGlobalScope': The string to be decoded is not correctly encoded.", "InvalidCharacterError");
		}
		let out = "";
		for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
		return out;
	}

	// src/crypto.js
	var integerArrays = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array"];
	var typedArrayTag2 = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
	function randomBytes(n) {
		const bytes = host.randomBytes(n);
		if (!(bytes instanceof Uint8Array) || bytes.length !== n) throw new Error("host.randomBytes returned the wrong number of bytes");
		return bytes;
	}
	var Crypto = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		getRandomValues(array) {
			requireArgs(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
			const tag = ArrayBuffer.isView(array) ? typedArrayTag2.call(array) : void 0;
			if (!integerArrays.includes(tag)) {
				throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type '${tag ?? (ArrayBuffer.isView(array) ? "DataView" : typeof array)}', which is not an integer array type.`, "TypeMismatchError");
			}
			if (array.byteLength > 65536) {
				throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536).`, "QuotaExceededError");
			}
			if (array.byteLength > 0) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBytes(array.byteLength));
			return array;
		}
		randomUUID() {
			const b = randomBytes(16);
			b[6] = b[6] & 15 | 64;
			b[8] = b[8] & 63 | 128;
			const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
			return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
		}
	};
	platformClass(Crypto);
	var crypto = Object.create(Crypto.prototype);

	// src/clone.js
	var typedArrayTag3 = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
	var abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
	var dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, "buffer").get;
	var mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size").get;
	var setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size").get;
	var regexpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, "source").get;
	var errorCtors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
	function brand(fn, v) {
		try {
			fn.call(v);
			return true;
		} catch {
			return false;
		}
	}
	function describe(v) {
		try {
			if (typeof v === "function") return Function.prototype.toString.call(v);
			if (typeof v === "symbol") return v.toString();
			return `#<${v?.[kPlatform] ?? v?.constructor?.name ?? "Object"}>`;
		} catch {
			return "value";
		}
	}
	function isError2(v) {
		if (typeof Error.isError === "function") return Error.isError(v);
		return v instanceof Error;
	}
	function cloneError(v, memory, fail) {
		let name = "Error";
		try {
			name = String(v.name);
		} catch {
		}
		const Ctor = Object.hasOwn(errorCtors, name) ? errorCtors[name] : Error;
		const msgDesc = Object.getOwnPropertyDescriptor(v, "message");
		const out = msgDesc && "value" in msgDesc ? new Ctor(String(msgDesc.value)) : new Ctor();
		memory.set(v, out);
		const stackDesc = Object.getOwnPropertyDescriptor(v, "stack");
		if (stackDesc && typeof stackDesc.value === "string") {
			Object.defineProperty(out, "stack", { value: stackDesc.value, writable: true, configurable: true, enumerable: false });
		}
		const causeDesc = Object.getOwnPropertyDescriptor(v, "cause");
		if (causeDesc && "value" in causeDesc) {
			Object.defineProperty(out, "cause", { value: clone(causeDesc.value, memory, fail), writable: true, configurable: true, enumerable: false });
		}
		return out;
	}
	function clone(v, memory, fail) {
		if (typeof v === "symbol") throw fail(`${describe(v)} could not be cloned.`);
		if (typeof v === "function") throw fail(`${describe(v)} could not be cloned.`);
		if (!isObject(v)) return v;
		if (memory.has(v)) return memory.get(v);
		let out;
		if (brand(Boolean.prototype.valueOf, v)) out = Object(Boolean.prototype.valueOf.call(v));
		else if (brand(Number.prototype.valueOf, v)) out = Object(Number.prototype.valueOf.call(v));
		else if (brand(String.prototype.valueOf, v)) out = Object(String.prototype.valueOf.call(v));
		else if (brand(BigInt.prototype.valueOf, v)) out = Object(BigInt.prototype.valueOf.call(v));
		else if (brand(Symbol.prototype.valueOf, v)) throw fail(`${describe(v)} could not be cloned.`);
		else if (brand(Date.prototype.getTime, v)) out = new Date(Date.prototype.getTime.call(v));
		else if (v !== RegExp.prototype && brand(regexpSource, v)) out = new RegExp(regexpSource.call(v), v.flags);
		else if (brand(abByteLength, v)) {
			if (v.detached) throw fail("An ArrayBuffer is detached and could not be cloned.");
			out = v.slice(0);
		} else if (ArrayBuffer.isView(v)) {
			const buffer = brand(dvBuffer, v) ? dvBuffer.call(v) : v.buffer;
			if (!(buffer instanceof ArrayBuffer)) throw fail(`${describe(v)} could not be cloned.`);
			const copy = clone(buffer, memory, fail);
			const tag = typedArrayTag3.call(v);
			out = tag ? new globalThis[tag](copy, v.byteOffset, v.length) : new DataView(copy, v.byteOffset, v.byteLength);
		} else if (brand(mapSize, v)) {
			out = /* @__PURE__ */ new Map();
			memory.set(v, out);
			const entries = [...Map.prototype.entries.call(v)];
			for (const [k, val] of entries) out.set(clone(k, memory, fail), clone(val, memory, fail));
			return out;
		} else if (brand(setSize, v)) {
			out = /* @__PURE__ */ new Set();
			memory.set(v, out);
			const values = [...Set.prototype.values.call(v)];
			for (const val of values) out.add(clone(val, memory, fail));
			return out;
		} else if (isDOMException(v)) {
			out = new DOMException(v.message, v.name);
			const stack = Object.getOwnPropertyDescriptor(v, "stack");
			if (stack && typeof stack.value === "string") Object.defineProperty(out, "stack", { value: stack.value, writable: true, configurable: true });
		} else if (isBlob(v)) {
			out = v instanceof File ? new File([blobBytes(v)], v.name, { type: v.type, lastModified: v.lastModified }) : makeBlob(blobBytes(v), v.type);
		} else if (isError2(v)) {
			return cloneError(v, memory, fail);
		} else if (kPlatform in v || v instanceof Promise2 || brand(WeakMap.prototype.has, v) || brand(WeakSet.prototype.has, v) || typeof WeakRef === "function" && brand(WeakRef.prototype.deref, v)) {
			throw fail(`${describe(v)} could not be cloned.`);
		} else if (Array.isArray(v)) {
			out = new Array(v.length);
			memory.set(v, out);
			for (const key of Object.keys(v)) out[key] = clone(v[key], memory, fail);
			return out;
		} else {
			out = {};
			memory.set(v, out);
			for (const key of Object.keys(v)) {
				const value = v[key];
				Object.defineProperty(out, key, { value: clone(value, memory, fail), writable: true, enumerable: true, configurable: true });
			}
			return out;
		}
		memory.set(v, out);
		return out;
	}
	function cloneValue(value, transfer = [], where = "Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope'") {
		const fail = (msg) => new DOMException(`${where}: ${msg}`, "DataCloneError");
		const memory = /* @__PURE__ */ new Map();
		const transferred = [];
		for (const [i, t] of [...transfer].entries()) {
			if (!brand(abByteLength, t)) throw fail(`Value at index ${i} does not have a transferable type.`);
			if (transferred.includes(t)) throw fail(`ArrayBuffer at index ${i} is a duplicate of an earlier ArrayBuffer.`);
			if (t.detached) throw fail(`ArrayBuffer at index ${i} is already detached.`);
			transferred.push(t);
		}
		const out = clone(value, memory, fail);
		for (const t of transferred) if (typeof t.transfer === "function") t.transfer();
		return out;
	}
	function structuredClone(value, options = void 0) {
		if (arguments.length < 1) throw new TypeError("Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': 1 argument required, but only 0 present.");
		const transfer = isObject(options) && options.transfer !== void 0 ? options.transfer : [];
		return cloneValue(value, transfer);
	}

	// src/engine.js
	var pending2 = /* @__PURE__ */ new Map();
	var nextId3 = 1;
	function engineCall(op, args = []) {
		return new Promise2((resolve, reject) => {
			const id = nextId3++;
			pending2.set(id, { resolve, reject, op });
			try {
				host.engine(id, op, args);
			} catch (e) {
				pending2.delete(id);
				reject(e);
			}
		});
	}
	function settleEngine(id, error, result) {
		const p = pending2.get(Number(id));
		if (!p) return false;
		pending2.delete(Number(id));
		if (error !== null && error !== void 0) p.reject(hostError(error));
		else p.resolve(result);
		return true;
	}

	// src/clients.js
	var constructing = false;
	var Client = class {
		#id;
		#url;
		#type;
		#frameType;
		constructor(info) {
			if (!constructing) throw new TypeError("Illegal constructor");
			constructing = false;
			this.#id = String(info.id ?? "");
			this.#url = String(info.url ?? "");
			this.#type = String(info.type ?? "window");
			this.#frameType = String(info.frameType ?? "top-level");
		}
		get id() {
			return this.#id;
		}
		get url() {
			return this.#url;
		}
		get type() {
			return this.#type;
		}
		get frameType() {
			return this.#frameType;
		}
		get lifecycleState() {
			return "active";
		}
		postMessage(message, options = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'postMessage' on 'Client'");
			const transfer = Array.isArray(options) ? options : isObject(options) && options.transfer || [];
			const data = cloneValue(message, transfer, "Failed to execute 'postMessage' on 'Client'");
			engineCall("clients.postMessage", [this.#id, data]).catch(() => {
			});
		}
		[kInspect]() {
			return { id: this.#id, url: this.#url, type: this.#type, frameType: this.#frameType };
		}
	};
	platformClass(Client);
	var WindowClient = class extends Client {
		#focused;
		#visibilityState;
		constructor(info) {
			super(info);
			this.#focused = !!info.focused;
			this.#visibilityState = String(info.visibilityState ?? "visible");
		}
		get focused() {
			return this.#focused;
		}
		get visibilityState() {
			return this.#visibilityState;
		}
		get ancestorOrigins() {
			return Object.freeze([]);
		}
		focus() {
			return Promise2.reject(new DOMException("Failed to execute 'focus' on 'WindowClient': Not allowed to focus a window.", "InvalidAccessError"));
		}
		navigate(url) {
			void url;
			return Promise2.reject(new DOMException("Failed to execute 'navigate' on 'WindowClient': navigate() is not supported by Syncscope.", "NotSupportedError"));
		}
		[kInspect]() {
			return { ...super[kInspect](), focused: this.#focused, visibilityState: this.#visibilityState };
		}
	};
	platformClass(WindowClient);
	function clientFrom(info) {
		if (!isObject(info)) return null;
		if (info instanceof Client) return info;
		const type = String(info.type ?? "window");
		constructing = true;
		return type === "window" ? new WindowClient(info) : new Client(info);
	}
	var Clients = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		get(id) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'get' on 'Clients': 1 argument required, but only 0 present."));
			let wanted;
			try {
				wanted = toDOMString(id);
			} catch (e) {
				return Promise2.reject(e);
			}
			return engineCall("clients.matchAll", [{ includeUncontrolled: true, type: "all" }]).then((list) => {
				const info = (list ?? []).find((c) => String(c?.id) === wanted);
				return info ? clientFrom(info) : void 0;
			});
		}
		matchAll(options = void 0) {
			let o;
			try {
				o = toDictionary(options, "Failed to execute 'matchAll' on 'Clients'");
			} catch (e) {
				return Promise2.reject(e);
			}
			const type = o.type === void 0 ? "window" : String(o.type);
			if (!["window", "worker", "sharedworker", "all"].includes(type)) {
				return Promise2.reject(new TypeError(`Failed to execute 'matchAll' on 'Clients': The provided value '${type}' is not a valid enum value of type ClientType.`));
			}
			return engineCall("clients.matchAll", [{ includeUncontrolled: !!o.includeUncontrolled, type }]).then((list) => (list ?? []).map(clientFrom).filter((c) => c !== null));
		}
		openWindow(url) {
			void url;
			return Promise2.reject(new DOMException("Failed to execute 'openWindow' on 'Clients': opening windows is not supported by Syncscope.", "NotSupportedError"));
		}
		claim() {
			return engineCall("clients.claim", []).then(() => void 0);
		}
	};
	platformClass(Clients);
	var clients = Object.create(Clients.prototype);

	// src/registration.js
	var allowed = false;
	function construct(Cls, ...args) {
		allowed = true;
		try {
			return new Cls(...args);
		} finally {
			allowed = false;
		}
	}
	function checkConstruct() {
		if (!allowed) throw new TypeError("Illegal constructor");
		allowed = false;
	}
	function promised(fn) {
		try {
			return Promise2.resolve(fn());
		} catch (e) {
			return Promise2.reject(e);
		}
	}
	var SyncManager = class {
		constructor() {
			checkConstruct();
		}
		register(tag) {
			return promised(() => {
				requireArgs(arguments.length, 1, "Failed to execute 'register' on 'SyncManager'");
				return engineCall("sync.register", [toDOMString(tag)]).then(() => void 0);
			});
		}
		getTags() {
			return engineCall("sync.getTags", []).then((tags) => Array.from(tags ?? [], String));
		}
	};
	platformClass(SyncManager);
	var PeriodicSyncManager = class {
		constructor() {
			checkConstruct();
		}
		register(tag, options = void 0) {
			return promised(() => {
				requireArgs(arguments.length, 1, "Failed to execute 'register' on 'PeriodicSyncManager'");
				const t = toDOMString(tag);
				const o = toDictionary(options, "Failed to execute 'register' on 'PeriodicSyncManager'");
				const minInterval = toUnsignedLongLong(o.minInterval ?? 0);
				return engineCall("periodicSync.register", [t, minInterval]).then(() => void 0);
			});
		}
		unregister(tag) {
			return promised(() => {
				requireArgs(arguments.length, 1, "Failed to execute 'unregister' on 'PeriodicSyncManager'");
				return engineCall("periodicSync.unregister", [toDOMString(tag)]).then(() => void 0);
			});
		}
		getTags() {
			return engineCall("periodicSync.getTags", []).then((tags) => Array.from(tags ?? [], String));
		}
	};
	platformClass(PeriodicSyncManager);
	var NavigationPreloadManager = class {
		#enabled = false;
		#headerValue = "true";
		constructor() {
			checkConstruct();
		}
		enable() {
			this.#enabled = true;
			return Promise2.resolve(void 0);
		}
		disable() {
			this.#enabled = false;
			return Promise2.resolve(void 0);
		}
		setHeaderValue(value) {
			return promised(() => {
				this.#headerValue = String(value);
			});
		}
		getState() {
			return Promise2.resolve({ enabled: this.#enabled, headerValue: this.#headerValue });
		}
	};
	platformClass(NavigationPreloadManager);
	var setWorkerStateInternal;
	var placeWorker;
	var messageHooks = { deliver: (data, source) => {
		void data;
		void source;
	} };
	var ServiceWorker = class extends EventTarget {
		#state = "activated";
		constructor() {
			checkConstruct();
			super();
		}
		get scriptURL() {
			return workerInfo.scriptURL;
		}
		get state() {
			return this.#state;
		}
		postMessage(message, options = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'postMessage' on 'ServiceWorker'");
			const transfer = Array.isArray(options) ? options : options && options.transfer || [];
			const data = cloneValue(message, transfer, "Failed to execute 'postMessage' on 'ServiceWorker'");
			internalTimeout(() => messageHooks.deliver(data, this), 0);
		}
		[kInspect]() {
			return { scriptURL: workerInfo.scriptURL, state: this.#state };
		}
		static {
			setWorkerStateInternal = (sw, state) => {
				if (sw.#state === state) return false;
				sw.#state = state;
				dispatchEventInternal(sw, markTrusted(new Event("statechange")));
				return true;
			};
		}
	};
	defineEventHandlers(ServiceWorker.prototype, ["statechange", "error"]);
	platformClass(ServiceWorker);
	var ServiceWorkerRegistration = class extends EventTarget {
		#sync = construct(SyncManager);
		#periodicSync = construct(PeriodicSyncManager);
		#navigationPreload = construct(NavigationPreloadManager);
		#installing = null;
		#waiting = null;
		#active = null;
		constructor() {
			checkConstruct();
			super();
			this.#active = thisWorker;
		}
		get scope() {
			return workerInfo.scope;
		}
		get updateViaCache() {
			return "imports";
		}
		get installing() {
			return this.#installing;
		}
		get waiting() {
			return this.#waiting;
		}
		get active() {
			return this.#active;
		}
		get sync() {
			return this.#sync;
		}
		get periodicSync() {
			return this.#periodicSync;
		}
		get navigationPreload() {
			return this.#navigationPreload;
		}
		update() {
			return Promise2.resolve(this);
		}
		unregister() {
			return engineCall("registration.unregister", []).then((r) => r !== false);
		}
		showNotification() {
			return Promise2.reject(new TypeError("Failed to execute 'showNotification' on 'ServiceWorkerRegistration': No notification permission has been granted for this origin."));
		}
		getNotifications() {
			return Promise2.resolve([]);
		}
		[kInspect]() {
			return { scope: workerInfo.scope, active: this.#active, installing: this.#installing, waiting: this.#waiting };
		}
		static {
			placeWorker = (reg, state) => {
				reg.#installing = state === "installing" ? thisWorker : null;
				reg.#waiting = state === "installed" ? thisWorker : null;
				reg.#active = state === "activating" || state === "activated" ? thisWorker : null;
			};
		}
	};
	defineEventHandlers(ServiceWorkerRegistration.prototype, ["updatefound"]);
	platformClass(ServiceWorkerRegistration);
	var thisWorker = construct(ServiceWorker);
	var serviceWorker = thisWorker;
	var registration = construct(ServiceWorkerRegistration);
	var states = ["parsed", "installing", "installed", "activating", "activated", "redundant"];
	function setWorkerState(state) {
		state = String(state);
		if (!states.includes(state)) throw new TypeError(`__syncscope.setWorkerState: unknown state ${state}`);
		placeWorker(registration, state);
		setWorkerStateInternal(thisWorker, state);
	}

	// src/global-scope.js
	var WorkerGlobalScope = class extends EventTarget {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
	};
	defineEventHandlers(WorkerGlobalScope.prototype, ["error", "languagechange", "offline", "online", "rejectionhandled", "unhandledrejection"]);
	platformClass(WorkerGlobalScope);
	var ServiceWorkerGlobalScope = class extends WorkerGlobalScope {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
	};
	defineEventHandlers(ServiceWorkerGlobalScope.prototype, [
		"install",
		"activate",
		"fetch",
		"message",
		"messageerror",
		"sync",
		"periodicsync",
		"backgroundfetchsuccess",
		"backgroundfetchfail",
		"backgroundfetchabort",
		"backgroundfetchclick",
		"push",
		"pushsubscriptionchange",
		"notificationclick",
		"notificationclose"
	]);
	platformClass(ServiceWorkerGlobalScope);
	function skipWaiting() {
		return engineCall("skipWaiting", []).then(() => void 0);
	}
	function importScripts(...urls2) {
		const resolved3 = urls2.map((u) => {
			const r = parseURL(toUSVString(u), baseURL());
			if (!r) throw new DOMException(`Failed to execute 'importScripts' on 'WorkerGlobalScope': The URL '${u}' is invalid.`, "SyntaxError");
			return r.href;
		});
		for (const href of resolved3) host.importScripts(href);
	}
	function reportError(e) {
		if (arguments.length < 1) throw new TypeError("Failed to execute 'reportError' on 'WorkerGlobalScope': 1 argument required, but only 0 present.");
		reportException(e);
	}
	function installGlobalScope() {
		const g = globalThis;
		adoptEventTarget(g);
		Object.setPrototypeOf(g, ServiceWorkerGlobalScope.prototype);
		installDate();
		defineHidden(g, {
			// interfaces
			DOMException,
			Event,
			EventTarget,
			CustomEvent,
			ErrorEvent,
			PromiseRejectionEvent,
			ExtendableEvent,
			InstallEvent,
			FetchEvent,
			SyncEvent,
			PeriodicSyncEvent,
			ExtendableMessageEvent,
			PushEvent,
			PushMessageData,
			NotificationEvent,
			BackgroundFetchEvent,
			BackgroundFetchUpdateUIEvent,
			Headers,
			Request,
			Response,
			URL,
			URLSearchParams,
			TextEncoder,
			TextDecoder,
			Crypto,
			AbortController,
			AbortSignal,
			Blob,
			File,
			ReadableStream,
			ReadableStreamDefaultReader,
			ReadableStreamDefaultController,
			Client,
			WindowClient,
			Clients,
			ServiceWorker,
			ServiceWorkerRegistration,
			SyncManager,
			PeriodicSyncManager,
			NavigationPreloadManager,
			WorkerLocation,
			WorkerNavigator,
			WorkerGlobalScope,
			ServiceWorkerGlobalScope,
			Performance,
			// functions and objects
			self: g,
			fetch,
			atob,
			btoa,
			structuredClone,
			setTimeout,
			setInterval,
			clearTimeout,
			clearInterval,
			queueMicrotask,
			reportError,
			importScripts,
			skipWaiting,
			console: createConsole(),
			performance,
			crypto
		});
		for (const key of Object.getOwnPropertyNames(g)) {
			const d = Object.getOwnPropertyDescriptor(g, key);
			if (typeof d.value === "function" && /^[A-Za-z]+$/.test(key) && d.value.name !== key && /^_?[A-Za-z]+\d*$/.test(d.value.name) && d.value.name.replace(/^_|\d+$/g, "") === key) {
				Object.defineProperty(d.value, "name", { value: key, configurable: true });
			}
		}
		for (const [name, value] of Object.entries({ location, navigator, registration, clients, serviceWorker })) {
			Object.defineProperty(g, name, { value, writable: false, enumerable: true, configurable: true });
		}
		Object.defineProperty(g, "origin", { get: () => workerInfo.origin, enumerable: true, configurable: true });
		Object.defineProperty(g, "isSecureContext", { get: () => true, enumerable: true, configurable: true });
		Object.defineProperty(g, "crossOriginIsolated", { get: () => false, enumerable: true, configurable: true });
		for (const name of ["caches", "indexedDB"]) {
			if (Object.getOwnPropertyDescriptor(g, name)?.configurable) delete g[name];
		}
	}

	// src/dispatch.js
	function createEvent(type, init) {
		switch (type) {
			case "install":
				return new InstallEvent(type);
			case "activate":
				return new ExtendableEvent(type);
			case "sync":
				return new SyncEvent(type, { tag: String(init.tag ?? ""), lastChance: !!init.lastChance });
			case "periodicsync":
				return new PeriodicSyncEvent(type, { tag: String(init.tag ?? "") });
			case "message":
			case "messageerror":
				return new ExtendableMessageEvent(type, {
					data: init.data,
					origin: init.origin ?? workerInfo.origin,
					lastEventId: init.lastEventId ?? "",
					source: isObject(init.source) ? clientFrom(init.source) : null,
					ports: []
				});
			case "fetch":
				return new FetchEvent(type, {
					request: requestFromEngine(init.request ?? {}),
					clientId: init.clientId ?? "",
					resultingClientId: init.resultingClientId ?? "",
					replacesClientId: init.replacesClientId ?? ""
				});
			case "push":
				return new PushEvent(type, { data: init.data });
			case "notificationclick":
			case "notificationclose":
				return new NotificationEvent(type, { notification: init.notification ?? {}, action: init.action ?? "" });
			case "backgroundfetchsuccess":
			case "backgroundfetchfail":
				return new BackgroundFetchUpdateUIEvent(type, { registration: init.registration ?? {} });
			case "backgroundfetchabort":
			case "backgroundfetchclick":
				return new BackgroundFetchEvent(type, { registration: init.registration ?? {} });
			default:
				return new ExtendableEvent(type);
		}
	}
	function networkError(url, why) {
		return { error: `The FetchEvent for "${url}" resulted in a network error response: ${why}` };
	}
	async function fetchOutcome(event) {
		const p = respondWithPromise(event);
		const url = event.request.url;
		if (p === null) return { network: true };
		let r;
		try {
			r = await p;
		} catch (reason) {
			return { ...networkError(url, "the promise was rejected."), reason: describeReason(reason) };
		}
		if (!isResponse(r)) return networkError(url, "an object that was not a Response was passed to respondWith().");
		if (r.type === "error") return networkError(url, 'a Response whose "type" is "error" was passed to respondWith().');
		const state = responseBody(r);
		if (isUnusable(state)) return networkError(url, 'a Response whose "bodyUsed" is "true" cannot be used to respond to a request.');
		let body;
		try {
			body = await consumeBytes(state, "respondWith' on 'FetchEvent");
		} catch (e) {
			return { ...networkError(url, "the response body could not be read."), reason: describeReason(e) };
		}
		return {
			status: r.status,
			statusText: r.statusText,
			headers: headerPairs(r.headers),
			body,
			url: r.url,
			type: r.type,
			redirected: r.redirected
		};
	}
	function finish(event, threw, thrown, life, outcome) {
		let result;
		if (threw) result = { status: "rejected", reason: describeReason(thrown) };
		else if (life.rejected) result = { status: "rejected", reason: describeReason(life.reason) };
		else result = { status: "succeeded" };
		if (event instanceof BackgroundFetchUpdateUIEvent) {
			const ui2 = requestedUI(event);
			if (ui2) result.updateUI = ui2;
		}
		if (!outcome) return result;
		return outcome.then((response) => {
			result.response = response;
			return result;
		});
	}
	function run(type, init) {
		const event = markTrusted(createEvent(type, init));
		let threw = false;
		let thrown;
		dispatchEventInternal(globalThis, event, (err) => {
			if (!threw) {
				threw = true;
				thrown = err;
			}
		});
		if (!threw && type !== "fetch" && lifetimeIdle(event) && !(event instanceof BackgroundFetchUpdateUIEvent)) {
			return Promise2.resolve({ status: "succeeded" });
		}
		const outcome = type === "fetch" ? fetchOutcome(event) : null;
		if (outcome && typeof init.onResponse === "function") {
			outcome.then((o) => {
				try {
					init.onResponse(o);
				} catch {
				}
			});
		}
		return lifetimeSettled(event).then((life) => finish(event, threw, thrown, life, outcome)).then(void 0, failed2);
	}
	var failed2 = (e) => ({ status: "failed", reason: describeReason(e) });
	function dispatch(type, init = void 0) {
		try {
			return run(typeof type === "string" ? type : String(type), isObject(init) ? init : {});
		} catch (e) {
			return Promise2.resolve(failed2(e));
		}
	}
	var unhandled = /* @__PURE__ */ new Map();
	function promiseRejection(promise, reason, handled) {
		if (handled) unhandled.delete(promise);
		else unhandled.set(promise, reason);
	}
	function uncaughtRejections() {
		const out = [];
		const list = [...unhandled];
		unhandled.clear();
		for (const [promise, reason] of list) {
			let canceled = false;
			try {
				const e = markTrusted(new PromiseRejectionEvent("unhandledrejection", { promise, reason, cancelable: true }));
				canceled = !dispatchEventInternal(globalThis, e);
			} catch {
			}
			if (!canceled) {
				const text = isObject(reason) && (reason instanceof Error || "stack" in reason) ? formatError(reason) : inspect(reason, { top: true });
				out.push(`Uncaught (in promise) ${text}`);
			}
		}
		return out;
	}

	// src/index.js
	installGlobalScope();
	messageHooks.deliver = (data, source) => {
		const e = markTrusted(new ExtendableMessageEvent("message", { data, origin: workerInfo.origin, source }));
		dispatchEventInternal(globalThis, e);
	};
	var api = {
		/** Once, before the developer's script: {scriptURL, scope?, origin?, online?, state?}. */
		init(options) {
			if (workerInfo.initialized) throw new Error("__syncscope.init was already called");
			initLocation(options ?? {});
			if (options?.state !== void 0) setWorkerState(options.state);
		},
		fireTimer,
		settleFetch,
		settleEngine,
		setOnline,
		setWorkerState,
		dispatch,
		hasListeners: (type) => hasListeners(globalThis, type),
		promiseRejection,
		uncaughtRejections
	};
	for (const [name, fn] of Object.entries(api)) Object.defineProperty(fn, "name", { value: name });
	Object.defineProperty(globalThis, "__syncscope", {
		value: Object.freeze(api),
		enumerable: false,
		writable: false,
		configurable: false
	});
})();
//# sourceURL=syncscope:prelude
