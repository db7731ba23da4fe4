// Syncscope service-worker prelude. GENERATED from crates/worker/js/src by `npm run build`; do not edit.
(() => {
	var __defProp = Object.defineProperty;
	var __export = (target, all) => {
		for (var name in all)
			__defProp(target, name, { get: all[name], enumerable: true });
	};

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
			"readBody",
			"cancelBody",
			"engine",
			// storage of the context's origin (IndexedDB, Cache Storage): see kv-codec.js and README.md
			"kvGet",
			"kvRange",
			"kvCount",
			"kvCommit",
			"kvNamespaces",
			"kvGeneration",
			"kvUsage",
			// IndexedDB transaction order across the origin's contexts: see idb.js
			"idbLock",
			"idbUnlock"
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
	function webName(cls) {
		return cls.name.replace(/^_|\d+$/g, "");
	}
	function platformClass(cls, { cloneable = false, tag = webName(cls) } = {}) {
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
		constructor(message = void 0, options2 = void 0) {
			const msg = message === void 0 ? "" : toDOMString(message);
			let name = "Error";
			let errorOptions;
			if (isObject(options2)) {
				if (options2.name !== void 0) name = toDOMString(options2.name);
				if ("cause" in options2) errorOptions = { cause: options2.cause };
			} else if (options2 !== void 0) {
				name = toDOMString(options2);
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
		const first2 = args[0];
		if (typeof first2 === "string" && args.length > 1) {
			let i = 1;
			let last = 0;
			for (let p = 0; p < first2.length - 1; p++) {
				if (first2[p] !== "%") continue;
				const c = first2[p + 1];
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
				out += first2.slice(last, p) + repl;
				last = p + 2;
				p++;
			}
			out += first2.slice(last);
			rest = i;
		} else {
			out = inspect(first2, { top: true });
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
	function flattenOptions(options2) {
		if (typeof options2 === "boolean") return { capture: options2, once: false, passive: false, signal: null };
		if (!isObject(options2)) return { capture: !!options2, once: false, passive: false, signal: null };
		const signal = options2.signal ?? null;
		return { capture: !!options2.capture, once: !!options2.once, passive: !!options2.passive, signal };
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
		addEventListener(type, callback, options2 = void 0) {
			requireArgs(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
			const s = stateOf(this ?? globalThis, "addEventListener");
			type = toDOMString(type);
			if (callback === null || callback === void 0) return;
			if (!isObject(callback)) {
				throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.");
			}
			const o = flattenOptions(options2);
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
		removeEventListener(type, callback, options2 = void 0) {
			requireArgs(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
			const s = stateOf(this ?? globalThis, "removeEventListener");
			type = toDOMString(type);
			const capture = typeof options2 === "boolean" ? options2 : !!(isObject(options2) && options2.capture);
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
				const snapshot2 = list.slice();
				let hasCapture = false;
				for (let i = 0; i < snapshot2.length; i++) if (snapshot2[i].capture) {
					hasCapture = true;
					break;
				}
				if (hasCapture) invokeListeners(target, event, list, snapshot2, true, onError);
				invokeListeners(target, event, list, snapshot2, false, onError);
			}
		} finally {
			ev.end(event);
		}
		return !ev.canceled(event);
	}
	function invokeListeners(target, event, list, snapshot2, capturePass, onError) {
		for (let i = 0; i < snapshot2.length; i++) {
			const entry = snapshot2[i];
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
			let read2 = 0;
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
				const size2 = cp < 128 ? 1 : cp < 2048 ? 2 : cp < 65536 ? 3 : 4;
				if (written + size2 > cap) break;
				if (size2 === 1) destination[written] = cp;
				else if (size2 === 2) {
					destination[written] = 192 | cp >> 6;
					destination[written + 1] = 128 | cp & 63;
				} else if (size2 === 3) {
					destination[written] = 224 | cp >> 12;
					destination[written + 1] = 128 | cp >> 6 & 63;
					destination[written + 2] = 128 | cp & 63;
				} else {
					destination[written] = 240 | cp >> 18;
					destination[written + 1] = 128 | cp >> 12 & 63;
					destination[written + 2] = 128 | cp >> 6 & 63;
					destination[written + 3] = 128 | cp & 63;
				}
				written += size2;
				read2 += units;
				i += units - 1;
			}
			return { read: read2, written };
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
		constructor(label = "utf-8", options2 = void 0) {
			const name = String(label).trim().toLowerCase();
			if (!utf8Labels.has(name)) {
				throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid or not supported (only utf-8 is available).`);
			}
			if (options2 !== void 0 && options2 !== null && !isObject(options2)) {
				throw new TypeError("Failed to construct 'TextDecoder': The provided value is not of type 'TextDecoderOptions'.");
			}
			this.#fatal = !!options2?.fatal;
			this.#ignoreBOM = !!options2?.ignoreBOM;
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
		decode(input = void 0, options2 = void 0) {
			let bytes;
			if (input === void 0 || input === null) bytes = new Uint8Array(0);
			else {
				bytes = bufferSourceView(input);
				if (!bytes) {
					throw new TypeError("Failed to execute 'decode' on 'TextDecoder': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.");
				}
			}
			const stream = !!options2?.stream;
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
		getReader(options2 = void 0) {
			if (options2?.mode !== void 0) throw new RangeError("Failed to execute 'getReader' on 'ReadableStream': BYOB readers are not supported.");
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
	var Blob2 = class _Blob {
		#bytes;
		#type;
		constructor(blobParts = void 0, options2 = void 0) {
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
			this.#type = normalizeType(options2?.type);
		}
		get size() {
			return this.#bytes.length;
		}
		get type() {
			return this.#type;
		}
		slice(start = void 0, end = void 0, contentType = void 0) {
			const size2 = this.#bytes.length;
			const rel = (v, dflt) => {
				if (v === void 0) return dflt;
				const n = Math.trunc(Number(v)) || 0;
				return n < 0 ? Math.max(size2 + n, 0) : Math.min(n, size2);
			};
			const from = rel(start, 0);
			const to = rel(end, size2);
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
	platformClass(Blob2, { cloneable: true });
	var File2 = class extends Blob2 {
		#name;
		#lastModified;
		constructor(fileBits, fileName, options2 = void 0) {
			if (arguments.length < 2) throw new TypeError(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
			super(fileBits, options2);
			this.#name = toUSVString(fileName);
			this.#lastModified = options2?.lastModified === void 0 ? Date.now() : Math.trunc(Number(options2.lastModified)) || 0;
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
	platformClass(File2, { cloneable: true });
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
		updateUI(options2 = void 0) {
			if (!this.isTrusted || this.#updateUICalled || !ext.active(this)) {
				return Promise2.reject(new DOMException("Failed to execute 'updateUI' on 'BackgroundFetchUpdateUIEvent': updateUI may only be called once, during the event.", "InvalidStateError"));
			}
			this.#updateUICalled = true;
			this.#ui = { title: options2?.title === void 0 ? null : String(options2.title) };
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
	function initTimer(handler, timeout, args, repeat, internal, task = false) {
		const fn = toHandler(handler);
		let delay = toLong(timeout);
		if (delay < 0) delay = 0;
		const id = allocateId();
		timers.set(id, { fn, args, repeat, delay, internal });
		if (task) host.setTimer(id, delay, true);
		else host.setTimer(id, delay);
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
	function internalTimeout(fn, delay, task = false) {
		return initTimer(fn, delay, [], false, true, task);
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
			const values2 = this.#list.filter(([n]) => n === lower).map(([, v]) => v);
			return values2.length ? values2.join(", ") : null;
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
			this.readRest = null;
			this.restStream = null;
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
		if (state.readRest && state.stream === state.restStream) {
			takeStream(state.stream);
			return state.readRest();
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
			const close2 = s.lastIndexOf("]");
			const colon = s.indexOf(":", close2 < 0 ? 0 : close2);
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
			const close2 = s.lastIndexOf("]");
			if (s.indexOf(":", close2 < 0 ? 0 : close2) >= 0) return;
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

	// src/storage-manager.js
	var StorageManager = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		/** `{quota, usage, usageDetails}`; as in Chromium, usageDetails lists only the kinds in use. */
		estimate() {
			try {
				const [usage, quota, indexedDB2, caches2, serviceWorkerRegistrations = 0] = host.kvUsage();
				const usageDetails = {};
				if (indexedDB2 > 0) usageDetails.indexedDB = indexedDB2;
				if (caches2 > 0) usageDetails.caches = caches2;
				if (serviceWorkerRegistrations > 0) usageDetails.serviceWorkerRegistrations = serviceWorkerRegistrations;
				return Promise2.resolve({ quota, usage, usageDetails });
			} catch (e) {
				return Promise2.reject(new TypeError(`Failed to execute 'estimate' on 'StorageManager': ${e?.message ?? e}`));
			}
		}
		/** Syncscope's storage is never evicted, but it is not "persistent" in the browser's sense either. */
		persisted() {
			return Promise2.resolve(false);
		}
		[kInspect]() {
			return {};
		}
	};
	platformClass(StorageManager);
	var storage = Object.create(StorageManager.prototype);

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
		get storage() {
			return storage;
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
			if (this.#mode === "no-cors" && !["GET", "HEAD", "POST"].includes(this.#method)) {
				throw new TypeError(`Failed to construct 'Request': '${this.#method}' is unsupported in no-cors mode.`);
			}
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
						const bytes = d.body instanceof Uint8Array ? d.body : typeof d.body === "string" ? utf8Encode(d.body) : new Uint8Array(d.body);
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
				/** A Response from network parts: {type, status, statusText, headers: [[n, v]], body: Uint8Array|null, bodyState?: BodyState, urlList, redirected}. */
				make(p) {
					const r = new _Response(null);
					r.#type = p.type ?? "default";
					r.#status = p.status;
					r.#statusText = p.statusText ?? "";
					r.#headers = headersFromPairs(p.headers ?? [], "immutable");
					r.#urlList = p.urlList ?? [];
					r.#redirected = !!p.redirected;
					r.#body = p.bodyState ?? (p.body ? new BodyState(streamFromBytes(p.body), p.body.length) : null);
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
			const prefix = "Failed to construct 'Request': ";
			if (e instanceof TypeError && e.message.startsWith(prefix)) {
				return Promise2.reject(new TypeError(`Failed to execute 'fetch' on 'WorkerGlobalScope': ${e.message.slice(prefix.length)}`));
			}
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
		if (!entry || entry.done) {
			if (response?.more) host.cancelBody(Number(id));
			return false;
		}
		entry.done = true;
		pending.delete(Number(id));
		if (error !== null && error !== void 0) {
			entry.reject(failed(typeof error === "string" ? error : String(error?.message ?? error)));
			return true;
		}
		try {
			entry.resolve(networkResponse(Number(id), entry, response));
		} catch (e) {
			if (response?.more) host.cancelBody(Number(id));
			entry.reject(failed(String(e?.message ?? e)));
		}
		return true;
	}
	var bodyReads = /* @__PURE__ */ new Map();
	function networkError(detail) {
		return new TypeError("network error", detail ? { cause: detail } : void 0);
	}
	function readHostBody(id, rest) {
		return new Promise2((resolve, reject) => {
			if (!host.readBody(id, rest)) {
				reject(networkError("the body is no longer available"));
				return;
			}
			bodyReads.set(id, { resolve, reject, rest });
		});
	}
	function settleBody(id, error, chunk) {
		const read2 = bodyReads.get(Number(id));
		if (!read2) return false;
		bodyReads.delete(Number(id));
		if (error !== null && error !== void 0) read2.reject(read2.rest ? failed(String(error)) : networkError(String(error)));
		else read2.resolve(chunk ?? null);
		return true;
	}
	function hostBody(id, prefix, signal) {
		let finished = false;
		let controller = null;
		const release = () => {
			finished = true;
			bodyReads.delete(id);
			host.cancelBody(id);
		};
		const stream = new ReadableStream({
			start(c) {
				controller = c;
				if (prefix.length) c.enqueue(prefix);
			},
			pull(c) {
				return readHostBody(id, false).then((chunk) => {
					if (chunk === null) {
						finished = true;
						c.close();
					} else c.enqueue(chunk);
				}, (e) => {
					finished = true;
					throw e;
				});
			},
			cancel() {
				release();
			}
		});
		const state = new BodyState(stream, null);
		state.restStream = stream;
		state.readRest = () => readHostBody(id, true).then((rest) => {
			finished = true;
			if (prefix.length === 0) return rest;
			const all = new Uint8Array(prefix.length + rest.length);
			all.set(prefix, 0);
			all.set(rest, prefix.length);
			return all;
		}, (e) => {
			finished = true;
			throw e;
		});
		onAbort(signal, () => {
			if (finished) return;
			const read2 = bodyReads.get(id);
			release();
			const aborted = new DOMException("BodyStreamBuffer was aborted", "AbortError");
			if (read2) read2.reject(read2.rest ? new DOMException("The user aborted a request.", "AbortError") : aborted);
			controller.error(aborted);
		});
		return state;
	}
	function networkResponse(id, entry, r) {
		const resp = buildResponse(id, entry, r);
		if (r.more && resp.body === null) host.cancelBody(id);
		return resp;
	}
	function buildResponse(id, { fields: fields2, request }, r) {
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
		const noBody = nullBodyStatus.has(status) || fields2.method === "HEAD";
		if (noBody) body = null;
		const streamed = !noBody && !!r.more;
		return makeResponse({
			type,
			status,
			statusText: r.statusText ?? "",
			headers: filterHeaders(type, pairs),
			body: body ?? (noBody ? null : new Uint8Array(0)),
			bodyState: streamed ? hostBody(id, body ?? new Uint8Array(0), request.signal) : void 0,
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

	// src/brands.js
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
	function isError2(v) {
		if (typeof Error.isError === "function") return Error.isError(v);
		return v instanceof Error;
	}
	function isUncloneableObject(v) {
		return kPlatform in v || v instanceof Promise2 || brand(WeakMap.prototype.has, v) || brand(WeakSet.prototype.has, v) || typeof WeakRef === "function" && brand(WeakRef.prototype.deref, v);
	}
	function cloneName(v) {
		try {
			if (typeof v === "function") return Function.prototype.toString.call(v);
			if (typeof v === "symbol") return v.toString();
			return `#<${v?.[kPlatform] ?? v?.constructor?.name ?? "Object"}>`;
		} catch {
			return "value";
		}
	}

	// src/clone.js
	var describe = cloneName;
	function cloneError(v, memory, fail2) {
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
			Object.defineProperty(out, "cause", { value: clone(causeDesc.value, memory, fail2), writable: true, configurable: true, enumerable: false });
		}
		return out;
	}
	function clone(v, memory, fail2) {
		if (typeof v === "symbol") throw fail2(`${describe(v)} could not be cloned.`);
		if (typeof v === "function") throw fail2(`${describe(v)} could not be cloned.`);
		if (!isObject(v)) return v;
		if (memory.has(v)) return memory.get(v);
		let out;
		if (brand(Boolean.prototype.valueOf, v)) out = Object(Boolean.prototype.valueOf.call(v));
		else if (brand(Number.prototype.valueOf, v)) out = Object(Number.prototype.valueOf.call(v));
		else if (brand(String.prototype.valueOf, v)) out = Object(String.prototype.valueOf.call(v));
		else if (brand(BigInt.prototype.valueOf, v)) out = Object(BigInt.prototype.valueOf.call(v));
		else if (brand(Symbol.prototype.valueOf, v)) throw fail2(`${describe(v)} could not be cloned.`);
		else if (brand(Date.prototype.getTime, v)) out = new Date(Date.prototype.getTime.call(v));
		else if (v !== RegExp.prototype && brand(regexpSource, v)) out = new RegExp(regexpSource.call(v), v.flags);
		else if (brand(abByteLength, v)) {
			if (v.detached) throw fail2("An ArrayBuffer is detached and could not be cloned.");
			out = v.slice(0);
		} else if (ArrayBuffer.isView(v)) {
			const buffer = brand(dvBuffer, v) ? dvBuffer.call(v) : v.buffer;
			if (!(buffer instanceof ArrayBuffer)) throw fail2(`${describe(v)} could not be cloned.`);
			const copy = clone(buffer, memory, fail2);
			const tag = typedArrayTag3.call(v);
			out = tag ? new globalThis[tag](copy, v.byteOffset, v.length) : new DataView(copy, v.byteOffset, v.byteLength);
		} else if (brand(mapSize, v)) {
			out = /* @__PURE__ */ new Map();
			memory.set(v, out);
			const entries = [...Map.prototype.entries.call(v)];
			for (const [k, val] of entries) out.set(clone(k, memory, fail2), clone(val, memory, fail2));
			return out;
		} else if (brand(setSize, v)) {
			out = /* @__PURE__ */ new Set();
			memory.set(v, out);
			const values2 = [...Set.prototype.values.call(v)];
			for (const val of values2) out.add(clone(val, memory, fail2));
			return out;
		} else if (isDOMException(v)) {
			out = new DOMException(v.message, v.name);
			const stack = Object.getOwnPropertyDescriptor(v, "stack");
			if (stack && typeof stack.value === "string") Object.defineProperty(out, "stack", { value: stack.value, writable: true, configurable: true });
		} else if (isBlob(v)) {
			out = v instanceof File2 ? new File2([blobBytes(v)], v.name, { type: v.type, lastModified: v.lastModified }) : makeBlob(blobBytes(v), v.type);
		} else if (isError2(v)) {
			return cloneError(v, memory, fail2);
		} else if (isUncloneableObject(v)) {
			throw fail2(`${describe(v)} could not be cloned.`);
		} else if (Array.isArray(v)) {
			out = new Array(v.length);
			memory.set(v, out);
			for (const key of Object.keys(v)) out[key] = clone(v[key], memory, fail2);
			return out;
		} else {
			out = {};
			memory.set(v, out);
			for (const key of Object.keys(v)) {
				const value = v[key];
				Object.defineProperty(out, key, { value: clone(value, memory, fail2), writable: true, enumerable: true, configurable: true });
			}
			return out;
		}
		memory.set(v, out);
		return out;
	}
	function cloneValue(value, transfer = [], where = "Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope'") {
		const fail2 = (msg) => new DOMException(`${where}: ${msg}`, "DataCloneError");
		const memory = /* @__PURE__ */ new Map();
		const transferred = [];
		for (const [i, t] of [...transfer].entries()) {
			if (!brand(abByteLength, t)) throw fail2(`Value at index ${i} does not have a transferable type.`);
			if (transferred.includes(t)) throw fail2(`ArrayBuffer at index ${i} is a duplicate of an earlier ArrayBuffer.`);
			if (t.detached) throw fail2(`ArrayBuffer at index ${i} is already detached.`);
			transferred.push(t);
		}
		const out = clone(value, memory, fail2);
		for (const t of transferred) if (typeof t.transfer === "function") t.transfer();
		return out;
	}
	function structuredClone(value, options2 = void 0) {
		if (arguments.length < 1) throw new TypeError("Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': 1 argument required, but only 0 present.");
		const transfer = isObject(options2) && options2.transfer !== void 0 ? options2.transfer : [];
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

	// src/byte-writer.js
	var ByteWriter = class {
		constructor(initial = 32) {
			this.buf = new Uint8Array(initial);
			this.len = 0;
		}
		/** Room for `n` more bytes. */
		ensure(n) {
			if (this.len + n <= this.buf.length) return;
			let size2 = this.buf.length * 2;
			while (size2 < this.len + n) size2 *= 2;
			const next = new Uint8Array(size2);
			next.set(this.buf.subarray(0, this.len));
			this.buf = next;
		}
		byte(b) {
			this.ensure(1);
			this.buf[this.len++] = b;
		}
		bytes(arr) {
			this.ensure(arr.length);
			this.buf.set(arr, this.len);
			this.len += arr.length;
		}
		/** A copy of what was written. */
		result() {
			return this.buf.slice(0, this.len);
		}
	};

	// src/serialize.js
	var T = {
		UNDEFINED: 0,
		NULL: 1,
		TRUE: 2,
		FALSE: 3,
		NUMBER: 4,
		INT: 5,
		BIGINT: 6,
		STR8: 7,
		STR16: 8,
		REF: 9,
		BOOLEAN_OBJ: 10,
		NUMBER_OBJ: 11,
		STRING_OBJ: 12,
		BIGINT_OBJ: 13,
		DATE: 14,
		REGEXP: 15,
		ARRAY_BUFFER: 16,
		VIEW: 17,
		MAP: 18,
		SET: 19,
		ARRAY: 20,
		SPARSE_ARRAY: 21,
		OBJECT: 22,
		ERROR: 23,
		DOM_EXCEPTION: 24,
		BLOB: 25,
		FILE: 26
	};
	var VERSION = 1;
	var viewKinds = [
		"Int8Array",
		"Uint8Array",
		"Uint8ClampedArray",
		"Int16Array",
		"Uint16Array",
		"Int32Array",
		"Uint32Array",
		"Float32Array",
		"Float64Array",
		"BigInt64Array",
		"BigUint64Array",
		"DataView",
		"Float16Array"
	];
	var scratch = new DataView(new ArrayBuffer(8));
	var Writer = class extends ByteWriter {
		constructor() {
			super(256);
			this.refs = /* @__PURE__ */ new Map();
		}
		varint(n) {
			this.ensure(10);
			while (n >= 128) {
				this.buf[this.len++] = n % 128 | 128;
				n = Math.floor(n / 128);
			}
			this.buf[this.len++] = n;
		}
		f64(n) {
			scratch.setFloat64(0, n, true);
			this.ensure(8);
			for (let i = 0; i < 8; i++) this.buf[this.len++] = scratch.getUint8(i);
		}
		raw(bytes) {
			this.varint(bytes.length);
			this.bytes(bytes);
		}
		str(s) {
			const n = s.length;
			let wide = false;
			for (let i = 0; i < n; i++) {
				if (s.charCodeAt(i) > 255) {
					wide = true;
					break;
				}
			}
			this.byte(wide ? T.STR16 : T.STR8);
			this.varint(n);
			this.ensure(wide ? n * 2 : n);
			const buf = this.buf;
			let len = this.len;
			if (wide) {
				for (let i = 0; i < n; i++) {
					const c = s.charCodeAt(i);
					buf[len++] = c & 255;
					buf[len++] = c >> 8;
				}
			} else {
				for (let i = 0; i < n; i++) buf[len++] = s.charCodeAt(i);
			}
			this.len = len;
		}
	};
	function fail(v) {
		return new DOMException(`${cloneName(v)} could not be cloned.`, "DataCloneError");
	}
	function ownData(v, key) {
		const d = Object.getOwnPropertyDescriptor(v, key);
		return d && "value" in d ? d : void 0;
	}
	function write(w, v) {
		switch (typeof v) {
			case "undefined":
				w.byte(T.UNDEFINED);
				return;
			case "boolean":
				w.byte(v ? T.TRUE : T.FALSE);
				return;
			case "number":
				if (Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER && !Object.is(v, -0)) {
					w.byte(T.INT);
					w.varint(v);
				} else {
					w.byte(T.NUMBER);
					w.f64(v);
				}
				return;
			case "string":
				w.str(v);
				return;
			case "bigint":
				w.byte(T.BIGINT);
				w.str(v.toString());
				return;
			case "symbol":
			case "function":
				throw fail(v);
			default:
				break;
		}
		if (v === null) {
			w.byte(T.NULL);
			return;
		}
		const ref = w.refs.get(v);
		if (ref !== void 0) {
			w.byte(T.REF);
			w.varint(ref);
			return;
		}
		w.refs.set(v, w.refs.size);
		if (Array.isArray(v)) {
			const keys2 = Object.keys(v);
			const n = v.length;
			if (keys2.length === n && (n === 0 || keys2[n - 1] === String(n - 1))) {
				w.byte(T.ARRAY);
				w.varint(n);
				for (let i = 0; i < n; i++) write(w, v[i]);
			} else {
				w.byte(T.SPARSE_ARRAY);
				w.varint(n);
				w.varint(keys2.length);
				for (const k of keys2) {
					w.str(k);
					write(w, v[k]);
				}
			}
			return;
		}
		if (brand(Date.prototype.getTime, v)) {
			w.byte(T.DATE);
			w.f64(Date.prototype.getTime.call(v));
			return;
		}
		if (brand(abByteLength, v)) {
			if (v.detached) throw new DOMException("An ArrayBuffer is detached and could not be cloned.", "DataCloneError");
			w.byte(T.ARRAY_BUFFER);
			w.raw(new Uint8Array(v));
			return;
		}
		if (ArrayBuffer.isView(v)) {
			const isDataView = brand(dvBuffer, v);
			const buffer = isDataView ? dvBuffer.call(v) : v.buffer;
			if (!brand(abByteLength, buffer)) throw fail(v);
			const kind = viewKinds.indexOf(isDataView ? "DataView" : typedArrayTag3.call(v));
			if (kind < 0) throw fail(v);
			w.byte(T.VIEW);
			w.byte(kind);
			write(w, buffer);
			w.varint(v.byteOffset);
			w.varint(isDataView ? v.byteLength : v.length);
			return;
		}
		if (brand(mapSize, v)) {
			const entries = [...Map.prototype.entries.call(v)];
			w.byte(T.MAP);
			w.varint(entries.length);
			for (const [k, val] of entries) {
				write(w, k);
				write(w, val);
			}
			return;
		}
		if (brand(setSize, v)) {
			const values2 = [...Set.prototype.values.call(v)];
			w.byte(T.SET);
			w.varint(values2.length);
			for (const val of values2) write(w, val);
			return;
		}
		if (brand(Boolean.prototype.valueOf, v)) {
			w.byte(T.BOOLEAN_OBJ);
			w.byte(Boolean.prototype.valueOf.call(v) ? 1 : 0);
			return;
		}
		if (brand(Number.prototype.valueOf, v)) {
			w.byte(T.NUMBER_OBJ);
			w.f64(Number.prototype.valueOf.call(v));
			return;
		}
		if (brand(String.prototype.valueOf, v)) {
			w.byte(T.STRING_OBJ);
			w.str(String.prototype.valueOf.call(v));
			return;
		}
		if (brand(BigInt.prototype.valueOf, v)) {
			w.byte(T.BIGINT_OBJ);
			w.str(BigInt.prototype.valueOf.call(v).toString());
			return;
		}
		if (v !== RegExp.prototype && brand(regexpSource, v)) {
			w.byte(T.REGEXP);
			w.str(regexpSource.call(v));
			w.str(v.flags);
			return;
		}
		if (isDOMException(v)) {
			w.byte(T.DOM_EXCEPTION);
			w.str(v.name);
			w.str(v.message);
			const stack = ownData(v, "stack");
			write(w, stack && typeof stack.value === "string" ? stack.value : void 0);
			return;
		}
		if (isBlob(v)) {
			if (v instanceof File2) {
				w.byte(T.FILE);
				w.str(v.name);
				w.f64(v.lastModified);
			} else {
				w.byte(T.BLOB);
			}
			w.str(v.type);
			w.raw(blobBytes(v));
			return;
		}
		if (isError2(v)) {
			let name = "Error";
			try {
				name = String(v.name);
			} catch {
			}
			w.byte(T.ERROR);
			w.str(Object.hasOwn(errorCtors, name) ? name : "Error");
			const message = ownData(v, "message");
			write(w, message ? String(message.value) : void 0);
			const stack = ownData(v, "stack");
			write(w, stack && typeof stack.value === "string" ? stack.value : void 0);
			const cause = ownData(v, "cause");
			w.byte(cause ? 1 : 0);
			if (cause) write(w, cause.value);
			return;
		}
		if (isUncloneableObject(v)) {
			throw fail(v);
		}
		const keys = Object.keys(v);
		w.byte(T.OBJECT);
		w.varint(keys.length);
		for (const k of keys) {
			w.str(k);
			write(w, v[k]);
		}
	}
	function serialize(value) {
		const w = new Writer();
		w.byte(VERSION);
		write(w, value);
		return w.result();
	}
	var Reader = class {
		constructor(bytes) {
			this.b = bytes;
			this.pos = 0;
			this.refs = [];
		}
		byte() {
			if (this.pos >= this.b.length) throw corrupt();
			return this.b[this.pos++];
		}
		varint() {
			let n = 0;
			let mul = 1;
			for (; ; ) {
				const b = this.byte();
				n += (b & 127) * mul;
				if (b < 128) return n;
				mul *= 128;
			}
		}
		f64() {
			if (this.pos + 8 > this.b.length) throw corrupt();
			for (let i = 0; i < 8; i++) scratch.setUint8(i, this.b[this.pos++]);
			return scratch.getFloat64(0, true);
		}
		raw() {
			const n = this.varint();
			if (this.pos + n > this.b.length) throw corrupt();
			const out = this.b.slice(this.pos, this.pos + n);
			this.pos += n;
			return out;
		}
		str() {
			const tag = this.byte();
			if (tag !== T.STR8 && tag !== T.STR16) throw corrupt();
			return this.strBody(tag);
		}
		strBody(tag) {
			const n = this.varint();
			const wide = tag === T.STR16;
			const end = this.pos + (wide ? n * 2 : n);
			if (end > this.b.length) throw corrupt();
			const b = this.b;
			let out = "";
			const chunk = [];
			for (let p = this.pos; p < end; p += wide ? 2 : 1) {
				chunk.push(wide ? b[p] | b[p + 1] << 8 : b[p]);
				if (chunk.length === 4096) {
					out += String.fromCharCode.apply(null, chunk);
					chunk.length = 0;
				}
			}
			this.pos = end;
			return out + String.fromCharCode.apply(null, chunk);
		}
	};
	function corrupt() {
		return new DOMException("Stored value is corrupt", "UnknownError");
	}
	function setProp(obj, key, value) {
		if (key === "__proto__") Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
		else obj[key] = value;
	}
	function read(r) {
		const tag = r.byte();
		switch (tag) {
			case T.UNDEFINED:
				return void 0;
			case T.NULL:
				return null;
			case T.TRUE:
				return true;
			case T.FALSE:
				return false;
			case T.INT:
				return r.varint();
			case T.NUMBER:
				return r.f64();
			case T.BIGINT:
				return BigInt(r.str());
			case T.STR8:
			case T.STR16:
				return r.strBody(tag);
			case T.REF: {
				const i = r.varint();
				if (i >= r.refs.length) throw corrupt();
				return r.refs[i];
			}
			default:
				break;
		}
		const slot = r.refs.length;
		r.refs.push(void 0);
		const keep = (v) => {
			r.refs[slot] = v;
			return v;
		};
		switch (tag) {
			case T.ARRAY: {
				const n = r.varint();
				const out = keep(new Array(n));
				for (let i = 0; i < n; i++) out[i] = read(r);
				return out;
			}
			case T.SPARSE_ARRAY: {
				const out = keep(new Array(r.varint()));
				const count = r.varint();
				for (let i = 0; i < count; i++) {
					const k = r.str();
					setProp(out, k, read(r));
				}
				return out;
			}
			case T.OBJECT: {
				const out = keep({});
				const count = r.varint();
				for (let i = 0; i < count; i++) {
					const k = r.str();
					setProp(out, k, read(r));
				}
				return out;
			}
			case T.DATE:
				return keep(new Date(r.f64()));
			case T.ARRAY_BUFFER:
				return keep(r.raw().buffer);
			case T.VIEW: {
				const kind = viewKinds[r.byte()];
				const buffer = read(r);
				const offset = r.varint();
				const length = r.varint();
				const Ctor = globalThis[kind];
				if (typeof Ctor !== "function" || !(buffer instanceof ArrayBuffer)) throw corrupt();
				return keep(new Ctor(buffer, offset, length));
			}
			case T.MAP: {
				const out = keep(/* @__PURE__ */ new Map());
				const n = r.varint();
				for (let i = 0; i < n; i++) {
					const k = read(r);
					out.set(k, read(r));
				}
				return out;
			}
			case T.SET: {
				const out = keep(/* @__PURE__ */ new Set());
				const n = r.varint();
				for (let i = 0; i < n; i++) out.add(read(r));
				return out;
			}
			case T.BOOLEAN_OBJ:
				return keep(Object(r.byte() === 1));
			case T.NUMBER_OBJ:
				return keep(Object(r.f64()));
			case T.STRING_OBJ:
				return keep(Object(r.str()));
			case T.BIGINT_OBJ:
				return keep(Object(BigInt(r.str())));
			case T.REGEXP: {
				const source = r.str();
				return keep(new RegExp(source, r.str()));
			}
			case T.DOM_EXCEPTION: {
				const name = r.str();
				const out = keep(new DOMException(r.str(), name));
				const stack = read(r);
				if (typeof stack === "string") Object.defineProperty(out, "stack", { value: stack, writable: true, configurable: true });
				return out;
			}
			case T.BLOB: {
				const type = r.str();
				return keep(makeBlob(r.raw(), type));
			}
			case T.FILE: {
				const name = r.str();
				const lastModified = r.f64();
				const type = r.str();
				return keep(new File2([r.raw()], name, { type, lastModified }));
			}
			case T.ERROR: {
				const Ctor = errorCtors[r.str()] ?? Error;
				const message = read(r);
				const out = keep(message === void 0 ? new Ctor() : new Ctor(message));
				const stack = read(r);
				if (typeof stack === "string") Object.defineProperty(out, "stack", { value: stack, writable: true, configurable: true });
				else delete out.stack;
				if (r.byte() === 1) Object.defineProperty(out, "cause", { value: read(r), writable: true, configurable: true });
				return out;
			}
			default:
				throw corrupt();
		}
	}
	function deserialize(bytes) {
		const r = new Reader(bytes);
		if (r.byte() !== VERSION) throw corrupt();
		const v = read(r);
		if (r.pos !== bytes.length) throw corrupt();
		return v;
	}

	// src/message-wire.js
	function encodeMessage(value) {
		return encodeBase64(serialize(value));
	}
	function decodeMessage(text) {
		const bytes = typeof text === "string" ? decodeBase64(text) : null;
		if (bytes === null) throw new DOMException("The message could not be deserialized.", "DataCloneError");
		return deserialize(bytes);
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
		postMessage(message, options2 = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'postMessage' on 'Client'");
			const transfer = Array.isArray(options2) ? options2 : isObject(options2) && options2.transfer || [];
			const data = cloneValue(message, transfer, "Failed to execute 'postMessage' on 'Client'");
			engineCall("clients.postMessage", [this.#id, encodeMessage(data)]).catch(() => {
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
		matchAll(options2 = void 0) {
			let o;
			try {
				o = toDictionary(options2, "Failed to execute 'matchAll' on 'Clients'");
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
		register(tag, options2 = void 0) {
			return promised(() => {
				requireArgs(arguments.length, 1, "Failed to execute 'register' on 'PeriodicSyncManager'");
				const t = toDOMString(tag);
				const o = toDictionary(options2, "Failed to execute 'register' on 'PeriodicSyncManager'");
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
		postMessage(message, options2 = void 0) {
			requireArgs(arguments.length, 1, "Failed to execute 'postMessage' on 'ServiceWorker'");
			const transfer = Array.isArray(options2) ? options2 : options2 && options2.transfer || [];
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

	// src/idb-globals.js
	function structuredClone2(value) {
		return cloneValue(value, [], "Failed to execute 'put' on 'IDBObjectStore'");
	}

	// node_modules/fake-indexeddb/build/esm/lib/errors.js
	var errors_exports = {};
	__export(errors_exports, {
		AbortError: () => AbortError,
		ConstraintError: () => ConstraintError,
		DataCloneError: () => DataCloneError,
		DataError: () => DataError,
		InvalidAccessError: () => InvalidAccessError,
		InvalidStateError: () => InvalidStateError,
		NotFoundError: () => NotFoundError,
		ReadOnlyError: () => ReadOnlyError,
		SyntaxError: () => SyntaxError2,
		TransactionInactiveError: () => TransactionInactiveError,
		VersionError: () => VersionError
	});
	var messages = { AbortError: "A request was aborted, for example through a call to IDBTransaction.abort.", ConstraintError: "A mutation operation in the transaction failed because a constraint was not satisfied. For example, an object such as an object store or index already exists and a request attempted to create a new one.", DataCloneError: "The data being stored could not be cloned by the internal structured cloning algorithm.", DataError: "Data provided to an operation does not meet requirements.", InvalidAccessError: "An invalid operation was performed on an object. For example transaction creation attempt was made, but an empty scope was provided.", InvalidStateError: "An operation was called on an object on which it is not allowed or at a time when it is not allowed. Also occurs if a request is made on a source object that has been deleted or removed. Use TransactionInactiveError or ReadOnlyError when possible, as they are more specific variations of InvalidStateError.", NotFoundError: "The operation failed because the requested database object could not be found. For example, an object store did not exist but was being opened.", ReadOnlyError: 'The mutating operation was attempted in a "readonly" transaction.', TransactionInactiveError: "A request was placed against a transaction which is currently not active, or which is finished.", SyntaxError: "The keypath argument contains an invalid key path", VersionError: "An attempt was made to open a database using a lower version than the existing version." };
	var setErrorCode = (error, value) => {
		Object.defineProperty(error, "code", { value, writable: false, enumerable: true, configurable: false });
	};
	var AbortError = class extends DOMException {
		constructor(message = messages.AbortError) {
			super(message, "AbortError");
		}
	};
	var ConstraintError = class extends DOMException {
		constructor(message = messages.ConstraintError) {
			super(message, "ConstraintError");
		}
	};
	var DataCloneError = class extends DOMException {
		constructor(message = messages.DataCloneError) {
			super(message, "DataCloneError");
		}
	};
	var DataError = class extends DOMException {
		constructor(message = messages.DataError) {
			super(message, "DataError"), setErrorCode(this, 0);
		}
	};
	var InvalidAccessError = class extends DOMException {
		constructor(message = messages.InvalidAccessError) {
			super(message, "InvalidAccessError");
		}
	};
	var InvalidStateError = class extends DOMException {
		constructor(message = messages.InvalidStateError) {
			super(message, "InvalidStateError"), setErrorCode(this, 11);
		}
	};
	var NotFoundError = class extends DOMException {
		constructor(message = messages.NotFoundError) {
			super(message, "NotFoundError");
		}
	};
	var ReadOnlyError = class extends DOMException {
		constructor(message = messages.ReadOnlyError) {
			super(message, "ReadOnlyError");
		}
	};
	var SyntaxError2 = class extends DOMException {
		constructor(message = messages.VersionError) {
			super(message, "SyntaxError"), setErrorCode(this, 12);
		}
	};
	var TransactionInactiveError = class extends DOMException {
		constructor(message = messages.TransactionInactiveError) {
			super(message, "TransactionInactiveError"), setErrorCode(this, 0);
		}
	};
	var VersionError = class extends DOMException {
		constructor(message = messages.VersionError) {
			super(message, "VersionError");
		}
	};

	// node_modules/fake-indexeddb/build/esm/lib/isSharedArrayBuffer.js
	function isSharedArrayBuffer2(input) {
		return typeof SharedArrayBuffer < "u" && input instanceof SharedArrayBuffer;
	}

	// node_modules/fake-indexeddb/build/esm/lib/valueToKeyWithoutThrowing.js
	var INVALID_TYPE = /* @__PURE__ */ Symbol("INVALID_TYPE");
	var INVALID_VALUE = /* @__PURE__ */ Symbol("INVALID_VALUE");
	var valueToKeyWithoutThrowing = (input, seen) => {
		if (typeof input == "number") return isNaN(input) ? INVALID_VALUE : input;
		if (Object.prototype.toString.call(input) === "[object Date]") {
			const ms = input.valueOf();
			return isNaN(ms) ? INVALID_VALUE : new Date(ms);
		} else {
			if (typeof input == "string") return input;
			if (input instanceof ArrayBuffer || isSharedArrayBuffer2(input) || typeof ArrayBuffer < "u" && ArrayBuffer.isView && ArrayBuffer.isView(input)) {
				if ("detached" in input ? input.detached : input.byteLength === 0) return INVALID_VALUE;
				let arrayBuffer, offset = 0, length = 0;
				return input instanceof ArrayBuffer || isSharedArrayBuffer2(input) ? (arrayBuffer = input, length = input.byteLength) : (arrayBuffer = input.buffer, offset = input.byteOffset, length = input.byteLength), arrayBuffer.slice(offset, offset + length);
			} else if (Array.isArray(input)) {
				if (seen === void 0) seen = /* @__PURE__ */ new Set();
				else if (seen.has(input)) return INVALID_VALUE;
				seen.add(input);
				let hasInvalid = false;
				const keys = Array.from({ length: input.length }, (_, i) => {
					if (hasInvalid) return;
					if (!Object.hasOwn(input, i)) {
						hasInvalid = true;
						return;
					}
					const entry = input[i], key = valueToKeyWithoutThrowing(entry, seen);
					if (key === INVALID_VALUE || key === INVALID_TYPE) {
						hasInvalid = true;
						return;
					}
					return key;
				});
				return hasInvalid ? INVALID_VALUE : keys;
			} else return INVALID_TYPE;
		}
	};
	var stdin_default = valueToKeyWithoutThrowing;

	// node_modules/fake-indexeddb/build/esm/lib/valueToKey.js
	var valueToKey = (input, seen) => {
		const result = stdin_default(input, seen);
		if (result === INVALID_VALUE || result === INVALID_TYPE) throw new DataError();
		return result;
	};
	var stdin_default2 = valueToKey;

	// node_modules/fake-indexeddb/build/esm/lib/cmp.js
	var getType = (x) => {
		if (typeof x == "number") return "Number";
		if (Object.prototype.toString.call(x) === "[object Date]") return "Date";
		if (Array.isArray(x)) return "Array";
		if (typeof x == "string") return "String";
		if (x instanceof ArrayBuffer) return "Binary";
		throw new DataError();
	};
	var cmpKeys = (first2, second) => {
		const t1 = getType(first2), t2 = getType(second);
		if (t1 !== t2) return t1 === "Array" || t1 === "Binary" && (t2 === "String" || t2 === "Date" || t2 === "Number") || t1 === "String" && (t2 === "Date" || t2 === "Number") || t1 === "Date" && t2 === "Number" ? 1 : -1;
		if (t1 === "Binary") {
			const firstBytes = new Uint8Array(first2), secondBytes = new Uint8Array(second), firstLen = firstBytes.length, secondLen = secondBytes.length, length = Math.min(firstLen, secondLen);
			for (let i = 0; i < length; i++) {
				if (firstBytes[i] > secondBytes[i]) return 1;
				if (firstBytes[i] < secondBytes[i]) return -1;
			}
			return firstLen > secondLen ? 1 : firstLen < secondLen ? -1 : 0;
		}
		if (t1 === "Array") {
			const length = Math.min(first2.length, second.length);
			for (let i = 0; i < length; i++) {
				const result = cmpKeys(first2[i], second[i]);
				if (result !== 0) return result;
			}
			return first2.length > second.length ? 1 : first2.length < second.length ? -1 : 0;
		}
		if (t1 === "Date") {
			if (first2.getTime() === second.getTime()) return 0;
		} else if (first2 === second) return 0;
		return first2 > second ? 1 : -1;
	};
	var cmp = (first2, second) => {
		if (second === void 0) throw new TypeError();
		return cmpKeys(stdin_default2(first2), stdin_default2(second));
	};
	var stdin_default3 = cmp;

	// node_modules/fake-indexeddb/build/esm/FDBKeyRange.js
	var FDBKeyRange = class _FDBKeyRange {
		static only(value) {
			if (arguments.length === 0) throw new TypeError();
			return value = stdin_default2(value), new _FDBKeyRange(value, value, false, false);
		}
		static lowerBound(lower, open2 = false) {
			if (arguments.length === 0) throw new TypeError();
			return lower = stdin_default2(lower), new _FDBKeyRange(lower, void 0, open2, true);
		}
		static upperBound(upper, open2 = false) {
			if (arguments.length === 0) throw new TypeError();
			return upper = stdin_default2(upper), new _FDBKeyRange(void 0, upper, true, open2);
		}
		static bound(lower, upper, lowerOpen = false, upperOpen = false) {
			if (arguments.length < 2) throw new TypeError();
			lower = stdin_default2(lower), upper = stdin_default2(upper);
			const cmpResult = cmpKeys(lower, upper);
			if (cmpResult === 1 || cmpResult === 0 && (lowerOpen || upperOpen)) throw new DataError();
			return new _FDBKeyRange(lower, upper, lowerOpen, upperOpen);
		}
		constructor(lower, upper, lowerOpen, upperOpen) {
			this.lower = lower, this.upper = upper, this.lowerOpen = lowerOpen, this.upperOpen = upperOpen;
		}
		includes(key) {
			if (arguments.length === 0) throw new TypeError();
			if (key = stdin_default2(key), this.lower !== void 0) {
				const cmpResult = cmpKeys(this.lower, key);
				if (cmpResult === 1 || cmpResult === 0 && this.lowerOpen) return false;
			}
			if (this.upper !== void 0) {
				const cmpResult = cmpKeys(this.upper, key);
				if (cmpResult === -1 || cmpResult === 0 && this.upperOpen) return false;
			}
			return true;
		}
		get [Symbol.toStringTag]() {
			return "IDBKeyRange";
		}
	};
	var stdin_default4 = FDBKeyRange;

	// node_modules/fake-indexeddb/build/esm/lib/extractKey.js
	var extractKey = (keyPath, value) => {
		if (Array.isArray(keyPath)) {
			const result = [];
			for (let item of keyPath) {
				item != null && typeof item != "string" && item.toString && (item = item.toString());
				const key = extractKey(item, value).key;
				result.push(stdin_default2(key));
			}
			return { type: "found", key: result };
		}
		if (keyPath === "") return { type: "found", key: value };
		let remainingKeyPath = keyPath, object = value;
		for (; remainingKeyPath !== null; ) {
			let identifier2;
			const i = remainingKeyPath.indexOf(".");
			if (i >= 0 ? (identifier2 = remainingKeyPath.slice(0, i), remainingKeyPath = remainingKeyPath.slice(i + 1)) : (identifier2 = remainingKeyPath, remainingKeyPath = null), !(identifier2 === "length" && (typeof object == "string" || Array.isArray(object)) || (identifier2 === "size" || identifier2 === "type") && typeof Blob < "u" && object instanceof Blob || (identifier2 === "name" || identifier2 === "lastModified") && typeof File < "u" && object instanceof File) && (typeof object != "object" || object === null || !Object.hasOwn(object, identifier2))) return { type: "notFound" };
			object = object[identifier2];
		}
		return { type: "found", key: object };
	};
	var stdin_default5 = extractKey;

	// node_modules/fake-indexeddb/build/esm/lib/cloneValueForInsertion.js
	function cloneValueForInsertion(value, transaction) {
		if (transaction._state !== "active") throw new Error("Assert: transaction state is active");
		transaction._state = "inactive";
		try {
			return structuredClone2(value);
		} finally {
			transaction._state = "active";
		}
	}

	// node_modules/fake-indexeddb/build/esm/FDBCursor.js
	var getEffectiveObjectStore = (cursor) => cursor.source instanceof stdin_default6 ? cursor.source : cursor.source.objectStore;
	var makeKeyRange = (range2, lowers, uppers) => {
		let lower = range2 !== void 0 ? range2.lower : void 0, upper = range2 !== void 0 ? range2.upper : void 0;
		for (const lowerTemp of lowers) lowerTemp !== void 0 && (lower === void 0 || cmpKeys(lower, lowerTemp) === 1) && (lower = lowerTemp);
		for (const upperTemp of uppers) upperTemp !== void 0 && (upper === void 0 || cmpKeys(upper, upperTemp) === -1) && (upper = upperTemp);
		if (lower !== void 0 && upper !== void 0) return stdin_default4.bound(lower, upper);
		if (lower !== void 0) return stdin_default4.lowerBound(lower);
		if (upper !== void 0) return stdin_default4.upperBound(upper);
	};
	var FDBCursor = class {
		_gotValue = false;
		_position = void 0;
		_objectStorePosition = void 0;
		_keyOnly = false;
		_key = void 0;
		_primaryKey = void 0;
		constructor(source, range2, direction = "next", request, keyOnly = false) {
			this._range = range2, this._source = source, this._direction = direction, this._request = request, this._keyOnly = keyOnly;
		}
		get source() {
			return this._source;
		}
		set source(val) {
		}
		get request() {
			return this._request;
		}
		set request(val) {
		}
		get direction() {
			return this._direction;
		}
		set direction(val) {
		}
		get key() {
			return this._key;
		}
		set key(val) {
		}
		get primaryKey() {
			return this._primaryKey;
		}
		set primaryKey(val) {
		}
		_iterate(key, primaryKey) {
			const sourceIsObjectStore = this.source instanceof stdin_default6, records = this.source instanceof stdin_default6 ? this.source._rawObjectStore.records : this.source._rawIndex.records;
			let foundRecord;
			if (this.direction === "next") {
				const range2 = makeKeyRange(this._range, [key, this._position], []);
				for (const record of records.values(range2)) {
					const cmpResultKey = key !== void 0 ? cmpKeys(record.key, key) : void 0, cmpResultPosition = this._position !== void 0 ? cmpKeys(record.key, this._position) : void 0;
					if (!(key !== void 0 && cmpResultKey === -1)) {
						if (primaryKey !== void 0) {
							if (cmpResultKey === -1) continue;
							const cmpResultPrimaryKey = cmpKeys(record.value, primaryKey);
							if (cmpResultKey === 0 && cmpResultPrimaryKey === -1) continue;
						}
						if (!(this._position !== void 0 && sourceIsObjectStore && cmpResultPosition !== 1) && !(this._position !== void 0 && !sourceIsObjectStore && (cmpResultPosition === -1 || cmpResultPosition === 0 && cmpKeys(record.value, this._objectStorePosition) !== 1)) && !(this._range !== void 0 && !this._range.includes(record.key))) {
							foundRecord = record;
							break;
						}
					}
				}
			} else if (this.direction === "nextunique") {
				const range2 = makeKeyRange(this._range, [key, this._position], []);
				for (const record of records.values(range2)) if (!(key !== void 0 && cmpKeys(record.key, key) === -1) && !(this._position !== void 0 && cmpKeys(record.key, this._position) !== 1) && !(this._range !== void 0 && !this._range.includes(record.key))) {
					foundRecord = record;
					break;
				}
			} else if (this.direction === "prev") {
				const range2 = makeKeyRange(this._range, [], [key, this._position]);
				for (const record of records.values(range2, "prev")) {
					const cmpResultKey = key !== void 0 ? cmpKeys(record.key, key) : void 0, cmpResultPosition = this._position !== void 0 ? cmpKeys(record.key, this._position) : void 0;
					if (!(key !== void 0 && cmpResultKey === 1)) {
						if (primaryKey !== void 0) {
							if (cmpResultKey === 1) continue;
							const cmpResultPrimaryKey = cmpKeys(record.value, primaryKey);
							if (cmpResultKey === 0 && cmpResultPrimaryKey === 1) continue;
						}
						if (!(this._position !== void 0 && sourceIsObjectStore && cmpResultPosition !== -1) && !(this._position !== void 0 && !sourceIsObjectStore && (cmpResultPosition === 1 || cmpResultPosition === 0 && cmpKeys(record.value, this._objectStorePosition) !== -1)) && !(this._range !== void 0 && !this._range.includes(record.key))) {
							foundRecord = record;
							break;
						}
					}
				}
			} else if (this.direction === "prevunique") {
				let tempRecord;
				const range2 = makeKeyRange(this._range, [], [key, this._position]);
				for (const record of records.values(range2, "prev")) if (!(key !== void 0 && cmpKeys(record.key, key) === 1) && !(this._position !== void 0 && cmpKeys(record.key, this._position) !== -1) && !(this._range !== void 0 && !this._range.includes(record.key))) {
					tempRecord = record;
					break;
				}
				tempRecord && (foundRecord = records.get(tempRecord.key));
			}
			let result;
			if (!foundRecord) this._key = void 0, sourceIsObjectStore || (this._objectStorePosition = void 0), !this._keyOnly && this.toString() === "[object IDBCursorWithValue]" && (this.value = void 0), result = null;
			else {
				if (this._position = foundRecord.key, sourceIsObjectStore || (this._objectStorePosition = foundRecord.value), this._key = foundRecord.key, sourceIsObjectStore) this._primaryKey = structuredClone2(foundRecord.key), !this._keyOnly && this.toString() === "[object IDBCursorWithValue]" && (this.value = structuredClone2(foundRecord.value));
				else if (this._primaryKey = structuredClone2(foundRecord.value), !this._keyOnly && this.toString() === "[object IDBCursorWithValue]") {
					if (this.source instanceof stdin_default6) throw new Error("This should never happen");
					const value = this.source.objectStore._rawObjectStore.getValue(foundRecord.value);
					this.value = structuredClone2(value);
				}
				this._gotValue = true, result = this;
			}
			return result;
		}
		update(value) {
			if (value === void 0) throw new TypeError();
			const effectiveObjectStore = getEffectiveObjectStore(this), effectiveKey = Object.hasOwn(this.source, "_rawIndex") ? this.primaryKey : this._position, transaction = effectiveObjectStore.transaction;
			if (transaction._state !== "active") throw new TransactionInactiveError();
			if (transaction.mode === "readonly") throw new ReadOnlyError();
			if (effectiveObjectStore._rawObjectStore.deleted) throw new InvalidStateError();
			if (!(this.source instanceof stdin_default6) && this.source._rawIndex.deleted) throw new InvalidStateError();
			if (!this._gotValue || !Object.hasOwn(this, "value")) throw new InvalidStateError();
			const clone2 = cloneValueForInsertion(value, transaction);
			if (effectiveObjectStore.keyPath !== null) {
				let tempKey;
				try {
					tempKey = stdin_default5(effectiveObjectStore.keyPath, clone2).key;
				} catch {
				}
				if (stdin_default3(tempKey, effectiveKey) !== 0) throw new DataError();
			}
			const record = { key: effectiveKey, value: clone2 };
			return transaction._execRequestAsync({ operation: effectiveObjectStore._rawObjectStore.storeRecord.bind(effectiveObjectStore._rawObjectStore, record, false, transaction._rollbackLog), source: this });
		}
		advance(count) {
			if (!Number.isInteger(count) || count <= 0) throw new TypeError();
			const effectiveObjectStore = getEffectiveObjectStore(this), transaction = effectiveObjectStore.transaction;
			if (transaction._state !== "active") throw new TransactionInactiveError();
			if (effectiveObjectStore._rawObjectStore.deleted) throw new InvalidStateError();
			if (!(this.source instanceof stdin_default6) && this.source._rawIndex.deleted) throw new InvalidStateError();
			if (!this._gotValue) throw new InvalidStateError();
			this._request && (this._request.readyState = "pending"), transaction._execRequestAsync({ operation: () => {
				let result;
				for (let i = 0; i < count && (result = this._iterate(), !!result); i++) ;
				return result;
			}, request: this._request, source: this.source }), this._gotValue = false;
		}
		continue(key) {
			const effectiveObjectStore = getEffectiveObjectStore(this), transaction = effectiveObjectStore.transaction;
			if (transaction._state !== "active") throw new TransactionInactiveError();
			if (effectiveObjectStore._rawObjectStore.deleted) throw new InvalidStateError();
			if (!(this.source instanceof stdin_default6) && this.source._rawIndex.deleted) throw new InvalidStateError();
			if (!this._gotValue) throw new InvalidStateError();
			if (key !== void 0) {
				key = stdin_default2(key);
				const cmpResult = cmpKeys(key, this._position);
				if (cmpResult <= 0 && (this.direction === "next" || this.direction === "nextunique") || cmpResult >= 0 && (this.direction === "prev" || this.direction === "prevunique")) throw new DataError();
			}
			this._request && (this._request.readyState = "pending"), transaction._execRequestAsync({ operation: this._iterate.bind(this, key), request: this._request, source: this.source }), this._gotValue = false;
		}
		continuePrimaryKey(key, primaryKey) {
			const effectiveObjectStore = getEffectiveObjectStore(this), transaction = effectiveObjectStore.transaction;
			if (transaction._state !== "active") throw new TransactionInactiveError();
			if (effectiveObjectStore._rawObjectStore.deleted) throw new InvalidStateError();
			if (!(this.source instanceof stdin_default6) && this.source._rawIndex.deleted) throw new InvalidStateError();
			if (this.source instanceof stdin_default6 || this.direction !== "next" && this.direction !== "prev") throw new InvalidAccessError();
			if (!this._gotValue) throw new InvalidStateError();
			if (key === void 0 || primaryKey === void 0) throw new DataError();
			key = stdin_default2(key);
			const cmpResult = cmpKeys(key, this._position);
			if (cmpResult === -1 && this.direction === "next" || cmpResult === 1 && this.direction === "prev") throw new DataError();
			primaryKey = stdin_default2(primaryKey);
			const cmpResult2 = cmpKeys(primaryKey, this._objectStorePosition);
			if (cmpResult === 0 && (cmpResult2 <= 0 && this.direction === "next" || cmpResult2 >= 0 && this.direction === "prev")) throw new DataError();
			this._request && (this._request.readyState = "pending"), transaction._execRequestAsync({ operation: this._iterate.bind(this, key, primaryKey), request: this._request, source: this.source }), this._gotValue = false;
		}
		delete() {
			const effectiveObjectStore = getEffectiveObjectStore(this), effectiveKey = Object.hasOwn(this.source, "_rawIndex") ? this.primaryKey : this._position, transaction = effectiveObjectStore.transaction;
			if (transaction._state !== "active") throw new TransactionInactiveError();
			if (transaction.mode === "readonly") throw new ReadOnlyError();
			if (effectiveObjectStore._rawObjectStore.deleted) throw new InvalidStateError();
			if (!(this.source instanceof stdin_default6) && this.source._rawIndex.deleted) throw new InvalidStateError();
			if (!this._gotValue || !Object.hasOwn(this, "value")) throw new InvalidStateError();
			return transaction._execRequestAsync({ operation: effectiveObjectStore._rawObjectStore.deleteRecord.bind(effectiveObjectStore._rawObjectStore, effectiveKey, transaction._rollbackLog), source: this });
		}
		get [Symbol.toStringTag]() {
			return "IDBCursor";
		}
	};
	var stdin_default7 = FDBCursor;

	// node_modules/fake-indexeddb/build/esm/FDBCursorWithValue.js
	var FDBCursorWithValue = class extends stdin_default7 {
		value = void 0;
		constructor(source, range2, direction, request) {
			super(source, range2, direction, request);
		}
		get [Symbol.toStringTag]() {
			return "IDBCursorWithValue";
		}
	};
	var stdin_default8 = FDBCursorWithValue;

	// node_modules/fake-indexeddb/build/esm/lib/FakeEventTarget.js
	var stopped = (event, listener) => event.immediatePropagationStopped || event.eventPhase === event.CAPTURING_PHASE && listener.capture === false || event.eventPhase === event.BUBBLING_PHASE && listener.capture === true;
	var invokeEventListeners = (event, obj) => {
		event.currentTarget = obj;
		const errors = [], invoke = (callbackOrObject) => {
			try {
				(typeof callbackOrObject == "function" ? callbackOrObject : callbackOrObject.handleEvent).call(event.currentTarget, event);
			} catch (err) {
				errors.push(err);
			}
		};
		for (const listener of obj.listeners.slice()) event.type !== listener.type || stopped(event, listener) || invoke(listener.callback);
		const prop = { abort: "onabort", blocked: "onblocked", close: "onclose", complete: "oncomplete", error: "onerror", success: "onsuccess", upgradeneeded: "onupgradeneeded", versionchange: "onversionchange" }[event.type];
		if (prop === void 0) throw new Error(`Unknown event type: "${event.type}"`);
		const callback = event.currentTarget[prop];
		if (callback) {
			const listener = { callback, capture: false, type: event.type };
			stopped(event, listener) || invoke(listener.callback);
		}
		if (errors.length) throw new AggregateError(errors);
	};
	var FakeEventTarget = class {
		listeners = [];
		addEventListener(type, callback, options2) {
			const capture = !!(typeof options2 == "object" && options2 ? options2.capture : options2);
			this.listeners.push({ callback, capture, type });
		}
		removeEventListener(type, callback, options2) {
			const capture = !!(typeof options2 == "object" && options2 ? options2.capture : options2), i = this.listeners.findIndex((listener) => listener.type === type && listener.callback === callback && listener.capture === capture);
			this.listeners.splice(i, 1);
		}
		dispatchEvent(event) {
			if (event.dispatched || !event.initialized) throw new InvalidStateError("The object is in an invalid state.");
			event.isTrusted = false, event.dispatched = true, event.target = this, event.eventPhase = event.CAPTURING_PHASE;
			for (const obj of event.eventPath) event.propagationStopped || invokeEventListeners(event, obj);
			if (event.eventPhase = event.AT_TARGET, event.propagationStopped || invokeEventListeners(event, event.target), event.bubbles) {
				event.eventPath.reverse(), event.eventPhase = event.BUBBLING_PHASE;
				for (const obj of event.eventPath) event.propagationStopped || invokeEventListeners(event, obj);
			}
			return event.dispatched = false, event.eventPhase = event.NONE, event.currentTarget = null, !event.canceled;
		}
	};
	var stdin_default9 = FakeEventTarget;

	// node_modules/fake-indexeddb/build/esm/FDBRequest.js
	var FDBRequest = class extends stdin_default9 {
		_result = null;
		_error = null;
		source = null;
		transaction = null;
		readyState = "pending";
		onsuccess = null;
		onerror = null;
		get error() {
			if (this.readyState === "pending") throw new InvalidStateError();
			return this._error;
		}
		set error(value) {
			this._error = value;
		}
		get result() {
			if (this.readyState === "pending") throw new InvalidStateError();
			return this._result;
		}
		set result(value) {
			this._result = value;
		}
		get [Symbol.toStringTag]() {
			return "IDBRequest";
		}
	};
	var stdin_default10 = FDBRequest;

	// node_modules/fake-indexeddb/build/esm/lib/FakeDOMStringList.js
	var FakeDOMStringList = class {
		constructor(...values2) {
			this._values = values2;
			for (let i = 0; i < values2.length; i++) this[i] = values2[i];
		}
		contains(value) {
			return this._values.includes(value);
		}
		item(i) {
			return i < 0 || i >= this._values.length ? null : this._values[i];
		}
		get length() {
			return this._values.length;
		}
		[Symbol.iterator]() {
			return this._values[Symbol.iterator]();
		}
		_push(...values2) {
			for (let i = 0; i < values2.length; i++) this[this._values.length + i] = values2[i];
			this._values.push(...values2);
		}
		_sort(...values2) {
			this._values.sort(...values2);
			for (let i = 0; i < this._values.length; i++) this[i] = this._values[i];
			return this;
		}
	};
	var stdin_default11 = FakeDOMStringList;

	// node_modules/fake-indexeddb/build/esm/lib/valueToKeyRange.js
	var valueToKeyRange = (value, nullDisallowedFlag = false) => {
		if (value instanceof stdin_default4) return value;
		if (value == null) {
			if (nullDisallowedFlag) throw new DataError();
			return new stdin_default4(void 0, void 0, false, false);
		}
		const key = stdin_default2(value);
		return stdin_default4.only(key);
	};
	var stdin_default12 = valueToKeyRange;

	// node_modules/fake-indexeddb/build/esm/lib/getKeyPath.js
	var convertKey = (key) => typeof key == "object" && key ? key + "" : key;
	function getKeyPath(keyPath) {
		return Array.isArray(keyPath) ? keyPath.map(convertKey) : convertKey(keyPath);
	}

	// node_modules/fake-indexeddb/build/esm/lib/isPotentiallyValidKeyRange.js
	var isPotentiallyValidKeyRange = (value) => value instanceof stdin_default4 ? true : stdin_default(value) !== INVALID_TYPE;
	var stdin_default13 = isPotentiallyValidKeyRange;

	// node_modules/fake-indexeddb/build/esm/lib/enforceRange.js
	var enforceRange = (num, type) => {
		const max = type === "unsigned long" ? 4294967295 : 9007199254740991;
		if (isNaN(num) || num < 0 || num > max) throw new TypeError();
		if (num >= 0) return Math.floor(num);
	};
	var stdin_default14 = enforceRange;

	// node_modules/fake-indexeddb/build/esm/lib/extractGetAllOptions.js
	var extractGetAllOptions = (queryOrOptions, count, numArguments) => {
		let query, direction;
		if (queryOrOptions == null || stdin_default13(queryOrOptions)) query = queryOrOptions, numArguments > 1 && count !== void 0 && (count = stdin_default14(count, "unsigned long"));
		else {
			const getAllOptions = queryOrOptions;
			getAllOptions.query !== void 0 && (query = getAllOptions.query), getAllOptions.count !== void 0 && (count = stdin_default14(getAllOptions.count, "unsigned long")), getAllOptions.direction !== void 0 && (direction = getAllOptions.direction);
		}
		return { query, count, direction };
	};
	var stdin_default15 = extractGetAllOptions;

	// node_modules/fake-indexeddb/build/esm/FDBIndex.js
	var confirmActiveTransaction = (index) => {
		if (index._rawIndex.deleted || index.objectStore._rawObjectStore.deleted) throw new InvalidStateError();
		if (index.objectStore.transaction._state !== "active") throw new TransactionInactiveError();
	};
	var FDBIndex = class {
		constructor(objectStore, rawIndex) {
			this._rawIndex = rawIndex, this._name = rawIndex.name, this.objectStore = objectStore, this.keyPath = getKeyPath(rawIndex.keyPath), this.multiEntry = rawIndex.multiEntry, this.unique = rawIndex.unique;
		}
		get name() {
			return this._name;
		}
		set name(name) {
			const transaction = this.objectStore.transaction;
			if (!transaction.db._runningVersionchangeTransaction) throw transaction._state === "active" ? new InvalidStateError() : new TransactionInactiveError();
			if (transaction._state !== "active") throw new TransactionInactiveError();
			if (this._rawIndex.deleted || this.objectStore._rawObjectStore.deleted) throw new InvalidStateError();
			if (name = String(name), name === this._name) return;
			if (this.objectStore.indexNames.contains(name)) throw new ConstraintError();
			const oldName = this._name, oldIndexNames = [...this.objectStore.indexNames];
			this._name = name, this._rawIndex.name = name, this.objectStore._indexesCache.delete(oldName), this.objectStore._indexesCache.set(name, this), this.objectStore._rawObjectStore.rawIndexes.delete(oldName), this.objectStore._rawObjectStore.rawIndexes.set(name, this._rawIndex), this.objectStore.indexNames = new stdin_default11(...Array.from(this.objectStore._rawObjectStore.rawIndexes.keys()).filter((indexName) => {
				const index = this.objectStore._rawObjectStore.rawIndexes.get(indexName);
				return index && !index.deleted;
			}).sort()), this.objectStore.transaction._createdIndexes.has(this._rawIndex) || transaction._rollbackLog.push(() => {
				this._name = oldName, this._rawIndex.name = oldName, this.objectStore._indexesCache.delete(name), this.objectStore._indexesCache.set(oldName, this), this.objectStore._rawObjectStore.rawIndexes.delete(name), this.objectStore._rawObjectStore.rawIndexes.set(oldName, this._rawIndex), this.objectStore.indexNames = new stdin_default11(...oldIndexNames);
			});
		}
		openCursor(range2, direction) {
			confirmActiveTransaction(this), range2 === null && (range2 = void 0), range2 !== void 0 && !(range2 instanceof stdin_default4) && (range2 = stdin_default4.only(stdin_default2(range2)));
			const request = new stdin_default10();
			request.source = this, request.transaction = this.objectStore.transaction;
			const cursor = new stdin_default8(this, range2, direction, request);
			return this.objectStore.transaction._execRequestAsync({ operation: cursor._iterate.bind(cursor), request, source: this });
		}
		openKeyCursor(range2, direction) {
			confirmActiveTransaction(this), range2 === null && (range2 = void 0), range2 !== void 0 && !(range2 instanceof stdin_default4) && (range2 = stdin_default4.only(stdin_default2(range2)));
			const request = new stdin_default10();
			request.source = this, request.transaction = this.objectStore.transaction;
			const cursor = new stdin_default7(this, range2, direction, request, true);
			return this.objectStore.transaction._execRequestAsync({ operation: cursor._iterate.bind(cursor), request, source: this });
		}
		get(key) {
			return confirmActiveTransaction(this), key instanceof stdin_default4 || (key = stdin_default2(key)), this.objectStore.transaction._execRequestAsync({ operation: this._rawIndex.getValue.bind(this._rawIndex, key), source: this });
		}
		getAll(queryOrOptions, count) {
			const options2 = stdin_default15(queryOrOptions, count, arguments.length);
			confirmActiveTransaction(this);
			const range2 = stdin_default12(options2.query);
			return this.objectStore.transaction._execRequestAsync({ operation: this._rawIndex.getAllValues.bind(this._rawIndex, range2, options2.count, options2.direction), source: this });
		}
		getKey(key) {
			return confirmActiveTransaction(this), key instanceof stdin_default4 || (key = stdin_default2(key)), this.objectStore.transaction._execRequestAsync({ operation: this._rawIndex.getKey.bind(this._rawIndex, key), source: this });
		}
		getAllKeys(queryOrOptions, count) {
			const options2 = stdin_default15(queryOrOptions, count, arguments.length);
			confirmActiveTransaction(this);
			const range2 = stdin_default12(options2.query);
			return this.objectStore.transaction._execRequestAsync({ operation: this._rawIndex.getAllKeys.bind(this._rawIndex, range2, options2.count, options2.direction), source: this });
		}
		getAllRecords(options2) {
			let query, count, direction;
			options2 !== void 0 && (options2.query !== void 0 && (query = options2.query), options2.count !== void 0 && (count = stdin_default14(options2.count, "unsigned long")), options2.direction !== void 0 && (direction = options2.direction)), confirmActiveTransaction(this);
			const range2 = stdin_default12(query);
			return this.objectStore.transaction._execRequestAsync({ operation: this._rawIndex.getAllRecords.bind(this._rawIndex, range2, count, direction), source: this });
		}
		count(key) {
			return confirmActiveTransaction(this), key === null && (key = void 0), key !== void 0 && !(key instanceof stdin_default4) && (key = stdin_default4.only(stdin_default2(key))), this.objectStore.transaction._execRequestAsync({ operation: () => this._rawIndex.count(key), source: this });
		}
		get [Symbol.toStringTag]() {
			return "IDBIndex";
		}
	};
	var stdin_default16 = FDBIndex;

	// node_modules/fake-indexeddb/build/esm/lib/canInjectKey.js
	var canInjectKey = (keyPath, value) => {
		if (Array.isArray(keyPath)) throw new Error("The key paths used in this section are always strings and never sequences, since it is not possible to create a object store which has a key generator and also has a key path that is a sequence.");
		const identifiers = keyPath.split(".");
		if (identifiers.length === 0) throw new Error("Assert: identifiers is not empty");
		identifiers.pop();
		for (const identifier2 of identifiers) {
			if (typeof value != "object" && !Array.isArray(value)) return false;
			if (!Object.hasOwn(value, identifier2)) return true;
			value = value[identifier2];
		}
		return typeof value == "object" || Array.isArray(value);
	};
	var stdin_default17 = canInjectKey;

	// node_modules/fake-indexeddb/build/esm/FDBRecord.js
	var FDBRecord = class {
		constructor(key, primaryKey, value) {
			this._key = key, this._primaryKey = primaryKey, this._value = value;
		}
		get key() {
			return this._key;
		}
		set key(_) {
		}
		get primaryKey() {
			return this._primaryKey;
		}
		set primaryKey(_) {
		}
		get value() {
			return this._value;
		}
		set value(_) {
		}
		get [Symbol.toStringTag]() {
			return "IDBRecord";
		}
	};
	var stdin_default18 = FDBRecord;

	// node_modules/fake-indexeddb/build/esm/lib/binarySearchTree.js
	var MAX_TOMBSTONE_FACTOR = 2 / 3;
	var EVERYTHING_KEY_RANGE = new stdin_default4(void 0, void 0, false, false);
	var BinarySearchTree = class {
		_numTombstones = 0;
		_numNodes = 0;
		constructor(keysAreUnique) {
			this._keysAreUnique = !!keysAreUnique;
		}
		size() {
			return this._numNodes - this._numTombstones;
		}
		get(record) {
			return this._getByComparator(this._root, (otherRecord) => this._compare(record, otherRecord));
		}
		contains(record) {
			return !!this.get(record);
		}
		_compare(a, b) {
			const keyComparison = cmpKeys(a.key, b.key);
			return keyComparison !== 0 ? keyComparison : this._keysAreUnique ? 0 : cmpKeys(a.value, b.value);
		}
		_getByComparator(node, comparator) {
			let current = node;
			for (; current; ) {
				const comparison = comparator(current.record);
				if (comparison < 0) current = current.left;
				else if (comparison > 0) current = current.right;
				else return current.record;
			}
		}
		put(record, noOverwrite = false) {
			if (!this._root) {
				this._root = { record, left: void 0, right: void 0, parent: void 0, deleted: false, red: false }, this._numNodes++;
				return;
			}
			return this._put(this._root, record, noOverwrite);
		}
		_put(node, record, noOverwrite) {
			const comparison = this._compare(record, node.record);
			if (comparison < 0) {
				if (node.left) return this._put(node.left, record, noOverwrite);
				node.left = { record, left: void 0, right: void 0, parent: node, deleted: false, red: true }, this._onNewNodeInserted(node.left);
			} else if (comparison > 0) {
				if (node.right) return this._put(node.right, record, noOverwrite);
				node.right = { record, left: void 0, right: void 0, parent: node, deleted: false, red: true }, this._onNewNodeInserted(node.right);
			} else if (node.deleted) node.deleted = false, node.record = record, this._numTombstones--;
			else {
				if (noOverwrite) throw new ConstraintError();
				{
					const overwrittenRecord = node.record;
					return node.record = record, overwrittenRecord;
				}
			}
		}
		delete(record) {
			if (this._root && (this._delete(this._root, record), this._numTombstones > this._numNodes * MAX_TOMBSTONE_FACTOR)) {
				const records = [...this.getAllRecords()];
				this._root = this._rebuild(records, void 0, false), this._numNodes = records.length, this._numTombstones = 0;
			}
		}
		_delete(node, record) {
			if (!node) return;
			const comparison = this._compare(record, node.record);
			comparison < 0 ? this._delete(node.left, record) : comparison > 0 ? this._delete(node.right, record) : node.deleted || (this._numTombstones++, node.deleted = true);
		}
		*getAllRecords(descending = false) {
			yield* this.getRecords(EVERYTHING_KEY_RANGE, descending);
		}
		*getRecords(keyRange, descending = false) {
			yield* this._getRecordsForNode(this._root, keyRange, descending);
		}
		*_getRecordsForNode(node, keyRange, descending = false) {
			node && (yield* this._findRecords(node, keyRange, descending));
		}
		*_findRecords(node, keyRange, descending = false) {
			const { lower, upper, lowerOpen, upperOpen } = keyRange, { record: { key } } = node, lowerComparison = lower === void 0 ? -1 : cmpKeys(lower, key), upperComparison = upper === void 0 ? 1 : cmpKeys(upper, key), moreLeft = this._keysAreUnique ? lowerComparison < 0 : lowerComparison <= 0, moreRight = this._keysAreUnique ? upperComparison > 0 : upperComparison >= 0, moreStart = descending ? moreRight : moreLeft, moreEnd = descending ? moreLeft : moreRight, start = descending ? "right" : "left", end = descending ? "left" : "right", lowerMatches = lowerOpen ? lowerComparison < 0 : lowerComparison <= 0, upperMatches = upperOpen ? upperComparison > 0 : upperComparison >= 0;
			moreStart && node[start] && (yield* this._findRecords(node[start], keyRange, descending)), lowerMatches && upperMatches && !node.deleted && (yield node.record), moreEnd && node[end] && (yield* this._findRecords(node[end], keyRange, descending));
		}
		_onNewNodeInserted(newNode) {
			this._numNodes++, this._rebalanceTree(newNode);
		}
		_rebalanceTree(node) {
			let parent = node.parent;
			do {
				if (!parent.red) return;
				const grandparent = parent.parent;
				if (!grandparent) {
					parent.red = false;
					return;
				}
				const parentIsRightChild = parent === grandparent.right, uncle = parentIsRightChild ? grandparent.left : grandparent.right;
				if (!uncle || !uncle.red) {
					node === (parentIsRightChild ? parent.left : parent.right) && (this._rotateSubtree(parent, parentIsRightChild), node = parent, parent = parentIsRightChild ? grandparent.right : grandparent.left), this._rotateSubtree(grandparent, !parentIsRightChild), parent.red = false, grandparent.red = true;
					return;
				}
				parent.red = false, uncle.red = false, grandparent.red = true, node = grandparent;
			} while (node.parent && (parent = node.parent));
		}
		_rotateSubtree(node, right) {
			const parent = node.parent, newRoot = right ? node.left : node.right, newChild = right ? newRoot.right : newRoot.left;
			return node[right ? "left" : "right"] = newChild, newChild && (newChild.parent = node), newRoot[right ? "right" : "left"] = node, newRoot.parent = parent, node.parent = newRoot, parent ? parent[node === parent.right ? "right" : "left"] = newRoot : this._root = newRoot, newRoot;
		}
		_rebuild(records, parent, red, startIndex = 0, endIndex = records.length) {
			const length = endIndex - startIndex;
			if (length <= 0) return;
			const mid = startIndex + (length >>> 1), node = { record: records[mid], left: void 0, right: void 0, parent, deleted: false, red }, left = this._rebuild(records, node, !red, startIndex, mid), right = this._rebuild(records, node, !red, mid + 1, endIndex);
			return node.left = left, node.right = right, node;
		}
	};

	// node_modules/fake-indexeddb/build/esm/lib/RecordStore.js
	var RecordStore = class {
		constructor(keysAreUnique) {
			this.keysAreUnique = keysAreUnique, this.records = new BinarySearchTree(this.keysAreUnique);
		}
		get(key) {
			const range2 = key instanceof stdin_default4 ? key : stdin_default4.only(key);
			return this.records.getRecords(range2).next().value;
		}
		put(newRecord, noOverwrite = false) {
			return this.records.put(newRecord, noOverwrite);
		}
		delete(key) {
			const range2 = key instanceof stdin_default4 ? key : stdin_default4.only(key), deletedRecords = [...this.records.getRecords(range2)];
			for (const record of deletedRecords) this.records.delete(record);
			return deletedRecords;
		}
		deleteByKeyAndValue(key, value) {
			const record = this.records.get({ key, value });
			record !== void 0 && cmpKeys(record.value, value) === 0 && this.records.delete(record);
		}
		clear() {
			const deletedRecords = [...this.records.getAllRecords()];
			return this.records = new BinarySearchTree(this.keysAreUnique), deletedRecords;
		}
		values(range2, direction = "next") {
			const descending = direction === "prev" || direction === "prevunique", records = range2 ? this.records.getRecords(range2, descending) : this.records.getAllRecords(descending);
			return { [Symbol.iterator]: () => {
				const next = () => records.next();
				if (direction === "next" || direction === "prev") return { next };
				if (direction === "nextunique") {
					let previousValue;
					return { next: () => {
						let current2 = next();
						for (; !current2.done && previousValue !== void 0 && cmpKeys(previousValue.key, current2.value.key) === 0; ) current2 = next();
						return previousValue = current2.value, current2;
					} };
				}
				let current = next(), nextResult = next();
				return { next: () => {
					for (; !nextResult.done && cmpKeys(current.value.key, nextResult.value.key) === 0; ) current = nextResult, nextResult = next();
					const result = current;
					return current = nextResult, nextResult = next(), result;
				} };
			} };
		}
		size() {
			return this.records.size();
		}
	};
	var stdin_default19 = RecordStore;

	// node_modules/fake-indexeddb/build/esm/lib/Index.js
	var Index = class {
		deleted = false;
		initialized = false;
		constructor(rawObjectStore, name, keyPath, multiEntry, unique) {
			this.rawObjectStore = rawObjectStore, this.name = name, this.keyPath = keyPath, this.multiEntry = multiEntry, this.unique = unique, this.records = new stdin_default19(unique);
		}
		getKey(key) {
			const record = this.records.get(key);
			return record !== void 0 ? record.value : void 0;
		}
		getAllKeys(range2, count, direction) {
			(count === void 0 || count === 0) && (count = 1 / 0);
			const records = [];
			for (const record of this.records.values(range2, direction)) if (records.push(structuredClone2(record.value)), records.length >= count) break;
			return records;
		}
		getValue(key) {
			const record = this.records.get(key);
			return record !== void 0 ? this.rawObjectStore.getValue(record.value) : void 0;
		}
		getAllValues(range2, count, direction) {
			(count === void 0 || count === 0) && (count = 1 / 0);
			const records = [];
			for (const record of this.records.values(range2, direction)) if (records.push(this.rawObjectStore.getValue(record.value)), records.length >= count) break;
			return records;
		}
		getAllRecords(range2, count, direction) {
			(count === void 0 || count === 0) && (count = 1 / 0);
			const records = [];
			for (const record of this.records.values(range2, direction)) if (records.push(new stdin_default18(structuredClone2(record.key), structuredClone2(this.rawObjectStore.getKey(record.value)), this.rawObjectStore.getValue(record.value))), records.length >= count) break;
			return records;
		}
		getIndexKey(value) {
			let indexKey;
			try {
				indexKey = stdin_default5(this.keyPath, value).key;
			} catch (err) {
				if (err.name === "DataError") return;
				throw err;
			}
			if (!this.multiEntry || !Array.isArray(indexKey)) try {
				return stdin_default2(indexKey);
			} catch {
				return;
			}
			const keep = [];
			for (const part of indexKey) if (keep.indexOf(part) < 0) try {
				keep.push(stdin_default2(part));
			} catch {
			}
			return keep;
		}
		storeRecord(newRecord) {
			const indexKey = this.getIndexKey(newRecord.value);
			if (indexKey !== void 0) if (!this.multiEntry || !Array.isArray(indexKey)) {
				if (this.unique && this.records.get(indexKey)) throw new ConstraintError();
				this.records.put({ key: indexKey, value: newRecord.key });
			} else {
				if (this.unique) {
					for (const individualIndexKey of indexKey) if (this.records.get(individualIndexKey)) throw new ConstraintError();
				}
				for (const individualIndexKey of indexKey) this.records.put({ key: individualIndexKey, value: newRecord.key });
			}
		}
		deleteRecord(record) {
			const indexKey = this.getIndexKey(record.value);
			if (indexKey !== void 0) if (!this.multiEntry || !Array.isArray(indexKey)) this.records.deleteByKeyAndValue(indexKey, record.key);
			else for (const individualIndexKey of indexKey) this.records.deleteByKeyAndValue(individualIndexKey, record.key);
		}
		initialize(transaction) {
			if (this.initialized) throw new Error("Index already initialized");
			transaction._execRequestAsync({ operation: () => {
				try {
					for (const record of this.rawObjectStore.records.values()) this.storeRecord(record);
					this.initialized = true;
				} catch (err) {
					transaction._abort(err.name);
				}
			}, source: null });
		}
		count(range2) {
			let count = 0;
			for (const record of this.records.values(range2)) count += 1;
			return count;
		}
	};
	var stdin_default20 = Index;

	// node_modules/fake-indexeddb/build/esm/lib/validateKeyPath.js
	var validateKeyPath = (keyPath, parent) => {
		if (keyPath != null && typeof keyPath != "string" && keyPath.toString && (parent === "array" || !Array.isArray(keyPath)) && (keyPath = keyPath.toString()), typeof keyPath == "string") {
			if (keyPath === "" && parent !== "string") return;
			try {
				const validIdentifierRegex = /^(?:[$A-Z_a-z\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02C1\u02C6-\u02D1\u02E0-\u02E4\u02EC\u02EE\u0370-\u0374\u0376\u0377\u037A-\u037D\u037F\u0386\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u048A-\u052F\u0531-\u0556\u0559\u0561-\u0587\u05D0-\u05EA\u05F0-\u05F2\u0620-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06E5\u06E6\u06EE\u06EF\u06FA-\u06FC\u06FF\u0710\u0712-\u072F\u074D-\u07A5\u07B1\u07CA-\u07EA\u07F4\u07F5\u07FA\u0800-\u0815\u081A\u0824\u0828\u0840-\u0858\u08A0-\u08B2\u0904-\u0939\u093D\u0950\u0958-\u0961\u0971-\u0980\u0985-\u098C\u098F\u0990\u0993-\u09A8\u09AA-\u09B0\u09B2\u09B6-\u09B9\u09BD\u09CE\u09DC\u09DD\u09DF-\u09E1\u09F0\u09F1\u0A05-\u0A0A\u0A0F\u0A10\u0A13-\u0A28\u0A2A-\u0A30\u0A32\u0A33\u0A35\u0A36\u0A38\u0A39\u0A59-\u0A5C\u0A5E\u0A72-\u0A74\u0A85-\u0A8D\u0A8F-\u0A91\u0A93-\u0AA8\u0AAA-\u0AB0\u0AB2\u0AB3\u0AB5-\u0AB9\u0ABD\u0AD0\u0AE0\u0AE1\u0B05-\u0B0C\u0B0F\u0B10\u0B13-\u0B28\u0B2A-\u0B30\u0B32\u0B33\u0B35-\u0B39\u0B3D\u0B5C\u0B5D\u0B5F-\u0B61\u0B71\u0B83\u0B85-\u0B8A\u0B8E-\u0B90\u0B92-\u0B95\u0B99\u0B9A\u0B9C\u0B9E\u0B9F\u0BA3\u0BA4\u0BA8-\u0BAA\u0BAE-\u0BB9\u0BD0\u0C05-\u0C0C\u0C0E-\u0C10\u0C12-\u0C28\u0C2A-\u0C39\u0C3D\u0C58\u0C59\u0C60\u0C61\u0C85-\u0C8C\u0C8E-\u0C90\u0C92-\u0CA8\u0CAA-\u0CB3\u0CB5-\u0CB9\u0CBD\u0CDE\u0CE0\u0CE1\u0CF1\u0CF2\u0D05-\u0D0C\u0D0E-\u0D10\u0D12-\u0D3A\u0D3D\u0D4E\u0D60\u0D61\u0D7A-\u0D7F\u0D85-\u0D96\u0D9A-\u0DB1\u0DB3-\u0DBB\u0DBD\u0DC0-\u0DC6\u0E01-\u0E30\u0E32\u0E33\u0E40-\u0E46\u0E81\u0E82\u0E84\u0E87\u0E88\u0E8A\u0E8D\u0E94-\u0E97\u0E99-\u0E9F\u0EA1-\u0EA3\u0EA5\u0EA7\u0EAA\u0EAB\u0EAD-\u0EB0\u0EB2\u0EB3\u0EBD\u0EC0-\u0EC4\u0EC6\u0EDC-\u0EDF\u0F00\u0F40-\u0F47\u0F49-\u0F6C\u0F88-\u0F8C\u1000-\u102A\u103F\u1050-\u1055\u105A-\u105D\u1061\u1065\u1066\u106E-\u1070\u1075-\u1081\u108E\u10A0-\u10C5\u10C7\u10CD\u10D0-\u10FA\u10FC-\u1248\u124A-\u124D\u1250-\u1256\u1258\u125A-\u125D\u1260-\u1288\u128A-\u128D\u1290-\u12B0\u12B2-\u12B5\u12B8-\u12BE\u12C0\u12C2-\u12C5\u12C8-\u12D6\u12D8-\u1310\u1312-\u1315\u1318-\u135A\u1380-\u138F\u13A0-\u13F4\u1401-\u166C\u166F-\u167F\u1681-\u169A\u16A0-\u16EA\u16EE-\u16F8\u1700-\u170C\u170E-\u1711\u1720-\u1731\u1740-\u1751\u1760-\u176C\u176E-\u1770\u1780-\u17B3\u17D7\u17DC\u1820-\u1877\u1880-\u18A8\u18AA\u18B0-\u18F5\u1900-\u191E\u1950-\u196D\u1970-\u1974\u1980-\u19AB\u19C1-\u19C7\u1A00-\u1A16\u1A20-\u1A54\u1AA7\u1B05-\u1B33\u1B45-\u1B4B\u1B83-\u1BA0\u1BAE\u1BAF\u1BBA-\u1BE5\u1C00-\u1C23\u1C4D-\u1C4F\u1C5A-\u1C7D\u1CE9-\u1CEC\u1CEE-\u1CF1\u1CF5\u1CF6\u1D00-\u1DBF\u1E00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u2071\u207F\u2090-\u209C\u2102\u2107\u210A-\u2113\u2115\u2119-\u211D\u2124\u2126\u2128\u212A-\u212D\u212F-\u2139\u213C-\u213F\u2145-\u2149\u214E\u2160-\u2188\u2C00-\u2C2E\u2C30-\u2C5E\u2C60-\u2CE4\u2CEB-\u2CEE\u2CF2\u2CF3\u2D00-\u2D25\u2D27\u2D2D\u2D30-\u2D67\u2D6F\u2D80-\u2D96\u2DA0-\u2DA6\u2DA8-\u2DAE\u2DB0-\u2DB6\u2DB8-\u2DBE\u2DC0-\u2DC6\u2DC8-\u2DCE\u2DD0-\u2DD6\u2DD8-\u2DDE\u2E2F\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303C\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FC-\u30FF\u3105-\u312D\u3131-\u318E\u31A0-\u31BA\u31F0-\u31FF\u3400-\u4DB5\u4E00-\u9FCC\uA000-\uA48C\uA4D0-\uA4FD\uA500-\uA60C\uA610-\uA61F\uA62A\uA62B\uA640-\uA66E\uA67F-\uA69D\uA6A0-\uA6EF\uA717-\uA71F\uA722-\uA788\uA78B-\uA78E\uA790-\uA7AD\uA7B0\uA7B1\uA7F7-\uA801\uA803-\uA805\uA807-\uA80A\uA80C-\uA822\uA840-\uA873\uA882-\uA8B3\uA8F2-\uA8F7\uA8FB\uA90A-\uA925\uA930-\uA946\uA960-\uA97C\uA984-\uA9B2\uA9CF\uA9E0-\uA9E4\uA9E6-\uA9EF\uA9FA-\uA9FE\uAA00-\uAA28\uAA40-\uAA42\uAA44-\uAA4B\uAA60-\uAA76\uAA7A\uAA7E-\uAAAF\uAAB1\uAAB5\uAAB6\uAAB9-\uAABD\uAAC0\uAAC2\uAADB-\uAADD\uAAE0-\uAAEA\uAAF2-\uAAF4\uAB01-\uAB06\uAB09-\uAB0E\uAB11-\uAB16\uAB20-\uAB26\uAB28-\uAB2E\uAB30-\uAB5A\uAB5C-\uAB5F\uAB64\uAB65\uABC0-\uABE2\uAC00-\uD7A3\uD7B0-\uD7C6\uD7CB-\uD7FB\uF900-\uFA6D\uFA70-\uFAD9\uFB00-\uFB06\uFB13-\uFB17\uFB1D\uFB1F-\uFB28\uFB2A-\uFB36\uFB38-\uFB3C\uFB3E\uFB40\uFB41\uFB43\uFB44\uFB46-\uFBB1\uFBD3-\uFD3D\uFD50-\uFD8F\uFD92-\uFDC7\uFDF0-\uFDFB\uFE70-\uFE74\uFE76-\uFEFC\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFBE\uFFC2-\uFFC7\uFFCA-\uFFCF\uFFD2-\uFFD7\uFFDA-\uFFDC])(?:[$0-9A-Z_a-z\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02C1\u02C6-\u02D1\u02E0-\u02E4\u02EC\u02EE\u0300-\u0374\u0376\u0377\u037A-\u037D\u037F\u0386\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u0483-\u0487\u048A-\u052F\u0531-\u0556\u0559\u0561-\u0587\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u05D0-\u05EA\u05F0-\u05F2\u0610-\u061A\u0620-\u0669\u066E-\u06D3\u06D5-\u06DC\u06DF-\u06E8\u06EA-\u06FC\u06FF\u0710-\u074A\u074D-\u07B1\u07C0-\u07F5\u07FA\u0800-\u082D\u0840-\u085B\u08A0-\u08B2\u08E4-\u0963\u0966-\u096F\u0971-\u0983\u0985-\u098C\u098F\u0990\u0993-\u09A8\u09AA-\u09B0\u09B2\u09B6-\u09B9\u09BC-\u09C4\u09C7\u09C8\u09CB-\u09CE\u09D7\u09DC\u09DD\u09DF-\u09E3\u09E6-\u09F1\u0A01-\u0A03\u0A05-\u0A0A\u0A0F\u0A10\u0A13-\u0A28\u0A2A-\u0A30\u0A32\u0A33\u0A35\u0A36\u0A38\u0A39\u0A3C\u0A3E-\u0A42\u0A47\u0A48\u0A4B-\u0A4D\u0A51\u0A59-\u0A5C\u0A5E\u0A66-\u0A75\u0A81-\u0A83\u0A85-\u0A8D\u0A8F-\u0A91\u0A93-\u0AA8\u0AAA-\u0AB0\u0AB2\u0AB3\u0AB5-\u0AB9\u0ABC-\u0AC5\u0AC7-\u0AC9\u0ACB-\u0ACD\u0AD0\u0AE0-\u0AE3\u0AE6-\u0AEF\u0B01-\u0B03\u0B05-\u0B0C\u0B0F\u0B10\u0B13-\u0B28\u0B2A-\u0B30\u0B32\u0B33\u0B35-\u0B39\u0B3C-\u0B44\u0B47\u0B48\u0B4B-\u0B4D\u0B56\u0B57\u0B5C\u0B5D\u0B5F-\u0B63\u0B66-\u0B6F\u0B71\u0B82\u0B83\u0B85-\u0B8A\u0B8E-\u0B90\u0B92-\u0B95\u0B99\u0B9A\u0B9C\u0B9E\u0B9F\u0BA3\u0BA4\u0BA8-\u0BAA\u0BAE-\u0BB9\u0BBE-\u0BC2\u0BC6-\u0BC8\u0BCA-\u0BCD\u0BD0\u0BD7\u0BE6-\u0BEF\u0C00-\u0C03\u0C05-\u0C0C\u0C0E-\u0C10\u0C12-\u0C28\u0C2A-\u0C39\u0C3D-\u0C44\u0C46-\u0C48\u0C4A-\u0C4D\u0C55\u0C56\u0C58\u0C59\u0C60-\u0C63\u0C66-\u0C6F\u0C81-\u0C83\u0C85-\u0C8C\u0C8E-\u0C90\u0C92-\u0CA8\u0CAA-\u0CB3\u0CB5-\u0CB9\u0CBC-\u0CC4\u0CC6-\u0CC8\u0CCA-\u0CCD\u0CD5\u0CD6\u0CDE\u0CE0-\u0CE3\u0CE6-\u0CEF\u0CF1\u0CF2\u0D01-\u0D03\u0D05-\u0D0C\u0D0E-\u0D10\u0D12-\u0D3A\u0D3D-\u0D44\u0D46-\u0D48\u0D4A-\u0D4E\u0D57\u0D60-\u0D63\u0D66-\u0D6F\u0D7A-\u0D7F\u0D82\u0D83\u0D85-\u0D96\u0D9A-\u0DB1\u0DB3-\u0DBB\u0DBD\u0DC0-\u0DC6\u0DCA\u0DCF-\u0DD4\u0DD6\u0DD8-\u0DDF\u0DE6-\u0DEF\u0DF2\u0DF3\u0E01-\u0E3A\u0E40-\u0E4E\u0E50-\u0E59\u0E81\u0E82\u0E84\u0E87\u0E88\u0E8A\u0E8D\u0E94-\u0E97\u0E99-\u0E9F\u0EA1-\u0EA3\u0EA5\u0EA7\u0EAA\u0EAB\u0EAD-\u0EB9\u0EBB-\u0EBD\u0EC0-\u0EC4\u0EC6\u0EC8-\u0ECD\u0ED0-\u0ED9\u0EDC-\u0EDF\u0F00\u0F18\u0F19\u0F20-\u0F29\u0F35\u0F37\u0F39\u0F3E-\u0F47\u0F49-\u0F6C\u0F71-\u0F84\u0F86-\u0F97\u0F99-\u0FBC\u0FC6\u1000-\u1049\u1050-\u109D\u10A0-\u10C5\u10C7\u10CD\u10D0-\u10FA\u10FC-\u1248\u124A-\u124D\u1250-\u1256\u1258\u125A-\u125D\u1260-\u1288\u128A-\u128D\u1290-\u12B0\u12B2-\u12B5\u12B8-\u12BE\u12C0\u12C2-\u12C5\u12C8-\u12D6\u12D8-\u1310\u1312-\u1315\u1318-\u135A\u135D-\u135F\u1380-\u138F\u13A0-\u13F4\u1401-\u166C\u166F-\u167F\u1681-\u169A\u16A0-\u16EA\u16EE-\u16F8\u1700-\u170C\u170E-\u1714\u1720-\u1734\u1740-\u1753\u1760-\u176C\u176E-\u1770\u1772\u1773\u1780-\u17D3\u17D7\u17DC\u17DD\u17E0-\u17E9\u180B-\u180D\u1810-\u1819\u1820-\u1877\u1880-\u18AA\u18B0-\u18F5\u1900-\u191E\u1920-\u192B\u1930-\u193B\u1946-\u196D\u1970-\u1974\u1980-\u19AB\u19B0-\u19C9\u19D0-\u19D9\u1A00-\u1A1B\u1A20-\u1A5E\u1A60-\u1A7C\u1A7F-\u1A89\u1A90-\u1A99\u1AA7\u1AB0-\u1ABD\u1B00-\u1B4B\u1B50-\u1B59\u1B6B-\u1B73\u1B80-\u1BF3\u1C00-\u1C37\u1C40-\u1C49\u1C4D-\u1C7D\u1CD0-\u1CD2\u1CD4-\u1CF6\u1CF8\u1CF9\u1D00-\u1DF5\u1DFC-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u200C\u200D\u203F\u2040\u2054\u2071\u207F\u2090-\u209C\u20D0-\u20DC\u20E1\u20E5-\u20F0\u2102\u2107\u210A-\u2113\u2115\u2119-\u211D\u2124\u2126\u2128\u212A-\u212D\u212F-\u2139\u213C-\u213F\u2145-\u2149\u214E\u2160-\u2188\u2C00-\u2C2E\u2C30-\u2C5E\u2C60-\u2CE4\u2CEB-\u2CF3\u2D00-\u2D25\u2D27\u2D2D\u2D30-\u2D67\u2D6F\u2D7F-\u2D96\u2DA0-\u2DA6\u2DA8-\u2DAE\u2DB0-\u2DB6\u2DB8-\u2DBE\u2DC0-\u2DC6\u2DC8-\u2DCE\u2DD0-\u2DD6\u2DD8-\u2DDE\u2DE0-\u2DFF\u2E2F\u3005-\u3007\u3021-\u302F\u3031-\u3035\u3038-\u303C\u3041-\u3096\u3099\u309A\u309D-\u309F\u30A1-\u30FA\u30FC-\u30FF\u3105-\u312D\u3131-\u318E\u31A0-\u31BA\u31F0-\u31FF\u3400-\u4DB5\u4E00-\u9FCC\uA000-\uA48C\uA4D0-\uA4FD\uA500-\uA60C\uA610-\uA62B\uA640-\uA66F\uA674-\uA67D\uA67F-\uA69D\uA69F-\uA6F1\uA717-\uA71F\uA722-\uA788\uA78B-\uA78E\uA790-\uA7AD\uA7B0\uA7B1\uA7F7-\uA827\uA840-\uA873\uA880-\uA8C4\uA8D0-\uA8D9\uA8E0-\uA8F7\uA8FB\uA900-\uA92D\uA930-\uA953\uA960-\uA97C\uA980-\uA9C0\uA9CF-\uA9D9\uA9E0-\uA9FE\uAA00-\uAA36\uAA40-\uAA4D\uAA50-\uAA59\uAA60-\uAA76\uAA7A-\uAAC2\uAADB-\uAADD\uAAE0-\uAAEF\uAAF2-\uAAF6\uAB01-\uAB06\uAB09-\uAB0E\uAB11-\uAB16\uAB20-\uAB26\uAB28-\uAB2E\uAB30-\uAB5A\uAB5C-\uAB5F\uAB64\uAB65\uABC0-\uABEA\uABEC\uABED\uABF0-\uABF9\uAC00-\uD7A3\uD7B0-\uD7C6\uD7CB-\uD7FB\uF900-\uFA6D\uFA70-\uFAD9\uFB00-\uFB06\uFB13-\uFB17\uFB1D-\uFB28\uFB2A-\uFB36\uFB38-\uFB3C\uFB3E\uFB40\uFB41\uFB43\uFB44\uFB46-\uFBB1\uFBD3-\uFD3D\uFD50-\uFD8F\uFD92-\uFDC7\uFDF0-\uFDFB\uFE00-\uFE0F\uFE20-\uFE2D\uFE33\uFE34\uFE4D-\uFE4F\uFE70-\uFE74\uFE76-\uFEFC\uFF10-\uFF19\uFF21-\uFF3A\uFF3F\uFF41-\uFF5A\uFF66-\uFFBE\uFFC2-\uFFC7\uFFCA-\uFFCF\uFFD2-\uFFD7\uFFDA-\uFFDC])*$/;
				if (keyPath.length >= 1 && validIdentifierRegex.test(keyPath)) return;
			} catch (err) {
				throw new SyntaxError2(err.message);
			}
			if (keyPath.indexOf(" ") >= 0) throw new SyntaxError2("The keypath argument contains an invalid key path (no spaces allowed).");
		}
		if (Array.isArray(keyPath) && keyPath.length > 0) {
			if (parent) throw new SyntaxError2("The keypath argument contains an invalid key path (nested arrays).");
			for (const part of keyPath) validateKeyPath(part, "array");
			return;
		} else if (typeof keyPath == "string" && keyPath.indexOf(".") >= 0) {
			keyPath = keyPath.split(".");
			for (const part of keyPath) validateKeyPath(part, "string");
			return;
		}
		throw new SyntaxError2();
	};
	var stdin_default21 = validateKeyPath;

	// node_modules/fake-indexeddb/build/esm/FDBObjectStore.js
	var confirmActiveTransaction2 = (objectStore) => {
		if (objectStore._rawObjectStore.deleted) throw new InvalidStateError();
		if (objectStore.transaction._state !== "active") throw new TransactionInactiveError();
	};
	var buildRecordAddPut = (objectStore, value, key) => {
		if (confirmActiveTransaction2(objectStore), objectStore.transaction.mode === "readonly") throw new ReadOnlyError();
		if (objectStore.keyPath !== null && key !== void 0) throw new DataError();
		const clone2 = cloneValueForInsertion(value, objectStore.transaction);
		if (objectStore.keyPath !== null) {
			const tempKey = stdin_default5(objectStore.keyPath, clone2);
			if (tempKey.type === "found") stdin_default2(tempKey.key);
			else if (objectStore._rawObjectStore.keyGenerator) {
				if (!stdin_default17(objectStore.keyPath, clone2)) throw new DataError();
			} else throw new DataError();
		}
		if (objectStore.keyPath === null && objectStore._rawObjectStore.keyGenerator === null && key === void 0) throw new DataError();
		return key !== void 0 && (key = stdin_default2(key)), { key, value: clone2 };
	};
	var FDBObjectStore = class {
		_indexesCache = /* @__PURE__ */ new Map();
		constructor(transaction, rawObjectStore) {
			this._rawObjectStore = rawObjectStore, this._name = rawObjectStore.name, this.keyPath = getKeyPath(rawObjectStore.keyPath), this.autoIncrement = rawObjectStore.autoIncrement, this.transaction = transaction, this.indexNames = new stdin_default11(...Array.from(rawObjectStore.rawIndexes.keys()).sort());
		}
		get name() {
			return this._name;
		}
		set name(name) {
			const transaction = this.transaction;
			if (!transaction.db._runningVersionchangeTransaction) throw transaction._state === "active" ? new InvalidStateError() : new TransactionInactiveError();
			if (confirmActiveTransaction2(this), name = String(name), name === this._name) return;
			if (this._rawObjectStore.rawDatabase.rawObjectStores.has(name)) throw new ConstraintError();
			const oldName = this._name, oldObjectStoreNames = [...transaction.db.objectStoreNames];
			this._name = name, this._rawObjectStore.name = name, this.transaction._objectStoresCache.delete(oldName), this.transaction._objectStoresCache.set(name, this), this._rawObjectStore.rawDatabase.rawObjectStores.delete(oldName), this._rawObjectStore.rawDatabase.rawObjectStores.set(name, this._rawObjectStore), transaction.db.objectStoreNames = new stdin_default11(...Array.from(this._rawObjectStore.rawDatabase.rawObjectStores.keys()).filter((objectStoreName) => {
				const objectStore = this._rawObjectStore.rawDatabase.rawObjectStores.get(objectStoreName);
				return objectStore && !objectStore.deleted;
			}).sort());
			const oldScope = new Set(transaction._scope), oldTransactionObjectStoreNames = [...transaction.objectStoreNames];
			this.transaction._scope.delete(oldName), transaction._scope.add(name), transaction.objectStoreNames = new stdin_default11(...Array.from(transaction._scope).sort()), this.transaction._createdObjectStores.has(this._rawObjectStore) || transaction._rollbackLog.push(() => {
				this._name = oldName, this._rawObjectStore.name = oldName, this.transaction._objectStoresCache.delete(name), this.transaction._objectStoresCache.set(oldName, this), this._rawObjectStore.rawDatabase.rawObjectStores.delete(name), this._rawObjectStore.rawDatabase.rawObjectStores.set(oldName, this._rawObjectStore), transaction.db.objectStoreNames = new stdin_default11(...oldObjectStoreNames), transaction._scope = oldScope, transaction.objectStoreNames = new stdin_default11(...oldTransactionObjectStoreNames);
			});
		}
		put(value, key) {
			if (arguments.length === 0) throw new TypeError();
			const record = buildRecordAddPut(this, value, key);
			return this.transaction._execRequestAsync({ operation: this._rawObjectStore.storeRecord.bind(this._rawObjectStore, record, false, this.transaction._rollbackLog), source: this });
		}
		add(value, key) {
			if (arguments.length === 0) throw new TypeError();
			const record = buildRecordAddPut(this, value, key);
			return this.transaction._execRequestAsync({ operation: this._rawObjectStore.storeRecord.bind(this._rawObjectStore, record, true, this.transaction._rollbackLog), source: this });
		}
		delete(key) {
			if (arguments.length === 0) throw new TypeError();
			if (confirmActiveTransaction2(this), this.transaction.mode === "readonly") throw new ReadOnlyError();
			return key instanceof stdin_default4 || (key = stdin_default2(key)), this.transaction._execRequestAsync({ operation: this._rawObjectStore.deleteRecord.bind(this._rawObjectStore, key, this.transaction._rollbackLog), source: this });
		}
		get(key) {
			if (arguments.length === 0) throw new TypeError();
			return confirmActiveTransaction2(this), key instanceof stdin_default4 || (key = stdin_default2(key)), this.transaction._execRequestAsync({ operation: this._rawObjectStore.getValue.bind(this._rawObjectStore, key), source: this });
		}
		getAll(queryOrOptions, count) {
			const options2 = stdin_default15(queryOrOptions, count, arguments.length);
			confirmActiveTransaction2(this);
			const range2 = stdin_default12(options2.query);
			return this.transaction._execRequestAsync({ operation: this._rawObjectStore.getAllValues.bind(this._rawObjectStore, range2, options2.count, options2.direction), source: this });
		}
		getKey(key) {
			if (arguments.length === 0) throw new TypeError();
			return confirmActiveTransaction2(this), key instanceof stdin_default4 || (key = stdin_default2(key)), this.transaction._execRequestAsync({ operation: this._rawObjectStore.getKey.bind(this._rawObjectStore, key), source: this });
		}
		getAllKeys(queryOrOptions, count) {
			const options2 = stdin_default15(queryOrOptions, count, arguments.length);
			confirmActiveTransaction2(this);
			const range2 = stdin_default12(options2.query);
			return this.transaction._execRequestAsync({ operation: this._rawObjectStore.getAllKeys.bind(this._rawObjectStore, range2, options2.count, options2.direction), source: this });
		}
		getAllRecords(options2) {
			let query, count, direction;
			options2 !== void 0 && (options2.query !== void 0 && (query = options2.query), options2.count !== void 0 && (count = stdin_default14(options2.count, "unsigned long")), options2.direction !== void 0 && (direction = options2.direction)), confirmActiveTransaction2(this);
			const range2 = stdin_default12(query);
			return this.transaction._execRequestAsync({ operation: this._rawObjectStore.getAllRecords.bind(this._rawObjectStore, range2, count, direction), source: this });
		}
		clear() {
			if (confirmActiveTransaction2(this), this.transaction.mode === "readonly") throw new ReadOnlyError();
			return this.transaction._execRequestAsync({ operation: this._rawObjectStore.clear.bind(this._rawObjectStore, this.transaction._rollbackLog), source: this });
		}
		openCursor(range2, direction) {
			confirmActiveTransaction2(this), range2 === null && (range2 = void 0), range2 !== void 0 && !(range2 instanceof stdin_default4) && (range2 = stdin_default4.only(stdin_default2(range2)));
			const request = new stdin_default10();
			request.source = this, request.transaction = this.transaction;
			const cursor = new stdin_default8(this, range2, direction, request);
			return this.transaction._execRequestAsync({ operation: cursor._iterate.bind(cursor), request, source: this });
		}
		openKeyCursor(range2, direction) {
			confirmActiveTransaction2(this), range2 === null && (range2 = void 0), range2 !== void 0 && !(range2 instanceof stdin_default4) && (range2 = stdin_default4.only(stdin_default2(range2)));
			const request = new stdin_default10();
			request.source = this, request.transaction = this.transaction;
			const cursor = new stdin_default7(this, range2, direction, request, true);
			return this.transaction._execRequestAsync({ operation: cursor._iterate.bind(cursor), request, source: this });
		}
		createIndex(name, keyPath, optionalParameters = {}) {
			if (arguments.length < 2) throw new TypeError();
			const multiEntry = optionalParameters.multiEntry !== void 0 ? optionalParameters.multiEntry : false, unique = optionalParameters.unique !== void 0 ? optionalParameters.unique : false;
			if (this.transaction.mode !== "versionchange") throw new InvalidStateError();
			if (confirmActiveTransaction2(this), this.indexNames.contains(name)) throw new ConstraintError();
			if (stdin_default21(keyPath), Array.isArray(keyPath) && multiEntry) throw new InvalidAccessError();
			const indexNames = [...this.indexNames], index = new stdin_default20(this._rawObjectStore, name, keyPath, multiEntry, unique);
			return this.indexNames._push(name), this.indexNames._sort(), this.transaction._createdIndexes.add(index), this._rawObjectStore.rawIndexes.set(name, index), index.initialize(this.transaction), this.transaction._rollbackLog.push(() => {
				index.deleted = true, this.indexNames = new stdin_default11(...indexNames), this._rawObjectStore.rawIndexes.delete(index.name);
			}), new stdin_default16(this, index);
		}
		index(name) {
			if (arguments.length === 0) throw new TypeError();
			if (this._rawObjectStore.deleted || this.transaction._state === "finished") throw new InvalidStateError();
			const index = this._indexesCache.get(name);
			if (index !== void 0) return index;
			const rawIndex = this._rawObjectStore.rawIndexes.get(name);
			if (!this.indexNames.contains(name) || rawIndex === void 0) throw new NotFoundError();
			const index2 = new stdin_default16(this, rawIndex);
			return this._indexesCache.set(name, index2), index2;
		}
		deleteIndex(name) {
			if (arguments.length === 0) throw new TypeError();
			if (this.transaction.mode !== "versionchange") throw new InvalidStateError();
			confirmActiveTransaction2(this);
			const rawIndex = this._rawObjectStore.rawIndexes.get(name);
			if (rawIndex === void 0) throw new NotFoundError();
			this.transaction._rollbackLog.push(() => {
				rawIndex.deleted = false, this._rawObjectStore.rawIndexes.set(rawIndex.name, rawIndex), this.indexNames._push(rawIndex.name), this.indexNames._sort();
			}), this.indexNames = new stdin_default11(...Array.from(this.indexNames).filter((indexName) => indexName !== name)), rawIndex.deleted = true, this.transaction._execRequestAsync({ operation: () => {
				const rawIndex2 = this._rawObjectStore.rawIndexes.get(name);
				rawIndex === rawIndex2 && this._rawObjectStore.rawIndexes.delete(name);
			}, source: this });
		}
		count(key) {
			return confirmActiveTransaction2(this), key === null && (key = void 0), key !== void 0 && !(key instanceof stdin_default4) && (key = stdin_default4.only(stdin_default2(key))), this.transaction._execRequestAsync({ operation: () => this._rawObjectStore.count(key), source: this });
		}
		get [Symbol.toStringTag]() {
			return "IDBObjectStore";
		}
	};
	var stdin_default6 = FDBObjectStore;

	// node_modules/fake-indexeddb/build/esm/lib/FakeEvent.js
	var Event2 = class {
		eventPath = [];
		NONE = 0;
		CAPTURING_PHASE = 1;
		AT_TARGET = 2;
		BUBBLING_PHASE = 3;
		propagationStopped = false;
		immediatePropagationStopped = false;
		canceled = false;
		initialized = true;
		dispatched = false;
		target = null;
		currentTarget = null;
		eventPhase = 0;
		defaultPrevented = false;
		isTrusted = false;
		timeStamp = Date.now();
		constructor(type, eventInitDict = {}) {
			this.type = type, this.bubbles = eventInitDict.bubbles !== void 0 ? eventInitDict.bubbles : false, this.cancelable = eventInitDict.cancelable !== void 0 ? eventInitDict.cancelable : false;
		}
		preventDefault() {
			this.cancelable && (this.canceled = true);
		}
		stopPropagation() {
			this.propagationStopped = true;
		}
		stopImmediatePropagation() {
			this.propagationStopped = true, this.immediatePropagationStopped = true;
		}
	};
	var stdin_default22 = Event2;

	// src/idb-scheduling.js
	var reported = /* @__PURE__ */ new WeakSet();
	function markReported(e) {
		if (e !== null && typeof e === "object") reported.add(e);
	}
	function run(fn) {
		try {
			fn();
		} catch (e) {
			if (!reported.has(e)) reportException(e);
		}
	}
	function queueTask(fn) {
		internalTimeout(() => run(fn), 0, true);
	}
	var polls = /* @__PURE__ */ new Set();
	var wakeQueued = false;
	queueTask.poll = (fn) => {
		polls.add(fn);
	};
	function wakePolls() {
		if (polls.size === 0 || wakeQueued) return;
		wakeQueued = true;
		queueTask(() => {
			wakeQueued = false;
			const batch = [...polls];
			polls.clear();
			for (const fn of batch) run(fn);
			if (polls.size > 0 && polls.size < batch.length) wakePolls();
		});
	}

	// node_modules/fake-indexeddb/build/esm/FDBTransaction.js
	var prioritizedListenerTypes = ["error", "abort", "complete"];
	var FDBTransaction = class extends stdin_default9 {
		_state = "active";
		_started = false;
		_rollbackLog = [];
		_objectStoresCache = /* @__PURE__ */ new Map();
		_openRequest = null;
		error = null;
		onabort = null;
		oncomplete = null;
		onerror = null;
		_prioritizedListeners = /* @__PURE__ */ new Map();
		_requests = [];
		_createdIndexes = /* @__PURE__ */ new Set();
		_createdObjectStores = /* @__PURE__ */ new Set();
		constructor(storeNames, mode, durability, db) {
			super(), this._scope = new Set(storeNames), this.mode = mode, this.durability = durability, this.db = db, this.objectStoreNames = new stdin_default11(...Array.from(this._scope).sort());
			for (const type of prioritizedListenerTypes) this.addEventListener(type, () => {
				this._prioritizedListeners.get(type)?.();
			});
		}
		_abort(errName) {
			for (const f of this._rollbackLog.reverse()) f();
			if (errName !== null) {
				const e = new DOMException(void 0, errName);
				this.error = e;
			}
			for (const { request } of this._requests) request.readyState !== "done" && (request.readyState = "done", request.source && queueTask(() => {
				request.result = void 0, request.error = new AbortError();
				const event = new stdin_default22("error", { bubbles: true, cancelable: true });
				event.eventPath = [this.db, this];
				try {
					request.dispatchEvent(event);
				} catch {
					this._state === "active" && this._abort("AbortError");
				}
			}));
			queueTask(() => {
				const isUpgradeTransaction = this.mode === "versionchange";
				isUpgradeTransaction && (this.db._rawDatabase.connections = this.db._rawDatabase.connections.filter((connection) => !connection._rawDatabase.transactions.includes(this)));
				const event = new stdin_default22("abort", { bubbles: true, cancelable: false });
				if (event.eventPath = [this.db], this.dispatchEvent(event), isUpgradeTransaction) {
					const request = this._openRequest;
					request.transaction = null, request.result = void 0;
				}
			}), this._markFinished();
		}
		abort() {
			if (this._state === "committing" || this._state === "finished") throw new InvalidStateError();
			this._state = "active", this._abort(null);
		}
		objectStore(name) {
			if (this._state !== "active") throw new InvalidStateError();
			const objectStore = this._objectStoresCache.get(name);
			if (objectStore !== void 0) return objectStore;
			const rawObjectStore = this.db._rawDatabase.rawObjectStores.get(name);
			if (!this._scope.has(name) || rawObjectStore === void 0) throw new NotFoundError();
			const objectStore2 = new stdin_default6(this, rawObjectStore);
			return this._objectStoresCache.set(name, objectStore2), objectStore2;
		}
		_execRequestAsync(obj) {
			const source = obj.source, operation = obj.operation;
			let request = Object.hasOwn(obj, "request") ? obj.request : null;
			if (this._state !== "active") throw new TransactionInactiveError();
			return request || (source ? (request = new stdin_default10(), request.source = source, request.transaction = source.transaction) : request = new stdin_default10()), this._requests.push({ operation, request }), request;
		}
		_start() {
			this._started = true;
			let operation, request;
			for (; this._requests.length > 0; ) {
				const r = this._requests.shift();
				if (r && r.request.readyState !== "done") {
					request = r.request, operation = r.operation;
					break;
				}
			}
			if (request && operation) {
				if (!request.source) operation();
				else {
					let defaultAction, event;
					try {
						const result = operation();
						request.readyState = "done", request.result = result, request.error = void 0, this._state === "inactive" && (this._state = "active"), event = new stdin_default22("success", { bubbles: false, cancelable: false });
					} catch (err) {
						request.readyState = "done", request.result = void 0, request.error = err, this._state === "inactive" && (this._state = "active"), event = new stdin_default22("error", { bubbles: true, cancelable: true }), defaultAction = this._abort.bind(this, err.name);
					}
					try {
						event.eventPath = [this.db, this], request.dispatchEvent(event);
					} catch {
						this._state === "active" && (this._abort("AbortError"), defaultAction = void 0);
					}
					event.canceled || defaultAction && defaultAction();
				}
				queueTask(this._start.bind(this));
				return;
			}
			if (this._state !== "finished" && (this._markFinished(), !this.error)) {
				const event = new stdin_default22("complete");
				this.dispatchEvent(event);
			}
		}
		_markFinished() {
			this._state = "finished", queueTask(() => {
				const { transactions } = this.db._rawDatabase, idx = transactions.indexOf(this);
				idx !== -1 && transactions.splice(idx, 1);
			});
		}
		commit() {
			if (this._state !== "active") throw new InvalidStateError();
			this._state = "committing";
		}
		get [Symbol.toStringTag]() {
			return "IDBTransaction";
		}
	};
	var stdin_default23 = FDBTransaction;

	// node_modules/fake-indexeddb/build/esm/lib/KeyGenerator.js
	var MAX_KEY = 9007199254740992;
	var KeyGenerator = class {
		num = 0;
		next() {
			if (this.num >= MAX_KEY) throw new ConstraintError();
			return this.num += 1, this.num;
		}
		setIfLarger(num) {
			const value = Math.floor(Math.min(num, MAX_KEY)) - 1;
			value >= this.num && (this.num = value + 1);
		}
	};
	var stdin_default24 = KeyGenerator;

	// node_modules/fake-indexeddb/build/esm/lib/ObjectStore.js
	var ObjectStore = class {
		deleted = false;
		records = new stdin_default19(true);
		rawIndexes = /* @__PURE__ */ new Map();
		constructor(rawDatabase, name, keyPath, autoIncrement) {
			this.rawDatabase = rawDatabase, this.keyGenerator = autoIncrement === true ? new stdin_default24() : null, this.deleted = false, this.name = name, this.keyPath = keyPath, this.autoIncrement = autoIncrement;
		}
		getKey(key) {
			const record = this.records.get(key);
			return record !== void 0 ? structuredClone2(record.key) : void 0;
		}
		getAllKeys(range2, count, direction) {
			(count === void 0 || count === 0) && (count = 1 / 0);
			const records = [];
			for (const record of this.records.values(range2, direction)) if (records.push(structuredClone2(record.key)), records.length >= count) break;
			return records;
		}
		getValue(key) {
			const record = this.records.get(key);
			return record !== void 0 ? structuredClone2(record.value) : void 0;
		}
		getAllValues(range2, count, direction) {
			(count === void 0 || count === 0) && (count = 1 / 0);
			const records = [];
			for (const record of this.records.values(range2, direction)) if (records.push(structuredClone2(record.value)), records.length >= count) break;
			return records;
		}
		getAllRecords(range2, count, direction) {
			(count === void 0 || count === 0) && (count = 1 / 0);
			const records = [];
			for (const record of this.records.values(range2, direction)) if (records.push(new stdin_default18(structuredClone2(record.key), structuredClone2(record.key), structuredClone2(record.value))), records.length >= count) break;
			return records;
		}
		storeRecord(newRecord, noOverwrite, rollbackLog) {
			if (this.keyPath !== null) {
				const key = stdin_default5(this.keyPath, newRecord.value).key;
				key !== void 0 && (newRecord.key = stdin_default2(key));
			}
			const rollbackLogForThisOperation = [];
			if (this.keyGenerator !== null && newRecord.key === void 0) {
				let rolledBack2 = false;
				const keyGeneratorBefore = this.keyGenerator.num, rollbackKeyGenerator = () => {
					rolledBack2 || (rolledBack2 = true, this.keyGenerator && (this.keyGenerator.num = keyGeneratorBefore));
				};
				if (rollbackLogForThisOperation.push(rollbackKeyGenerator), rollbackLog && rollbackLog.push(rollbackKeyGenerator), newRecord.key = this.keyGenerator.next(), this.keyPath !== null) {
					if (Array.isArray(this.keyPath)) throw new Error("Cannot have an array key path in an object store with a key generator");
					let remainingKeyPath = this.keyPath, object = newRecord.value, identifier2, i = 0;
					for (; i >= 0; ) {
						if (typeof object != "object") throw new DataError();
						i = remainingKeyPath.indexOf("."), i >= 0 && (identifier2 = remainingKeyPath.slice(0, i), remainingKeyPath = remainingKeyPath.slice(i + 1), Object.hasOwn(object, identifier2) || Object.defineProperty(object, identifier2, { configurable: true, enumerable: true, writable: true, value: {} }), object = object[identifier2]);
					}
					identifier2 = remainingKeyPath, Object.defineProperty(object, identifier2, { configurable: true, enumerable: true, writable: true, value: newRecord.key });
				}
			} else this.keyGenerator !== null && typeof newRecord.key == "number" && this.keyGenerator.setIfLarger(newRecord.key);
			const existingRecord = this.records.put(newRecord, noOverwrite);
			let rolledBack = false;
			const rollbackStoreRecord = () => {
				rolledBack || (rolledBack = true, existingRecord ? this.storeRecord(existingRecord, false) : this.deleteRecord(newRecord.key));
			};
			if (rollbackLogForThisOperation.push(rollbackStoreRecord), rollbackLog && rollbackLog.push(rollbackStoreRecord), existingRecord) for (const rawIndex of this.rawIndexes.values()) rawIndex.deleteRecord(existingRecord);
			try {
				for (const rawIndex of this.rawIndexes.values()) rawIndex.initialized && rawIndex.storeRecord(newRecord);
			} catch (err) {
				if (err.name === "ConstraintError") for (const rollback of rollbackLogForThisOperation) rollback();
				throw err;
			}
			return newRecord.key;
		}
		deleteRecord(key, rollbackLog) {
			const deletedRecords = this.records.delete(key);
			if (rollbackLog) for (const record of deletedRecords) rollbackLog.push(() => {
				this.storeRecord(record, true);
			});
			for (const rawIndex of this.rawIndexes.values()) for (const record of deletedRecords) rawIndex.deleteRecord(record);
		}
		clear(rollbackLog) {
			const deletedRecords = this.records.clear();
			if (rollbackLog) for (const record of deletedRecords) rollbackLog.push(() => {
				this.storeRecord(record, true);
			});
			for (const rawIndex of this.rawIndexes.values()) rawIndex.records.clear();
		}
		count(range2) {
			if (range2 === void 0 || range2.lower === void 0 && range2.upper === void 0) return this.records.size();
			let count = 0;
			for (const record of this.records.values(range2)) count += 1;
			return count;
		}
	};
	var stdin_default25 = ObjectStore;

	// node_modules/fake-indexeddb/build/esm/lib/closeConnection.js
	var closeConnection = (connection, forced = false) => {
		if (connection._closePending = true, connection._rawDatabase.transactions.every((transaction) => transaction._state === "finished")) {
			if (connection._closed = true, connection._rawDatabase.connections = connection._rawDatabase.connections.filter((otherConnection) => connection !== otherConnection), forced) {
				const event = new stdin_default22("close", { bubbles: false, cancelable: false });
				event.eventPath = [], connection.dispatchEvent(event);
			}
		} else queueTask.poll(() => {
			closeConnection(connection, forced);
		});
	};
	var stdin_default26 = closeConnection;

	// node_modules/fake-indexeddb/build/esm/FDBDatabase.js
	var confirmActiveVersionchangeTransaction = (database) => {
		let transaction;
		if (database._runningVersionchangeTransaction && (transaction = database._rawDatabase.transactions.findLast((tx) => tx.mode === "versionchange")), !transaction) throw new InvalidStateError();
		if (transaction._state !== "active") throw new TransactionInactiveError();
		return transaction;
	};
	var FDBDatabase = class extends stdin_default9 {
		_closePending = false;
		_closed = false;
		_runningVersionchangeTransaction = false;
		constructor(rawDatabase) {
			super(), this._rawDatabase = rawDatabase, this._rawDatabase.connections.push(this), this.name = rawDatabase.name, this.version = rawDatabase.version, this.objectStoreNames = new stdin_default11(...Array.from(rawDatabase.rawObjectStores.keys()).sort());
		}
		createObjectStore(name, options2 = {}) {
			if (name === void 0) throw new TypeError();
			const transaction = confirmActiveVersionchangeTransaction(this), keyPath = options2 !== null && options2.keyPath !== void 0 ? options2.keyPath : null, autoIncrement = options2 !== null && options2.autoIncrement !== void 0 ? options2.autoIncrement : false;
			if (keyPath !== null && stdin_default21(keyPath), this._rawDatabase.rawObjectStores.has(name)) throw new ConstraintError();
			if (autoIncrement && (keyPath === "" || Array.isArray(keyPath))) throw new InvalidAccessError();
			const objectStoreNames = [...this.objectStoreNames], transactionObjectStoreNames = [...transaction.objectStoreNames], rawObjectStore = new stdin_default25(this._rawDatabase, name, keyPath, autoIncrement);
			return this.objectStoreNames._push(name), this.objectStoreNames._sort(), transaction._scope.add(name), transaction._createdObjectStores.add(rawObjectStore), this._rawDatabase.rawObjectStores.set(name, rawObjectStore), transaction.objectStoreNames = new stdin_default11(...this.objectStoreNames), transaction._rollbackLog.push(() => {
				rawObjectStore.deleted = true, this.objectStoreNames = new stdin_default11(...objectStoreNames), transaction.objectStoreNames = new stdin_default11(...transactionObjectStoreNames), transaction._scope.delete(rawObjectStore.name), this._rawDatabase.rawObjectStores.delete(rawObjectStore.name);
			}), transaction.objectStore(name);
		}
		deleteObjectStore(name) {
			if (name === void 0) throw new TypeError();
			const transaction = confirmActiveVersionchangeTransaction(this), store = this._rawDatabase.rawObjectStores.get(name);
			if (store === void 0) throw new NotFoundError();
			this.objectStoreNames = new stdin_default11(...Array.from(this.objectStoreNames).filter((objectStoreName) => objectStoreName !== name)), transaction.objectStoreNames = new stdin_default11(...this.objectStoreNames);
			const objectStore = transaction._objectStoresCache.get(name);
			let prevIndexNames;
			objectStore && (prevIndexNames = [...objectStore.indexNames], objectStore.indexNames = new stdin_default11()), transaction._rollbackLog.push(() => {
				store.deleted = false, this._rawDatabase.rawObjectStores.set(store.name, store), this.objectStoreNames._push(store.name), transaction.objectStoreNames._push(store.name), this.objectStoreNames._sort(), objectStore && prevIndexNames && (objectStore.indexNames = new stdin_default11(...prevIndexNames));
			}), store.deleted = true, this._rawDatabase.rawObjectStores.delete(name), transaction._objectStoresCache.delete(name);
		}
		transaction(storeNames, mode, options2) {
			if (mode = mode !== void 0 ? mode : "readonly", mode !== "readonly" && mode !== "readwrite" && mode !== "versionchange") throw new TypeError("Invalid mode: " + mode);
			if (this._rawDatabase.transactions.some((transaction) => transaction._state === "active" && transaction.mode === "versionchange" && transaction.db === this)) throw new InvalidStateError();
			if (this._closePending) throw new InvalidStateError();
			if (Array.isArray(storeNames) || (storeNames = [storeNames]), storeNames.length === 0 && mode !== "versionchange") throw new InvalidAccessError();
			for (const storeName of storeNames) if (!this.objectStoreNames.contains(storeName)) throw new NotFoundError("No objectStore named " + storeName + " in this database");
			const durability = options2?.durability ?? "default";
			if (durability !== "default" && durability !== "strict" && durability !== "relaxed") throw new TypeError(`'${durability}' (value of 'durability' member of IDBTransactionOptions) is not a valid value for enumeration IDBTransactionDurability`);
			const tx = new stdin_default23(storeNames, mode, durability, this);
			return this._rawDatabase.transactions.push(tx), this._rawDatabase.processTransactions(), tx;
		}
		close() {
			stdin_default26(this);
		}
		get [Symbol.toStringTag]() {
			return "IDBDatabase";
		}
	};
	var stdin_default27 = FDBDatabase;

	// node_modules/fake-indexeddb/build/esm/FDBOpenDBRequest.js
	var FDBOpenDBRequest = class extends stdin_default10 {
		onupgradeneeded = null;
		onblocked = null;
		get [Symbol.toStringTag]() {
			return "IDBOpenDBRequest";
		}
	};
	var stdin_default28 = FDBOpenDBRequest;

	// node_modules/fake-indexeddb/build/esm/FDBVersionChangeEvent.js
	var FDBVersionChangeEvent = class extends stdin_default22 {
		constructor(type, parameters = {}) {
			super(type), this.newVersion = parameters.newVersion !== void 0 ? parameters.newVersion : null, this.oldVersion = parameters.oldVersion !== void 0 ? parameters.oldVersion : 0;
		}
		get [Symbol.toStringTag]() {
			return "IDBVersionChangeEvent";
		}
	};
	var stdin_default29 = FDBVersionChangeEvent;

	// node_modules/fake-indexeddb/build/esm/lib/intersection.js
	function intersection(set1, set2) {
		return "intersection" in set1 ? set1.intersection(set2) : new Set([...set1].filter((item) => set2.has(item)));
	}

	// node_modules/fake-indexeddb/build/esm/lib/Database.js
	var Database = class {
		transactions = [];
		rawObjectStores = /* @__PURE__ */ new Map();
		connections = [];
		constructor(name, version) {
			this.name = name, this.version = version, this.processTransactions = this.processTransactions.bind(this);
		}
		processTransactions() {
			queueTask(() => {
				const running = this.transactions.filter((transaction) => transaction._started && transaction._state !== "finished"), waiting = this.transactions.filter((transaction) => !transaction._started && transaction._state !== "finished"), next = waiting.find((transaction, i) => running.some((other) => !(transaction.mode === "readonly" && other.mode === "readonly") && intersection(other._scope, transaction._scope).size > 0) ? false : !waiting.slice(0, i).some((other) => intersection(other._scope, transaction._scope).size > 0));
				next && (next.addEventListener("complete", this.processTransactions), next.addEventListener("abort", this.processTransactions), next._start());
			});
		}
	};
	var stdin_default30 = Database;

	// node_modules/fake-indexeddb/build/esm/lib/validateRequiredArguments.js
	function validateRequiredArguments(numArguments, expectedNumArguments, methodName) {
		if (numArguments < expectedNumArguments) throw new TypeError(`${methodName}: At least ${expectedNumArguments} ${expectedNumArguments === 1 ? "argument" : "arguments"} required, but only ${arguments.length} passed`);
	}

	// node_modules/fake-indexeddb/build/esm/FDBFactory.js
	var runTaskInConnectionQueue = (connectionQueues, name, task) => {
		const queue = connectionQueues.get(name) ?? Promise2.resolve();
		connectionQueues.set(name, queue.then(task));
	};
	var waitForOthersClosedDelete = (databases2, name, openDatabases, cb) => {
		if (openDatabases.some((openDatabase2) => !openDatabase2._closed && !openDatabase2._closePending)) {
			queueTask.poll(() => waitForOthersClosedDelete(databases2, name, openDatabases, cb));
			return;
		}
		databases2.delete(name), cb(null);
	};
	var deleteDatabase = (databases2, connectionQueues, name, request, cb) => {
		runTaskInConnectionQueue(connectionQueues, name, () => new Promise2((resolve) => {
			const db = databases2.get(name), oldVersion = db !== void 0 ? db.version : 0, onComplete = (err) => {
				try {
					err ? cb(err) : cb(null, oldVersion);
				} finally {
					resolve();
				}
			};
			try {
				const db2 = databases2.get(name);
				if (db2 === void 0) {
					onComplete(null);
					return;
				}
				const openConnections = db2.connections.filter((connection) => !connection._closed);
				for (const openDatabase2 of openConnections) openDatabase2._closePending || queueTask(() => {
					const event = new stdin_default29("versionchange", { newVersion: null, oldVersion: db2.version });
					openDatabase2.dispatchEvent(event);
				});
				queueTask(() => {
					openConnections.some((openDatabase3) => !openDatabase3._closed && !openDatabase3._closePending) && queueTask(() => {
						const event = new stdin_default29("blocked", { newVersion: null, oldVersion: db2.version });
						request.dispatchEvent(event);
					}), waitForOthersClosedDelete(databases2, name, openConnections, onComplete);
				});
			} catch (err) {
				onComplete(err);
			}
		}));
	};
	var runVersionchangeTransaction = (connection, version, request, cb) => {
		connection._runningVersionchangeTransaction = true;
		const oldVersion = connection._oldVersion = connection.version, openConnections = connection._rawDatabase.connections.filter((otherDatabase) => connection !== otherDatabase);
		for (const openDatabase2 of openConnections) !openDatabase2._closed && !openDatabase2._closePending && queueTask(() => {
			const event = new stdin_default29("versionchange", { newVersion: version, oldVersion });
			openDatabase2.dispatchEvent(event);
		});
		queueTask(() => {
			openConnections.some((openDatabase3) => !openDatabase3._closed && !openDatabase3._closePending) && queueTask(() => {
				const event = new stdin_default29("blocked", { newVersion: version, oldVersion });
				request.dispatchEvent(event);
			});
			const waitForOthersClosed = () => {
				if (openConnections.some((openDatabase2) => !openDatabase2._closed && !openDatabase2._closePending)) {
					queueTask.poll(waitForOthersClosed);
					return;
				}
				connection._rawDatabase.version = version, connection.version = version;
				const transaction = connection.transaction(Array.from(connection.objectStoreNames), "versionchange");
				transaction._openRequest = request, request.result = connection, request.readyState = "done", request.transaction = transaction, transaction._rollbackLog.push(() => {
					connection._rawDatabase.version = oldVersion, connection.version = oldVersion;
				}), transaction._state = "active";
				const event = new stdin_default29("upgradeneeded", { newVersion: version, oldVersion });
				let didThrow = false;
				try {
					request.dispatchEvent(event);
				} catch {
					didThrow = true;
				}
				const concludeUpgrade = () => {
					transaction._state === "active" && (transaction._state = "inactive", didThrow && transaction._abort("AbortError"));
				};
				didThrow ? concludeUpgrade() : queueTask(concludeUpgrade), transaction._prioritizedListeners.set("error", () => {
					connection._runningVersionchangeTransaction = false, connection._oldVersion = void 0;
				}), transaction._prioritizedListeners.set("abort", () => {
					connection._runningVersionchangeTransaction = false, connection._oldVersion = void 0, queueTask(() => {
						request.transaction = null, cb(new AbortError());
					});
				}), transaction._prioritizedListeners.set("complete", () => {
					connection._runningVersionchangeTransaction = false, connection._oldVersion = void 0, queueTask(() => {
						request.transaction = null, connection._closePending ? cb(new AbortError()) : cb(null);
					});
				});
			};
			waitForOthersClosed();
		});
	};
	var openDatabase = (databases2, connectionQueues, name, version, request, cb) => {
		runTaskInConnectionQueue(connectionQueues, name, () => new Promise2((resolve) => {
			const onComplete = (err) => {
				try {
					err ? cb(err) : cb(null, connection);
				} finally {
					resolve();
				}
			};
			let db = databases2.get(name);
			if (db === void 0 && (db = new stdin_default30(name, 0), databases2.set(name, db)), version === void 0 && (version = db.version !== 0 ? db.version : 1), db.version > version) return onComplete(new VersionError());
			const connection = new stdin_default27(db);
			db.version < version ? runVersionchangeTransaction(connection, version, request, (err) => {
				onComplete(err);
			}) : onComplete(null);
		}));
	};
	var FDBFactory = class {
		_databases = /* @__PURE__ */ new Map();
		_connectionQueues = /* @__PURE__ */ new Map();
		cmp(first2, second) {
			return validateRequiredArguments(arguments.length, 2, "IDBFactory.cmp"), stdin_default3(first2, second);
		}
		deleteDatabase(name) {
			validateRequiredArguments(arguments.length, 1, "IDBFactory.deleteDatabase");
			const request = new stdin_default28();
			return request.source = null, queueTask(() => {
				deleteDatabase(this._databases, this._connectionQueues, name, request, (err, oldVersion) => {
					if (err) {
						request.error = new DOMException(err.message, err.name), request.readyState = "done";
						const event = new stdin_default22("error", { bubbles: true, cancelable: true });
						event.eventPath = [], request.dispatchEvent(event);
						return;
					}
					request.result = void 0, request.readyState = "done";
					const event2 = new stdin_default29("success", { newVersion: null, oldVersion });
					request.dispatchEvent(event2);
				});
			}), request;
		}
		open(name, version) {
			if (validateRequiredArguments(arguments.length, 1, "IDBFactory.open"), arguments.length > 1 && version !== void 0 && (version = stdin_default14(version, "MAX_SAFE_INTEGER")), version === 0) throw new TypeError("Database version cannot be 0");
			const request = new stdin_default28();
			return request.source = null, queueTask(() => {
				openDatabase(this._databases, this._connectionQueues, name, version, request, (err, connection) => {
					if (err) {
						request.result = void 0, request.readyState = "done", request.error = new DOMException(err.message, err.name);
						const event = new stdin_default22("error", { bubbles: true, cancelable: true });
						event.eventPath = [], request.dispatchEvent(event);
						return;
					}
					request.result = connection, request.readyState = "done";
					const event2 = new stdin_default22("success");
					event2.eventPath = [], request.dispatchEvent(event2);
				});
			}), request;
		}
		databases() {
			return Promise2.resolve(Array.from(this._databases.entries(), ([name, database]) => {
				const activeVersionChangeConnection = database.connections.find((connection) => connection._runningVersionchangeTransaction), version = activeVersionChangeConnection ? activeVersionChangeConnection._oldVersion : database.version;
				return { name, version };
			}).filter(({ version }) => version > 0));
		}
		get [Symbol.toStringTag]() {
			return "IDBFactory";
		}
	};
	var stdin_default31 = FDBFactory;

	// src/kv-codec.js
	var NUMBER = 16;
	var DATE = 32;
	var STRING = 48;
	var BINARY = 64;
	var ARRAY = 80;
	var f64 = new DataView(new ArrayBuffer(8));
	function writeNumber(w, n) {
		f64.setFloat64(0, n === 0 ? 0 : n);
		w.ensure(8);
		const negative = f64.getUint8(0) & 128;
		for (let i = 0; i < 8; i++) {
			const b = f64.getUint8(i);
			w.buf[w.len++] = negative ? ~b & 255 : i === 0 ? b | 128 : b;
		}
	}
	function readNumber(bytes, pos) {
		const negative = !(bytes[pos] & 128);
		for (let i = 0; i < 8; i++) {
			const b = bytes[pos + i];
			f64.setUint8(i, negative ? ~b & 255 : i === 0 ? b & 127 : b);
		}
		return f64.getFloat64(0);
	}
	function writeString(w, s) {
		w.ensure(s.length * 3 + 1);
		const buf = w.buf;
		let len = w.len;
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			if (c <= 126) {
				buf[len++] = c + 1;
			} else if (c <= 16510) {
				const v = c - 127 + 32768;
				buf[len++] = v >> 8;
				buf[len++] = v & 255;
			} else {
				const v = c << 6 | 12582912;
				buf[len++] = v >> 16;
				buf[len++] = v >> 8 & 255;
				buf[len++] = v & 255;
			}
		}
		buf[len++] = 0;
		w.len = len;
	}
	function readString(bytes, pos) {
		let out = "";
		let chunk = [];
		for (; ; ) {
			const b = bytes[pos];
			if (b === void 0) throw corrupt2();
			if (b === 0) {
				pos++;
				break;
			}
			let c;
			if (b < 128) {
				c = b - 1;
				pos += 1;
			} else if (b < 192) {
				c = (b << 8 | bytes[pos + 1]) - 32768 + 127;
				pos += 2;
			} else {
				c = ((b << 16 | bytes[pos + 1] << 8 | bytes[pos + 2]) & 4194303) >> 6;
				pos += 3;
			}
			chunk.push(c);
			if (chunk.length === 4096) {
				out += String.fromCharCode.apply(null, chunk);
				chunk = [];
			}
		}
		return [out + String.fromCharCode.apply(null, chunk), pos];
	}
	function writeBinary(w, bytes) {
		w.ensure(bytes.length * 2 + 1);
		for (let i = 0; i < bytes.length; i++) {
			const b = bytes[i];
			w.buf[w.len++] = b;
			if (b === 0) w.buf[w.len++] = 255;
		}
		w.buf[w.len++] = 0;
	}
	function readBinary(bytes, pos) {
		const out = [];
		for (; ; ) {
			const b = bytes[pos];
			if (b === void 0) throw corrupt2();
			if (b === 0) {
				if (bytes[pos + 1] === 255) {
					out.push(0);
					pos += 2;
					continue;
				}
				pos++;
				break;
			}
			out.push(b);
			pos++;
		}
		return [new Uint8Array(out).buffer, pos];
	}
	function corrupt2() {
		return new DOMException("Stored IndexedDB key is corrupt", "UnknownError");
	}
	var dateTime = Date.prototype.getTime;
	var isDate = (v) => {
		try {
			dateTime.call(v);
			return true;
		} catch {
			return false;
		}
	};
	function writeKey(w, key) {
		if (typeof key === "number") {
			w.byte(NUMBER);
			writeNumber(w, key);
		} else if (typeof key === "string") {
			w.byte(STRING);
			writeString(w, key);
		} else if (Array.isArray(key)) {
			w.byte(ARRAY);
			for (let i = 0; i < key.length; i++) writeKey(w, key[i]);
			w.byte(0);
		} else if (key instanceof ArrayBuffer) {
			w.byte(BINARY);
			writeBinary(w, new Uint8Array(key));
		} else if (ArrayBuffer.isView(key)) {
			w.byte(BINARY);
			writeBinary(w, new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
		} else if (isDate(key)) {
			w.byte(DATE);
			writeNumber(w, dateTime.call(key));
		} else {
			throw new DOMException("Data provided to an operation does not meet requirements.", "DataError");
		}
	}
	function readKey(bytes, pos) {
		const tag = bytes[pos++];
		switch (tag) {
			case NUMBER:
				return [readNumber(bytes, pos), pos + 8];
			case DATE:
				return [new Date(readNumber(bytes, pos)), pos + 8];
			case STRING:
				return readString(bytes, pos);
			case BINARY:
				return readBinary(bytes, pos);
			case ARRAY: {
				const out = [];
				while (bytes[pos] !== 0) {
					if (bytes[pos] === void 0) throw corrupt2();
					const [item, next] = readKey(bytes, pos);
					out.push(item);
					pos = next;
				}
				return [out, pos + 1];
			}
			default:
				throw corrupt2();
		}
	}
	function encodeKey(key) {
		const w = new ByteWriter();
		writeKey(w, key);
		return w.result();
	}
	function decodeKey(bytes) {
		const [key, pos] = readKey(bytes, 0);
		if (pos !== bytes.length) throw corrupt2();
		return key;
	}
	function encodeString(s) {
		const w = new ByteWriter();
		writeString(w, s);
		return w.result();
	}
	function decodeString(bytes) {
		return readString(bytes, 0)[0];
	}
	function asciiBytes(s) {
		const out = new Uint8Array(s.length);
		for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
		return out;
	}
	function bytesToAscii(bytes, start = 0, end = bytes.length) {
		let s = "";
		for (let i = start; i < end; i += 4096) s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + 4096)));
		return s;
	}
	function escapeName(name) {
		return String(name).replace(/[%:]/g, (c) => c === "%" ? "%25" : "%3A");
	}
	function unescapeName(s) {
		return s.replace(/%3A|%25/g, (c) => c === "%25" ? "%" : ":");
	}
	function concatBytes2(...parts) {
		let n = 0;
		for (const p of parts) n += p.length;
		const out = new Uint8Array(n);
		let at = 0;
		for (const p of parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	}
	function prefixEnd(prefix) {
		const out = prefix.slice();
		for (let i = out.length - 1; i >= 0; i--) {
			if (out[i] !== 255) {
				out[i]++;
				return out.slice(0, i + 1);
			}
		}
		return null;
	}

	// src/idb-records.js
	var CHUNK_BYTES = 1 << 20;
	var MAX_CHUNK_RECORDS = 256;
	var EMPTY = new Uint8Array(0);
	var AFTER = new Uint8Array([81]);
	var StoredRecord = class {
		#bytes;
		#value;
		constructor(key, bytes) {
			this.key = key;
			this.#bytes = bytes;
		}
		get value() {
			if (this.#bytes !== null) {
				this.#value = deserialize(this.#bytes);
				this.#bytes = null;
			}
			return this.#value;
		}
		set value(v) {
			this.#bytes = null;
			this.#value = v;
		}
	};
	var KINDS = {
		store: {
			encode: (r) => encodeKey(r.key),
			value: (r) => serialize(r.value),
			decode: (k, v) => new StoredRecord(decodeKey(k), v)
		},
		unique: {
			encode: (r) => encodeKey(r.key),
			value: (r) => encodeKey(r.value),
			decode: (k, v) => ({ key: decodeKey(k), value: decodeKey(v) })
		},
		multi: {
			encode: (r) => encodeKey([r.key, r.value]),
			value: () => EMPTY,
			decode: (k) => {
				const [key, value] = decodeKey(k);
				return { key, value };
			}
		}
	};
	var indexKind = (index) => index.unique ? "unique" : "multi";
	var indexPrefix = (k) => encodeKey([k]).slice(0, -1);
	function kvBounds(kind, range2) {
		if (range2 === void 0 || range2 === null) return [null, null, false, false];
		if (kind !== "multi") {
			return [
				range2.lower === void 0 ? null : encodeKey(range2.lower),
				range2.upper === void 0 ? null : encodeKey(range2.upper),
				!!range2.lowerOpen,
				!!range2.upperOpen
			];
		}
		const lower = range2.lower === void 0 ? null : range2.lowerOpen ? concatBytes2(indexPrefix(range2.lower), AFTER) : indexPrefix(range2.lower);
		const upper = range2.upper === void 0 ? null : range2.upperOpen ? indexPrefix(range2.upper) : concatBytes2(indexPrefix(range2.upper), AFTER);
		return [lower, upper, false, true];
	}
	function nextLimit(limit, bytes, rows) {
		const perRecord = Math.max(1, bytes / rows);
		return Math.max(1, Math.min(limit * 4, MAX_CHUNK_RECORDS, Math.floor(CHUNK_BYTES / perRecord)));
	}
	function singleKey(range2) {
		if (!(range2 instanceof stdin_default4)) return { key: range2 };
		if (range2.lower === void 0 || range2.upper === void 0 || range2.lowerOpen || range2.upperOpen) return void 0;
		return cmpKeys(range2.lower, range2.upper) === 0 ? { key: range2.lower } : void 0;
	}
	function first(iterable) {
		for (const r of iterable) return r;
		return void 0;
	}
	var original = {
		get: stdin_default19.prototype.get,
		put: stdin_default19.prototype.put,
		delete: stdin_default19.prototype.delete,
		deleteByKeyAndValue: stdin_default19.prototype.deleteByKeyAndValue,
		clear: stdin_default19.prototype.clear,
		values: stdin_default19.prototype.values,
		size: stdin_default19.prototype.size
	};
	var isAttached = (records) => records.kvNs !== void 0;
	function attach(records, kind, ns) {
		records.kvKind = kind;
		records.kvNs = ns;
		resetOverlay(records);
	}
	function resetOverlay(records) {
		if (!isAttached(records)) return;
		records.records = new BinarySearchTree(records.keysAreUnique);
		records.gone = /* @__PURE__ */ new Set();
		records.touched = /* @__PURE__ */ new Map();
		records.cleared = false;
	}
	var hasChanges = (records) => isAttached(records) && (records.cleared || records.touched.size > 0);
	function snapshot(records) {
		return { records: records.records, gone: new Set(records.gone), touched: new Map(records.touched), cleared: records.cleared };
	}
	function restore(records, s) {
		Object.assign(records, s);
	}
	function ownRecord(records, key, value) {
		for (const r of records.records.getRecords(stdin_default4.only(key))) {
			if (records.kvKind !== "multi" || cmpKeys(r.value, value) === 0) return r;
		}
		return void 0;
	}
	var overlayRecord = (records, t) => ownRecord(records, t.key, t.value);
	function* committed(records, range2, descending) {
		const kind = KINDS[records.kvKind];
		let [lower, upper, lowerOpen, upperOpen] = kvBounds(records.kvKind, range2);
		let limit = 2;
		for (; ; ) {
			const rows = host.kvRange(records.kvNs, lower, upper, lowerOpen, upperOpen, descending, limit);
			let bytes = 0;
			for (const [k, v] of rows) {
				bytes += k.length + v.length;
				const id = bytesToAscii(k);
				if (!records.gone.has(id)) yield { record: kind.decode(k, v), id };
			}
			if (rows.length < limit) return;
			const last = rows[rows.length - 1][0];
			if (descending) [upper, upperOpen] = [last, true];
			else [lower, lowerOpen] = [last, true];
			limit = nextLimit(limit, bytes, rows.length);
		}
	}
	function* merged(records, range2, descending) {
		const multi = records.kvKind === "multi";
		const cmp2 = (a, b2) => {
			const c = cmpKeys(a.key, b2.key);
			return c !== 0 || !multi ? c : cmpKeys(a.value, b2.value);
		};
		const own = range2 ? records.records.getRecords(range2, descending) : records.records.getAllRecords(descending);
		const base = records.cleared ? [][Symbol.iterator]() : committed(records, range2, descending);
		let o = own.next();
		let b = base.next();
		while (!o.done || !b.done) {
			if (!b.done && records.gone.has(b.value.id)) {
				b = base.next();
				continue;
			}
			if (b.done) {
				yield o.value;
				o = own.next();
			} else if (o.done) {
				yield b.value.record;
				b = base.next();
			} else {
				const c = descending ? -cmp2(o.value, b.value.record) : cmp2(o.value, b.value.record);
				if (c <= 0) {
					yield o.value;
					o = own.next();
					if (c === 0) b = base.next();
				} else {
					yield b.value.record;
					b = base.next();
				}
			}
		}
	}
	function removeOne(records, record) {
		const kind = KINDS[records.kvKind];
		const enc = kind.encode(record);
		const id = bytesToAscii(enc);
		let t = records.touched.get(id);
		if (t === void 0) {
			t = { enc, inBase: !records.cleared, key: record.key, value: records.kvKind === "multi" ? record.value : void 0, guarded: false };
			records.touched.set(id, t);
		}
		records.records.delete(record);
		if (t.inBase) records.gone.add(id);
	}
	var guardedPut = false;
	var storeRecord = stdin_default25.prototype.storeRecord;
	stdin_default25.prototype.storeRecord = function(newRecord, noOverwrite, rollbackLog) {
		const prev = guardedPut;
		guardedPut = !!noOverwrite || this.keyGenerator !== null && newRecord.key === void 0;
		try {
			return Reflect.apply(storeRecord, this, [newRecord, noOverwrite, rollbackLog]);
		} finally {
			guardedPut = prev;
		}
	};
	stdin_default19.prototype.get = function get(key) {
		if (!isAttached(this)) return Reflect.apply(original.get, this, [key]);
		const single = singleKey(key);
		if (single === void 0 || this.kvKind === "multi") {
			return first(merged(this, key instanceof stdin_default4 ? key : stdin_default4.only(key), false));
		}
		key = single.key;
		const own = ownRecord(this, key);
		if (own !== void 0) return own;
		if (this.cleared) return void 0;
		const enc = encodeKey(key);
		if (this.touched.has(bytesToAscii(enc))) return void 0;
		const v = host.kvGet(this.kvNs, enc);
		return v === null ? void 0 : KINDS[this.kvKind].decode(enc, v);
	};
	stdin_default19.prototype.put = function put(record, noOverwrite = false) {
		if (!isAttached(this)) return Reflect.apply(original.put, this, [record, noOverwrite]);
		const kind = KINDS[this.kvKind];
		const enc = kind.encode(record);
		const id = bytesToAscii(enc);
		let t = this.touched.get(id);
		let existing;
		if (t === void 0) {
			let inBase = false;
			if (!this.cleared) {
				const v = host.kvGet(this.kvNs, enc);
				if (v !== null) {
					inBase = true;
					existing = kind.decode(enc, v);
				}
			}
			t = { enc, inBase, key: record.key, value: this.kvKind === "multi" ? record.value : void 0, guarded: false };
		} else {
			existing = overlayRecord(this, t);
		}
		if (existing !== void 0 && noOverwrite) throw new ConstraintError();
		this.records.put(record);
		this.gone.delete(id);
		if (this.kvKind === "store" && guardedPut && existing === void 0) t.guarded = true;
		this.touched.set(id, t);
		return existing;
	};
	stdin_default19.prototype.delete = function del(key) {
		if (!isAttached(this)) return Reflect.apply(original.delete, this, [key]);
		let deleted;
		const single = singleKey(key);
		if (single === void 0 || this.kvKind === "multi") {
			deleted = [...merged(this, key instanceof stdin_default4 ? key : stdin_default4.only(key), false)];
		} else {
			const record = this.get(single.key);
			deleted = record === void 0 ? [] : [record];
		}
		for (const record of deleted) removeOne(this, record);
		return deleted;
	};
	stdin_default19.prototype.deleteByKeyAndValue = function deleteByKeyAndValue(key, value) {
		if (!isAttached(this)) return Reflect.apply(original.deleteByKeyAndValue, this, [key, value]);
		if (this.kvKind === "unique") {
			const record2 = this.get(key);
			if (record2 !== void 0 && cmpKeys(record2.value, value) === 0) removeOne(this, record2);
			return;
		}
		const record = { key, value };
		const enc = KINDS.multi.encode(record);
		const t = this.touched.get(bytesToAscii(enc));
		const present = t !== void 0 ? overlayRecord(this, t) !== void 0 : !this.cleared && host.kvGet(this.kvNs, enc) !== null;
		if (present) removeOne(this, record);
	};
	stdin_default19.prototype.clear = function clear() {
		if (!isAttached(this)) return Reflect.apply(original.clear, this, []);
		this.records = new BinarySearchTree(this.keysAreUnique);
		this.gone = /* @__PURE__ */ new Set();
		this.touched = /* @__PURE__ */ new Map();
		this.cleared = true;
		return [];
	};
	stdin_default19.prototype.values = function values(range2, direction = "next") {
		if (!isAttached(this)) return Reflect.apply(original.values, this, [range2, direction]);
		const descending = direction === "prev" || direction === "prevunique";
		const self = this;
		return {
			*[Symbol.iterator]() {
				const records = merged(self, range2, descending);
				if (direction === "next" || direction === "prev") {
					yield* records;
					return;
				}
				let held;
				for (const r of records) {
					if (held !== void 0 && cmpKeys(held.key, r.key) === 0) {
						if (descending) held = r;
						continue;
					}
					if (held !== void 0) yield held;
					held = r;
				}
				if (held !== void 0) yield held;
			}
		};
	};
	stdin_default19.prototype.size = function size() {
		if (!isAttached(this)) return Reflect.apply(original.size, this, []);
		return countRange(this, void 0);
	};
	function countRange(records, range2) {
		let n = 0;
		if (!records.cleared) {
			const [lower, upper, lowerOpen, upperOpen] = kvBounds(records.kvKind, range2);
			n = host.kvCount(records.kvNs, lower, upper, lowerOpen, upperOpen);
		}
		for (const t of records.touched.values()) {
			if (range2 !== void 0 && range2 !== null && !range2.includes(t.key)) continue;
			n += (overlayRecord(records, t) !== void 0 ? 1 : 0) - (t.inBase ? 1 : 0);
		}
		return n;
	}
	for (const Cls of [stdin_default25, stdin_default20]) {
		const count = Cls.prototype.count;
		Cls.prototype.count = function(range2) {
			if (!isAttached(this.records)) return Reflect.apply(count, this, [range2]);
			return countRange(this.records, range2);
		};
	}
	var clearStore = stdin_default25.prototype.clear;
	stdin_default25.prototype.clear = function(rollbackLog) {
		if (!isAttached(this.records)) return Reflect.apply(clearStore, this, [rollbackLog]);
		const all = [this.records, ...[...this.rawIndexes.values()].map((i) => i.records)];
		const saved = all.map((r) => [r, snapshot(r)]);
		if (rollbackLog) rollbackLog.push(() => {
			for (const [r, s] of saved) restore(r, s);
		});
		for (const r of all) r.clear();
	};
	var iterate = stdin_default7.prototype._iterate;
	stdin_default7.prototype._iterate = function(key, primaryKey) {
		const range2 = this._range;
		const pos = this._position;
		if (range2 === void 0 || pos === void 0) return Reflect.apply(iterate, this, [key, primaryKey]);
		const forward = this.direction === "next" || this.direction === "nextunique";
		if (forward && (range2.lower === void 0 || cmpKeys(pos, range2.lower) > 0)) {
			this._range = new stdin_default4(pos, range2.upper, false, range2.upperOpen);
		} else if (!forward && (range2.upper === void 0 || cmpKeys(pos, range2.upper) < 0)) {
			this._range = new stdin_default4(range2.lower, pos, range2.lowerOpen, false);
		}
		try {
			return Reflect.apply(iterate, this, [key, primaryKey]);
		} finally {
			this._range = range2;
		}
	};
	function commitOps(records) {
		const kind = KINDS[records.kvKind];
		const ns = records.kvNs;
		const ops = [];
		const guarded = [];
		if (records.cleared) ops.push({ op: "deleteRange", ns, lower: null, upper: null, lowerOpen: false, upperOpen: false });
		for (const t of records.touched.values()) {
			const record = overlayRecord(records, t);
			if (record !== void 0) {
				ops.push({ op: "put", ns, key: t.enc, value: kind.value(record) });
				if (t.guarded && !t.inBase && !records.cleared) guarded.push({ ns, enc: t.enc });
			} else if (t.inBase) {
				ops.push({ op: "delete", ns, key: t.enc });
			}
		}
		return { ops, guarded };
	}
	function writeAllOps(records, kind, ns) {
		const k = KINDS[kind];
		const ops = [];
		const all = isAttached(records) ? merged(records, void 0, false) : records.records.getAllRecords();
		for (const record of all) ops.push({ op: "put", ns, key: k.encode(record), value: k.value(record) });
		return ops;
	}
	function buildIndexOps(store, index, ns) {
		const kind = indexKind(index);
		const scratch2 = new stdin_default19(index.unique);
		const probe = Object.create(index, { records: { value: scratch2 } });
		for (const record of merged(store.records, void 0, false)) {
			try {
				Reflect.apply(stdin_default20.prototype.storeRecord, probe, [record]);
			} catch (e) {
				if (e?.name !== "ConstraintError") throw e;
			}
		}
		return writeAllOps(scratch2, kind, ns);
	}

	// src/idb.js
	var SCHEMA_KEY = asciiBytes("schema");
	var metaNs = (db) => `idb-meta:${escapeName(db)}`;
	var storeNs = (db, id) => `idb:${escapeName(db)}:${id}`;
	var indexNs = (db, id, name) => `idb:${escapeName(db)}:${id}:${escapeName(name)}`;
	var storeStateKey = (id) => asciiBytes(`store:${id}`);
	var contextId = null;
	var stampCounter = 0;
	function newStamp() {
		if (contextId === null) contextId = Array.from(host.randomBytes(6), (b) => b.toString(16).padStart(2, "0")).join("");
		return `${contextId}.${++stampCounter}`;
	}
	function hostFailure(e, what) {
		const detail = e && typeof e === "object" && "message" in e ? String(e.message) : String(e);
		return new DOMException(`${what}: ${detail}`, "UnknownError");
	}
	var dbState = /* @__PURE__ */ new WeakMap();
	var storeState = /* @__PURE__ */ new WeakMap();
	function stateOfDb(rawDb) {
		let s = dbState.get(rawDb);
		if (!s) dbState.set(rawDb, s = { gen: -1, nextId: 1, ids: /* @__PURE__ */ new Set() });
		return s;
	}
	function stateOfStore(store) {
		let s = storeState.get(store);
		if (!s) storeState.set(store, s = { id: void 0, stamp: null, loaded: true, stale: false });
		return s;
	}
	function readMeta(name) {
		const entries = host.kvRange(metaNs(name), null, null, false, false, false, 0);
		let schema = null;
		const stores = /* @__PURE__ */ new Map();
		for (const [k, v] of entries) {
			const key = bytesToAscii(k);
			if (key === "schema") schema = deserialize(v);
			else if (key.startsWith("store:")) stores.set(Number(key.slice(6)), deserialize(v));
		}
		return { schema, stores };
	}
	function versionchangeRunning(rawDb) {
		return rawDb.transactions.some((t) => t.mode === "versionchange" && t._state !== "finished") || rawDb.connections.some((c) => c._runningVersionchangeTransaction);
	}
	function sameKeyPath(a, b) {
		if (Array.isArray(a) || Array.isArray(b)) {
			return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
		}
		return a === b;
	}
	function applySchema(rawDb, schema) {
		const ds = stateOfDb(rawDb);
		if (schema === null) {
			if (ds.ids.size === 0 && rawDb.version === 0) return;
			for (const store of rawDb.rawObjectStores.values()) store.deleted = true;
			rawDb.rawObjectStores.clear();
			rawDb.version = 0;
			ds.ids.clear();
			ds.nextId = 1;
			return;
		}
		rawDb.version = schema.version;
		ds.nextId = schema.nextId;
		const byId = /* @__PURE__ */ new Map();
		for (const store of rawDb.rawObjectStores.values()) {
			const id = stateOfStore(store).id;
			if (id !== void 0) byId.set(id, store);
		}
		const next = /* @__PURE__ */ new Map();
		for (const def of schema.stores) {
			let store = byId.get(def.id);
			if (store && (!sameKeyPath(store.keyPath, def.keyPath) || store.autoIncrement !== def.autoIncrement)) store = void 0;
			if (!store) {
				store = new stdin_default25(rawDb, def.name, def.keyPath, def.autoIncrement);
				attach(store.records, "store", storeNs(rawDb.name, def.id));
				Object.assign(stateOfStore(store), { id: def.id, loaded: false });
			}
			byId.delete(def.id);
			store.name = def.name;
			const indexes = /* @__PURE__ */ new Map();
			for (const idx of def.indexes) {
				let index = store.rawIndexes.get(idx.name);
				if (!index || !sameKeyPath(index.keyPath, idx.keyPath) || index.unique !== idx.unique || index.multiEntry !== idx.multiEntry) {
					if (index) index.deleted = true;
					index = new stdin_default20(store, idx.name, idx.keyPath, idx.multiEntry, idx.unique);
					index.initialized = true;
					attach(index.records, indexKind(index), indexNs(rawDb.name, def.id, idx.name));
				}
				indexes.set(idx.name, index);
			}
			for (const [name, index] of store.rawIndexes) {
				if (indexes.get(name) !== index) index.deleted = true;
			}
			store.rawIndexes = indexes;
			next.set(def.name, store);
		}
		for (const store of byId.values()) store.deleted = true;
		for (const store of rawDb.rawObjectStores.values()) {
			if (stateOfStore(store).id === void 0) store.deleted = true;
		}
		rawDb.rawObjectStores = next;
		ds.ids = new Set(schema.stores.map((s) => s.id));
	}
	function refreshStore(rawDb, store, meta) {
		const ss = stateOfStore(store);
		const state = meta.stores.get(ss.id);
		if (store.keyGenerator) store.keyGenerator.num = state ? state.keyGen : 0;
		if (!state?.ix && store.rawIndexes.size > 0) {
			const ops = [];
			for (const index of store.rawIndexes.values()) {
				const ns = indexNs(rawDb.name, ss.id, index.name);
				ops.push({ op: "dropNamespace", ns }, ...buildIndexOps(store, index, ns));
			}
			const stamp = state ? state.stamp : null;
			ops.push({ op: "put", ns: metaNs(rawDb.name), key: storeStateKey(ss.id), value: serialize({ stamp, keyGen: state ? state.keyGen : 0, ix: 1 }) });
			host.kvCommit(ops);
		}
		ss.stamp = state ? state.stamp : null;
		ss.loaded = true;
		ss.stale = false;
	}
	function busyStores(rawDb, except) {
		const busy = /* @__PURE__ */ new Set();
		for (const t of rawDb.transactions) {
			if (t === except || !t._started || t._state === "finished") continue;
			for (const name of t._scope) {
				const s = rawDb.rawObjectStores.get(name);
				if (s) busy.add(s);
			}
		}
		return busy;
	}
	function syncDatabase(rawDb, { stores = [], schema = true, except = null } = {}) {
		const ds = stateOfDb(rawDb);
		let gen = -1;
		for (let attempt2 = 0; attempt2 < 4; attempt2++) {
			gen = host.kvGeneration();
			const fresh = (s) => {
				const ss = stateOfStore(s);
				return ss.id === void 0 || ss.loaded && !ss.stale;
			};
			if (gen === ds.gen && stores.every(fresh)) return gen;
			const meta = readMeta(rawDb.name);
			if (schema && !versionchangeRunning(rawDb)) applySchema(rawDb, meta.schema);
			for (const s of rawDb.rawObjectStores.values()) {
				const ss = stateOfStore(s);
				if (ss.id === void 0 || !ss.loaded) continue;
				const state = meta.stores.get(ss.id);
				if ((state ? state.stamp : null) !== ss.stamp) ss.stale = true;
			}
			const busy = busyStores(rawDb, except);
			for (const s of stores) {
				if (s.deleted) continue;
				const ss = stateOfStore(s);
				if (ss.id !== void 0 && (!ss.loaded || ss.stale) && !busy.has(s)) refreshStore(rawDb, s, meta);
			}
			ds.gen = gen;
			if (host.kvGeneration() === gen) return gen;
		}
		return gen;
	}
	function syncByName(factory, name) {
		let rawDb = factory._databases.get(name);
		if (rawDb === void 0) {
			const gen = host.kvGeneration();
			const meta = readMeta(name);
			if (meta.schema === null) return;
			rawDb = new stdin_default30(name, 0);
			applySchema(rawDb, meta.schema);
			stateOfDb(rawDb).gen = gen;
			factory._databases.set(name, rawDb);
			return;
		}
		syncDatabase(rawDb);
	}
	function forgetChanges(tx) {
		const stores = tx.mode === "versionchange" ? [...tx.db._rawDatabase.rawObjectStores.values(), ...tx._createdObjectStores] : scopeStores(tx);
		for (const store of stores) {
			resetOverlay(store.records);
			for (const index of store.rawIndexes.values()) resetOverlay(index.records);
		}
	}
	var txBegin = /* @__PURE__ */ new WeakMap();
	function scopeStores(tx) {
		const rawDb = tx.db._rawDatabase;
		const out = [];
		for (const name of tx._scope) {
			const s = rawDb.rawObjectStores.get(name);
			if (s) out.push(s);
		}
		return out;
	}
	function beginTransaction(tx) {
		const rawDb = tx.db._rawDatabase;
		const gen = syncDatabase(rawDb, { stores: scopeStores(tx), schema: tx.mode !== "versionchange", except: tx });
		txBegin.set(tx, gen);
	}
	function commitOps2(tx) {
		const rawDb = tx.db._rawDatabase;
		const ds = stateOfDb(rawDb);
		const ops = [];
		const after = [];
		const meta = metaNs(rawDb.name);
		const upgrade = tx.mode === "versionchange";
		let stores = scopeStores(tx);
		let nextId4 = ds.nextId;
		const newIds = /* @__PURE__ */ new Map();
		if (upgrade) {
			stores = [...rawDb.rawObjectStores.values()];
			const schemaStores = [];
			const ids = /* @__PURE__ */ new Set();
			const wanted = /* @__PURE__ */ new Set();
			for (const store of stores) {
				const ss = stateOfStore(store);
				let id = ss.id;
				if (id === void 0) {
					id = nextId4++;
					newIds.set(store, id);
				}
				ids.add(id);
				wanted.add(storeNs(rawDb.name, id));
				for (const index of store.rawIndexes.values()) wanted.add(indexNs(rawDb.name, id, index.name));
				schemaStores.push({
					id,
					name: store.name,
					keyPath: store.keyPath,
					autoIncrement: !!store.autoIncrement,
					indexes: [...store.rawIndexes.values()].map((i) => ({ name: i.name, keyPath: i.keyPath, unique: !!i.unique, multiEntry: !!i.multiEntry }))
				});
			}
			for (const ns of host.kvNamespaces(`idb:${escapeName(rawDb.name)}:`)) {
				if (!wanted.has(ns)) ops.push({ op: "dropNamespace", ns });
			}
			for (const id of ds.ids) {
				if (!ids.has(id)) ops.push({ op: "delete", ns: meta, key: storeStateKey(id) });
			}
			ops.push({ op: "put", ns: meta, key: SCHEMA_KEY, value: serialize({ version: rawDb.version, nextId: nextId4, stores: schemaStores }) });
			const finalNext = nextId4;
			after.push(() => {
				for (const [store, id] of newIds) Object.assign(stateOfStore(store), { id, loaded: true, stale: false, stamp: null });
				ds.ids = ids;
				ds.nextId = finalNext;
			});
		}
		const guarded = [];
		for (const store of stores) {
			const ss = stateOfStore(store);
			const id = ss.id ?? newIds.get(store);
			const ns = storeNs(rawDb.name, id);
			let changed = upgrade;
			if (!isAttached(store.records)) {
				ops.push(...writeAllOps(store.records, "store", ns));
				after.push(() => attach(store.records, "store", ns));
				changed = true;
			} else if (hasChanges(store.records)) {
				const c = commitOps(store.records);
				ops.push(...c.ops);
				guarded.push(...c.guarded);
				changed = true;
			}
			for (const index of store.rawIndexes.values()) {
				const records = index.records;
				const ins = indexNs(rawDb.name, id, index.name);
				const kind = indexKind(index);
				if (!isAttached(records) || records.kvNs !== ins || records.kvKind !== kind) {
					ops.push({ op: "dropNamespace", ns: ins }, ...writeAllOps(records, kind, ins));
					after.push(() => attach(records, kind, ins));
					changed = true;
				} else if (hasChanges(records)) {
					ops.push(...commitOps(records).ops);
					changed = true;
				}
			}
			if (!changed) continue;
			const stamp = newStamp();
			ops.push({ op: "put", ns: meta, key: storeStateKey(id), value: serialize({ stamp, keyGen: store.keyGenerator ? store.keyGenerator.num : 0, ix: 1 }) });
			after.push(() => {
				ss.stamp = stamp;
				ss.stale = false;
			});
		}
		return { ops, after, guarded, stores };
	}
	var CommitConflict = class extends Error {
	};
	function commitTransaction(tx) {
		if (tx.mode === "readonly") return;
		const rawDb = tx.db._rawDatabase;
		const ds = stateOfDb(rawDb);
		const { ops, after, guarded, stores } = commitOps2(tx);
		if (ops.length === 0) return;
		if (guarded.length > 0 && host.kvGeneration() !== txBegin.get(tx)) {
			for (const g of guarded) {
				if (host.kvGet(g.ns, g.enc) !== null) {
					throw new CommitConflict("Key already exists in the object store: another context of this origin added it while this transaction ran.");
				}
			}
		}
		const before = ds.gen;
		const gen = host.kvCommit(ops);
		for (const f of after) f();
		if (before !== -1 && gen === before + 1) {
			ds.gen = gen;
		} else {
			for (const store of stores) stateOfStore(store).stale = true;
		}
	}
	function abortWith(tx, name, message) {
		tx._abort(name);
		tx.error = new DOMException(message, name);
	}
	var txLock = /* @__PURE__ */ new WeakMap();
	var waitingForLock = /* @__PURE__ */ new Map();
	function takeLock(tx) {
		const scope = tx.mode === "versionchange" ? null : [...tx._scope];
		const [id, granted] = host.idbLock(tx.db._rawDatabase.name, scope, tx.mode !== "readonly");
		txLock.set(tx, id);
		if (!granted) waitingForLock.set(id, tx);
		return granted;
	}
	function giveBackLock(tx) {
		const id = txLock.get(tx);
		if (id === void 0) return;
		txLock.delete(tx);
		waitingForLock.delete(id);
		host.idbUnlock(id);
	}
	function idbGranted(id) {
		const tx = waitingForLock.get(id);
		if (tx === void 0) return;
		waitingForLock.delete(id);
		if (tx._state === "finished") giveBackLock(tx);
		else tx._start();
	}
	var originalStart = stdin_default23.prototype._start;
	stdin_default23.prototype._start = function _start() {
		if (!txBegin.has(this)) {
			if (!txLock.has(this)) {
				let granted;
				try {
					granted = takeLock(this);
				} catch (e) {
					txBegin.set(this, -1);
					if (this._state !== "finished") abortWith(this, "UnknownError", hostFailure(e, "Starting the IndexedDB transaction failed").message);
					return;
				}
				if (!granted) {
					this._started = true;
					return;
				}
			} else if (waitingForLock.has(txLock.get(this))) {
				return;
			}
			try {
				beginTransaction(this);
			} catch (e) {
				txBegin.set(this, -1);
				if (this._state !== "finished") abortWith(this, "UnknownError", hostFailure(e, "Reading IndexedDB data failed").message);
				return;
			}
		}
		if (this._state !== "finished" && !this.error && this._requests.every((r) => r.request.readyState === "done")) {
			try {
				commitTransaction(this);
			} catch (e) {
				forgetChanges(this);
				if (e instanceof CommitConflict) abortWith(this, "ConstraintError", e.message);
				else if (e?.name === "DataCloneError") abortWith(this, "DataCloneError", e.message);
				else if (e?.name === "QuotaExceededError") abortWith(this, "QuotaExceededError", "");
				else abortWith(this, "UnknownError", hostFailure(e, "Committing the IndexedDB transaction failed").message);
				return;
			}
			forgetChanges(this);
		}
		return Reflect.apply(originalStart, this, []);
	};
	var originalMarkFinished = stdin_default23.prototype._markFinished;
	stdin_default23.prototype._markFinished = function _markFinished() {
		const r = Reflect.apply(originalMarkFinished, this, []);
		giveBackLock(this);
		wakePolls();
		return r;
	};
	var originalClose = stdin_default27.prototype.close;
	stdin_default27.prototype.close = function close() {
		const r = Reflect.apply(originalClose, this, []);
		wakePolls();
		return r;
	};
	var originalAbort = stdin_default23.prototype._abort;
	stdin_default23.prototype._abort = function _abort(errName) {
		const r = Reflect.apply(originalAbort, this, [errName]);
		forgetChanges(this);
		if (this.error && this.error.message === "" && typeof errors_exports[this.error.name] === "function") this.error = new errors_exports[this.error.name]();
		return r;
	};
	function failedRequest(message) {
		const request = new stdin_default28();
		request.source = null;
		queueTask(() => {
			request.result = void 0;
			request.readyState = "done";
			request.error = new DOMException(message, "UnknownError");
			const event = new stdin_default22("error", { bubbles: true, cancelable: true });
			event.eventPath = [];
			request.dispatchEvent(event);
		});
		return request;
	}
	var originalOpen = stdin_default31.prototype.open;
	stdin_default31.prototype.open = function open(name, version) {
		validateRequiredArguments(arguments.length, 1, "IDBFactory.open");
		name = String(name);
		if (arguments.length > 1 && version !== void 0) version = stdin_default14(version, "MAX_SAFE_INTEGER");
		if (version === 0) throw new TypeError("Database version cannot be 0");
		try {
			syncByName(this, name);
		} catch (e) {
			return failedRequest(hostFailure(e, "Opening the IndexedDB database failed").message);
		}
		return Reflect.apply(originalOpen, this, [name, version]);
	};
	var pendingDeletes = /* @__PURE__ */ new WeakMap();
	var originalDelete = stdin_default31.prototype.deleteDatabase;
	stdin_default31.prototype.deleteDatabase = function deleteDatabase2(name) {
		validateRequiredArguments(arguments.length, 1, "IDBFactory.deleteDatabase");
		name = String(name);
		try {
			syncByName(this, name);
		} catch (e) {
			return failedRequest(hostFailure(e, "Deleting the IndexedDB database failed").message);
		}
		const request = Reflect.apply(originalDelete, this, [name]);
		pendingDeletes.set(request, name);
		return request;
	};
	function dropDatabase(name) {
		const meta = metaNs(name);
		const ops = host.kvNamespaces(`idb:${escapeName(name)}:`).map((ns) => ({ op: "dropNamespace", ns }));
		if (host.kvNamespaces(meta).includes(meta)) ops.push({ op: "dropNamespace", ns: meta });
		if (ops.length > 0) host.kvCommit(ops);
	}
	stdin_default28.prototype.dispatchEvent = function dispatchEvent(event) {
		const name = pendingDeletes.get(this);
		if (name !== void 0 && event.type === "success") {
			pendingDeletes.delete(this);
			try {
				dropDatabase(name);
			} catch (e) {
				this.result = void 0;
				this.error = hostFailure(e, "Deleting the IndexedDB database failed");
				const error = new stdin_default22("error", { bubbles: true, cancelable: true });
				error.eventPath = [];
				return stdin_default9.prototype.dispatchEvent.call(this, error);
			}
		}
		return stdin_default9.prototype.dispatchEvent.call(this, event);
	};
	stdin_default31.prototype.databases = function databases() {
		try {
			const out = [];
			for (const ns of host.kvNamespaces("idb-meta:")) {
				const value = host.kvGet(ns, SCHEMA_KEY);
				if (value === null) continue;
				out.push({ name: unescapeName(ns.slice("idb-meta:".length)), version: deserialize(value).version });
			}
			return Promise2.resolve(out);
		} catch (e) {
			return Promise2.reject(hostFailure(e, "Listing IndexedDB databases failed"));
		}
	};
	var originalDispatch = stdin_default9.prototype.dispatchEvent;
	stdin_default9.prototype.dispatchEvent = function dispatchEvent2(event) {
		try {
			return Reflect.apply(originalDispatch, this, [event]);
		} catch (e) {
			if (e instanceof AggregateError && Array.isArray(e.errors)) {
				for (const err of e.errors) reportException(err);
				markReported(e);
			}
			throw e;
		}
	};
	var indexedDB = new stdin_default31();

	// src/cache-storage.js
	var REGISTRY = "caches";
	var cacheNs = (name) => `cache:${escapeName(name)}`;
	var E = 101;
	var B = 98;
	var U = 117;
	function seqBytes(seq) {
		const out = new Uint8Array(8);
		let n = seq;
		for (let i = 7; i >= 0; i--) {
			out[i] = n % 256;
			n = Math.floor(n / 256);
		}
		return out;
	}
	function seqOf(bytes, at) {
		let n = 0;
		for (let i = at; i < at + 8; i++) n = n * 256 + bytes[i];
		return n;
	}
	function urlBytes(s) {
		return /^[\x01-\x7f]*$/.test(s) ? asciiBytes(s) : utf8Encode(s);
	}
	function splitURL(url) {
		const hash = url.indexOf("#");
		const u = hash < 0 ? url : url.slice(0, hash);
		const q = u.indexOf("?");
		return q < 0 ? [u, ""] : [u.slice(0, q), u.slice(q)];
	}
	function range(ns, prefix, { reverse = false, limit = 0 } = {}) {
		return host.kvRange(ns, prefix, prefixEnd(prefix), false, true, reverse, limit);
	}
	function failure(e, what) {
		if (e instanceof DOMException || e instanceof TypeError) return e;
		if (e?.name === "QuotaExceededError") return new DOMException("Quota exceeded.", "QuotaExceededError");
		const detail = isObject(e) && "message" in e ? String(e.message) : String(e);
		return new DOMException(`${what}: ${detail}`, "UnknownError");
	}
	function attempt(what, fn) {
		try {
			return Promise2.resolve(fn());
		} catch (e) {
			return Promise2.reject(failure(e, what));
		}
	}
	function registryEntry(name) {
		const v = host.kvGet(REGISTRY, encodeString(name));
		return v === null ? null : deserialize(v);
	}
	var stampCounter2 = 0;
	var contextId2 = null;
	function newStamp2() {
		if (contextId2 === null) contextId2 = Array.from(host.randomBytes(6), (b) => b.toString(16).padStart(2, "0")).join("");
		return `${contextId2}.${++stampCounter2}`;
	}
	function toInnerRequest(request) {
		if (request instanceof Request) return request;
		return new Request(request);
	}
	function varyMatches(query, entry) {
		const vary = entry.response.headers.filter(([n]) => n.toLowerCase() === "vary").map(([, v]) => v).join(",");
		if (vary.trim() === "") return true;
		const queryHeaders = requestFields(query).headers;
		for (const raw of vary.split(",")) {
			const field = raw.trim().toLowerCase();
			if (field === "") continue;
			if (field === "*") return false;
			const values2 = entry.request.headers.filter(([n]) => n.toLowerCase() === field).map(([, v]) => v);
			const cached = values2.length === 0 ? null : values2.join(", ");
			if (queryHeaders.get(field) !== cached) return false;
		}
		return true;
	}
	function queryCache(ns, request, options2) {
		const fields2 = requestFields(request);
		if (!options2.ignoreMethod && fields2.method !== "GET") return [];
		const [base, query] = splitURL(fields2.url);
		const parts = [Uint8Array.of(U), urlBytes(base), Uint8Array.of(0)];
		if (!options2.ignoreSearch) parts.push(urlBytes(query), Uint8Array.of(0));
		const out = [];
		for (const [key] of range(ns, concatBytes2(...parts))) {
			const seq = seqOf(key, key.length - 8);
			const value = host.kvGet(ns, concatBytes2(Uint8Array.of(E), seqBytes(seq)));
			if (value === null) continue;
			const entry = deserialize(value);
			if (!options2.ignoreVary && !varyMatches(request, entry)) continue;
			out.push({ seq, entry });
		}
		return out.sort((a, b) => a.seq - b.seq);
	}
	function allEntries(ns) {
		return range(ns, Uint8Array.of(E)).map(([key, value]) => ({ seq: seqOf(key, 1), entry: deserialize(value) }));
	}
	function responseOf(ns, { seq, entry }) {
		const body = entry.response.hasBody ? host.kvGet(ns, concatBytes2(Uint8Array.of(B), seqBytes(seq))) ?? new Uint8Array(0) : null;
		const r = entry.response;
		return makeResponse({
			type: r.type,
			status: r.status,
			statusText: r.statusText,
			headers: r.headers,
			urlList: r.url ? [r.url] : [],
			redirected: r.redirected,
			body
		});
	}
	function requestOf({ entry }) {
		const q = entry.request;
		return requestFromEngine({ url: q.url, method: q.method, headers: q.headers, mode: q.mode, credentials: q.credentials, redirect: q.redirect, cache: q.cache });
	}
	function deleteOps(ns, { seq, entry }) {
		const [base, query] = splitURL(entry.request.url);
		const s = seqBytes(seq);
		return [
			{ op: "delete", ns, key: concatBytes2(Uint8Array.of(E), s) },
			{ op: "delete", ns, key: concatBytes2(Uint8Array.of(B), s) },
			{ op: "delete", ns, key: concatBytes2(Uint8Array.of(U), urlBytes(base), Uint8Array.of(0), urlBytes(query), Uint8Array.of(0), s) }
		];
	}
	function options(o) {
		if (o === void 0 || o === null) return { ignoreSearch: false, ignoreMethod: false, ignoreVary: false };
		if (!isObject(o)) throw new TypeError("The provided value is not of type 'CacheQueryOptions'.");
		return { ignoreSearch: !!o.ignoreSearch, ignoreMethod: !!o.ignoreMethod, ignoreVary: !!o.ignoreVary };
	}
	var kCreate = /* @__PURE__ */ Symbol("create");
	var Cache = class {
		#name;
		#stamp;
		constructor(key = void 0, name = void 0, stamp = void 0) {
			if (key !== kCreate) throw new TypeError("Illegal constructor");
			this.#name = name;
			this.#stamp = stamp;
		}
		/** The namespace, or null when this Cache object's cache no longer exists. */
		#ns() {
			const reg = registryEntry(this.#name);
			return reg !== null && reg.stamp === this.#stamp ? cacheNs(this.#name) : null;
		}
		match(request = void 0, opts = void 0) {
			return this.matchAll(request, opts).then((list) => list[0]);
		}
		matchAll(request = void 0, opts = void 0) {
			let inner = null;
			let o;
			try {
				o = options(opts);
				if (request !== void 0) inner = toInnerRequest(request);
			} catch (e) {
				return Promise2.reject(e);
			}
			return attempt("Cache.matchAll", () => {
				const ns = this.#ns();
				if (ns === null) return [];
				const found = inner === null ? allEntries(ns) : queryCache(ns, inner, o);
				return found.map((item) => responseOf(ns, item));
			});
		}
		keys(request = void 0, opts = void 0) {
			let inner = null;
			let o;
			try {
				o = options(opts);
				if (request !== void 0) inner = toInnerRequest(request);
			} catch (e) {
				return Promise2.reject(e);
			}
			return attempt("Cache.keys", () => {
				const ns = this.#ns();
				if (ns === null) return [];
				const found = inner === null ? allEntries(ns) : queryCache(ns, inner, o);
				return found.map(requestOf);
			});
		}
		add(request) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'add' on 'Cache': 1 argument required, but only 0 present."));
			return this.addAll([request]);
		}
		addAll(requests) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'addAll' on 'Cache': 1 argument required, but only 0 present."));
			let list;
			try {
				if (!isObject(requests) || typeof requests[Symbol.iterator] !== "function") {
					throw new TypeError("Failed to execute 'addAll' on 'Cache': The provided value cannot be converted to a sequence.");
				}
				list = [...requests].map((r) => toInnerRequest(r));
				for (const r of list) {
					const f = requestFields(r);
					if (!/^https?:/.test(f.url)) throw new TypeError(`Failed to execute 'addAll' on 'Cache': Request scheme '${f.url.split(":")[0]}' is unsupported`);
					if (f.method !== "GET") throw new TypeError("Failed to execute 'addAll' on 'Cache': Add/AddAll only supports the GET request method.");
				}
			} catch (e) {
				return Promise2.reject(e);
			}
			return Promise2.all(list.map((r) => fetch(r))).then((responses) => {
				for (const res2 of responses) {
					if (!res2.ok) throw new TypeError(`Failed to execute 'addAll' on 'Cache': Request failed`);
					checkResponse(res2, "addAll");
				}
				return Promise2.all(responses.map((res2) => consumeBytes(responseBody(res2), "addAll' on 'Cache"))).then((bodies) => attempt("Cache.addAll", () => this.#store(list.map((r, i) => ({ request: r, response: responses[i], body: bodies[i] })), "addAll")));
			});
		}
		put(request, response) {
			if (arguments.length < 2) return Promise2.reject(new TypeError(`Failed to execute 'put' on 'Cache': 2 arguments required, but only ${arguments.length} present.`));
			let inner;
			try {
				inner = toInnerRequest(request);
				const f = requestFields(inner);
				if (!/^https?:/.test(f.url)) throw new TypeError(`Failed to execute 'put' on 'Cache': Request scheme '${f.url.split(":")[0]}' is unsupported`);
				if (f.method !== "GET") throw new TypeError(`Failed to execute 'put' on 'Cache': Request method '${f.method}' is unsupported`);
				if (!isResponse(response)) throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
				checkResponse(response, "put");
				if (response.bodyUsed || response.body?.locked) throw new TypeError("Failed to execute 'put' on 'Cache': Response body is already used");
			} catch (e) {
				return Promise2.reject(e);
			}
			const state = responseBody(response);
			const body = state === null ? Promise2.resolve(null) : consumeBytes(state, "put' on 'Cache");
			return body.then((bytes) => attempt("Cache.put", () => this.#store([{ request: inner, response, body: bytes }], "put")));
		}
		delete(request, opts = void 0) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'delete' on 'Cache': 1 argument required, but only 0 present."));
			let inner;
			let o;
			try {
				o = options(opts);
				inner = toInnerRequest(request);
			} catch (e) {
				return Promise2.reject(e);
			}
			return attempt("Cache.delete", () => {
				const ns = this.#ns();
				if (ns === null) return false;
				const found = queryCache(ns, inner, o);
				if (found.length === 0) return false;
				host.kvCommit(found.flatMap((item) => deleteOps(ns, item)));
				return true;
			});
		}
		/** Store request/response pairs in one kvCommit, replacing the entries each request matches. */
		#store(items, method) {
			const ns = this.#ns();
			if (ns === null) return void 0;
			const ops = [];
			const replaced = /* @__PURE__ */ new Set();
			const added = [];
			const last = range(ns, Uint8Array.of(E), { reverse: true, limit: 1 });
			let seq = last.length ? seqOf(last[0][0], 1) : 0;
			for (const { request, response, body } of items) {
				const f = requestFields(request);
				for (const prev of added) {
					if (prev === splitURL(f.url).join("")) throw new DOMException(`Failed to execute '${method}' on 'Cache': duplicate requests (${f.url})`, "InvalidStateError");
				}
				added.push(splitURL(f.url).join(""));
				for (const item of queryCache(ns, request, { ignoreSearch: false, ignoreMethod: false, ignoreVary: false })) {
					if (replaced.has(item.seq)) continue;
					replaced.add(item.seq);
					ops.push(...deleteOps(ns, item));
				}
				seq += 1;
				const s = seqBytes(seq);
				const [base, query] = splitURL(f.url);
				const entry = {
					request: {
						url: base + query,
						method: f.method,
						headers: headerPairs(f.headers),
						mode: f.mode,
						credentials: f.credentials,
						redirect: f.redirect,
						cache: f.cache
					},
					response: {
						type: response.type,
						status: response.status,
						statusText: response.statusText,
						headers: headerPairs(response.headers),
						url: response.url,
						redirected: response.redirected,
						hasBody: body !== null
					}
				};
				ops.push({ op: "put", ns, key: concatBytes2(Uint8Array.of(E), s), value: serialize(entry) });
				if (body !== null) ops.push({ op: "put", ns, key: concatBytes2(Uint8Array.of(B), s), value: body });
				ops.push({ op: "put", ns, key: concatBytes2(Uint8Array.of(U), urlBytes(base), Uint8Array.of(0), urlBytes(query), Uint8Array.of(0), s), value: new Uint8Array(0) });
			}
			host.kvCommit(ops);
			return void 0;
		}
		[kInspect]() {
			return { name: this.#name };
		}
	};
	platformClass(Cache);
	function checkResponse(response, method) {
		if (response.status === 206) throw new TypeError(`Failed to execute '${method}' on 'Cache': Partial response (status code 206) is unsupported`);
		const vary = response.headers.get("vary");
		if (vary !== null && vary.split(",").some((v) => v.trim() === "*")) {
			throw new TypeError(`Failed to execute '${method}' on 'Cache': Vary header contains *`);
		}
	}
	var CacheStorage = class {
		constructor() {
			throw new TypeError("Illegal constructor");
		}
		open(cacheName) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'open' on 'CacheStorage': 1 argument required, but only 0 present."));
			return attempt("caches.open", () => {
				const name = toDOMString(cacheName);
				let reg = registryEntry(name);
				if (reg === null) {
					const all = host.kvRange(REGISTRY, null, null, false, false, false, 0).map(([, v]) => deserialize(v).order);
					reg = { order: all.length ? Math.max(...all) + 1 : 1, stamp: newStamp2() };
					host.kvCommit([{ op: "put", ns: REGISTRY, key: encodeString(name), value: serialize(reg) }]);
				}
				return new Cache(kCreate, name, reg.stamp);
			});
		}
		has(cacheName) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'has' on 'CacheStorage': 1 argument required, but only 0 present."));
			return attempt("caches.has", () => registryEntry(toDOMString(cacheName)) !== null);
		}
		delete(cacheName) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'delete' on 'CacheStorage': 1 argument required, but only 0 present."));
			return attempt("caches.delete", () => {
				const name = toDOMString(cacheName);
				if (registryEntry(name) === null) return false;
				host.kvCommit([
					{ op: "delete", ns: REGISTRY, key: encodeString(name) },
					{ op: "dropNamespace", ns: cacheNs(name) }
				]);
				return true;
			});
		}
		keys() {
			return attempt("caches.keys", () => host.kvRange(REGISTRY, null, null, false, false, false, 0).map(([k, v]) => ({ name: decodeString(k), order: deserialize(v).order })).sort((a, b) => a.order - b.order).map((c) => c.name));
		}
		match(request, opts = void 0) {
			if (arguments.length < 1) return Promise2.reject(new TypeError("Failed to execute 'match' on 'CacheStorage': 1 argument required, but only 0 present."));
			let names;
			try {
				if (isObject(opts) && opts.cacheName !== void 0) names = [toDOMString(opts.cacheName)];
			} catch (e) {
				return Promise2.reject(e);
			}
			return (names ? Promise2.resolve(names) : this.keys()).then((cacheNames) => {
				let chain = Promise2.resolve(void 0);
				for (const name of cacheNames) {
					chain = chain.then((found) => found !== void 0 ? found : attempt("caches.match", () => registryEntry(name)).then((reg) => reg === null ? void 0 : new Cache(kCreate, name, reg.stamp).match(request, opts)));
				}
				return chain;
			});
		}
	};
	platformClass(CacheStorage);
	var caches = Object.create(CacheStorage.prototype);

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
			Blob: Blob2,
			File: File2,
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
			StorageManager,
			WorkerGlobalScope,
			ServiceWorkerGlobalScope,
			Performance,
			CacheStorage,
			Cache,
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
		const idbInterfaces = {
			IDBFactory: stdin_default31,
			IDBDatabase: stdin_default27,
			IDBTransaction: stdin_default23,
			IDBObjectStore: stdin_default6,
			IDBIndex: stdin_default16,
			IDBCursor: stdin_default7,
			IDBCursorWithValue: stdin_default8,
			IDBKeyRange: stdin_default4,
			IDBRequest: stdin_default10,
			IDBOpenDBRequest: stdin_default28,
			IDBVersionChangeEvent: stdin_default29,
			IDBRecord: stdin_default18
		};
		for (const [name, cls] of Object.entries(idbInterfaces)) Object.defineProperty(cls, "name", { value: name, configurable: true });
		defineHidden(g, idbInterfaces);
		for (const [name, value] of Object.entries({ location, navigator, registration, clients, serviceWorker, indexedDB, caches })) {
			Object.defineProperty(g, name, { value, writable: false, enumerable: true, configurable: true });
		}
		Object.defineProperty(g, "origin", { get: () => workerInfo.origin, enumerable: true, configurable: true });
		Object.defineProperty(g, "isSecureContext", { get: () => true, enumerable: true, configurable: true });
		Object.defineProperty(g, "crossOriginIsolated", { get: () => false, enumerable: true, configurable: true });
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
			case "messageerror": {
				let data = init.data;
				if ("dataWire" in init) {
					try {
						data = decodeMessage(init.dataWire);
					} catch {
						type = "messageerror";
						data = null;
					}
				}
				return new ExtendableMessageEvent(type, {
					data,
					origin: init.origin ?? workerInfo.origin,
					lastEventId: init.lastEventId ?? "",
					source: isObject(init.source) ? clientFrom(init.source) : null,
					ports: []
				});
			}
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
	function networkError2(url, why) {
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
			return { ...networkError2(url, "the promise was rejected."), reason: describeReason(reason) };
		}
		if (!isResponse(r)) return networkError2(url, "an object that was not a Response was passed to respondWith().");
		if (r.type === "error") return networkError2(url, 'a Response whose "type" is "error" was passed to respondWith().');
		const state = responseBody(r);
		if (isUnusable(state)) return networkError2(url, 'a Response whose "bodyUsed" is "true" cannot be used to respond to a request.');
		let body;
		try {
			body = await consumeBytes(state, "respondWith' on 'FetchEvent");
		} catch (e) {
			return { ...networkError2(url, "the response body could not be read."), reason: describeReason(e) };
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
	function run2(type, init) {
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
			return run2(typeof type === "string" ? type : String(type), isObject(init) ? init : {});
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
		init(options2) {
			if (workerInfo.initialized) throw new Error("__syncscope.init was already called");
			initLocation(options2 ?? {});
			if (options2?.state !== void 0) setWorkerState(options2.state);
		},
		fireTimer,
		settleFetch,
		settleBody,
		settleEngine,
		setOnline,
		setWorkerState,
		dispatch,
		hasListeners: (type) => hasListeners(globalThis, type),
		promiseRejection,
		uncaughtRejections,
		idbGranted,
		/** For the page overlay: postMessage data to and from wire text. */
		encodeMessage,
		decodeMessage
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
