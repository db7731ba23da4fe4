// Service-worker events: ExtendableEvent.waitUntil (extend lifetime promises), FetchEvent.respondWith,
// SyncEvent, PeriodicSyncEvent, ExtendableMessageEvent, PushEvent, NotificationEvent, BackgroundFetch*Event.
import { Promise } from './intrinsics.js';
import { DOMException } from './dom-exception.js';
import { Event, isDispatching } from './events.js';
import { utf8Encode, utf8Decode } from './encoding.js';
import { makeBlob } from './blob.js';
import { bufferSourceBytes, isObject, kMissing, platformClass, requireArgs, toDOMString } from './util.js';

let ext;

export class ExtendableEvent extends Event {
  #pending = 0;
  #rejected = false;
  #reason = undefined;
  #waiters = [];

  constructor(type = kMissing, init = undefined) {
    super(type, init);
  }

  waitUntil(f) {
    requireArgs(arguments.length, 1, "Failed to execute 'waitUntil' on 'ExtendableEvent'");
    if (!this.isTrusted) {
      throw new DOMException("Failed to execute 'waitUntil' on 'ExtendableEvent': The event is not trusted.", 'InvalidStateError');
    }
    ext.add(this, f, 'waitUntil');
  }

  static {
    ext = {
      active: (e) => isDispatching(e) || e.#pending > 0,
      idle: (e) => e.#pending === 0 && !e.#rejected,
      add(e, f, method) {
        if (!(isDispatching(e) || e.#pending > 0)) {
          throw new DOMException(`Failed to execute '${method}' on '${e.constructor.name}': The event handler is already finished and no extend lifetime promises are outstanding.`, 'InvalidStateError');
        }
        e.#pending++;
        const done = () => {
          // The spec decrements in a microtask after settlement, so a waitUntil() made from a
          // reaction to this promise still counts as "while a promise is pending".
          queueMicrotaskInternal(() => {
            e.#pending--;
            ext.check(e);
          });
        };
        Promise.resolve(f).then(done, (reason) => {
          if (!e.#rejected) { e.#rejected = true; e.#reason = reason; }
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
        return new Promise((resolve) => {
          e.#waiters.push(resolve);
          ext.check(e);
        });
      },
    };
  }
}
platformClass(ExtendableEvent);

const resolved = Promise.resolve();
function queueMicrotaskInternal(fn) { resolved.then(fn); }

export const lifetimeSettled = (e) => ext.settled(e);
/** True when no extend-lifetime promise was ever added or all fulfilled already (dispatch fast path). */
export const lifetimeIdle = (e) => ext.idle(e);

export class InstallEvent extends ExtendableEvent {
  constructor(type = kMissing, init = undefined) {
    super(type, init);
  }
}
platformClass(InstallEvent);

export class SyncEvent extends ExtendableEvent {
  #tag;
  #lastChance;
  constructor(type = kMissing, init = undefined) {
    if (type === kMissing) super(); // throws the "1 argument required" TypeError
    if (!isObject(init) || init.tag === undefined) {
      throw new TypeError("Failed to construct 'SyncEvent': required member tag is undefined.");
    }
    super(type, init);
    this.#tag = toDOMString(init.tag);
    this.#lastChance = !!init.lastChance;
  }
  get tag() { return this.#tag; }
  get lastChance() { return this.#lastChance; }
}
platformClass(SyncEvent);

export class PeriodicSyncEvent extends ExtendableEvent {
  #tag;
  constructor(type = kMissing, init = undefined) {
    if (type === kMissing) super(); // throws the "1 argument required" TypeError
    if (!isObject(init) || init.tag === undefined) {
      throw new TypeError("Failed to construct 'PeriodicSyncEvent': required member tag is undefined.");
    }
    super(type, init);
    this.#tag = toDOMString(init.tag);
  }
  get tag() { return this.#tag; }
}
platformClass(PeriodicSyncEvent);

export class ExtendableMessageEvent extends ExtendableEvent {
  #data; #origin; #lastEventId; #source; #ports;
  constructor(type = kMissing, init = undefined) {
    super(type, init);
    this.#data = init?.data ?? null;
    this.#origin = init?.origin === undefined ? '' : String(init.origin);
    this.#lastEventId = init?.lastEventId === undefined ? '' : String(init.lastEventId);
    this.#source = init?.source ?? null;
    this.#ports = Object.freeze(Array.isArray(init?.ports) ? [...init.ports] : []);
  }
  get data() { return this.#data; }
  get origin() { return this.#origin; }
  get lastEventId() { return this.#lastEventId; }
  get source() { return this.#source; }
  get ports() { return this.#ports; }
}
platformClass(ExtendableMessageEvent);

let fe;

export class FetchEvent extends ExtendableEvent {
  #request; #clientId; #resultingClientId; #replacesClientId; #preloadResponse; #handled;
  #respondWithEntered = false;
  #response = null; // the promise given to respondWith

  constructor(type = kMissing, init = undefined) {
    if (type === kMissing) super(); // throws the "1 argument required" TypeError
    if (!isObject(init) || !isObject(init.request)) {
      throw new TypeError("Failed to construct 'FetchEvent': required member request is undefined.");
    }
    super(type, init);
    this.#request = init.request;
    this.#clientId = init.clientId === undefined ? '' : String(init.clientId);
    this.#resultingClientId = init.resultingClientId === undefined ? '' : String(init.resultingClientId);
    this.#replacesClientId = init.replacesClientId === undefined ? '' : String(init.replacesClientId);
    this.#preloadResponse = init.preloadResponse ?? Promise.resolve(undefined);
    this.#handled = init.handled ?? Promise.resolve(undefined);
  }

  get request() { return this.#request; }
  get clientId() { return this.#clientId; }
  get resultingClientId() { return this.#resultingClientId; }
  get replacesClientId() { return this.#replacesClientId; }
  get preloadResponse() { return this.#preloadResponse; }
  get handled() { return this.#handled; }

  respondWith(r) {
    requireArgs(arguments.length, 1, "Failed to execute 'respondWith' on 'FetchEvent'");
    if (!this.isTrusted) {
      throw new DOMException("Failed to execute 'respondWith' on 'FetchEvent': The event is not trusted.", 'InvalidStateError');
    }
    if (!isDispatching(this)) {
      throw new DOMException("Failed to execute 'respondWith' on 'FetchEvent': The event handler is already finished.", 'InvalidStateError');
    }
    if (this.#respondWithEntered) {
      throw new DOMException("Failed to execute 'respondWith' on 'FetchEvent': The event has already been responded to.", 'InvalidStateError');
    }
    const p = Promise.resolve(r);
    ext.add(this, p, 'respondWith');
    this.#respondWithEntered = true;
    this.#response = p;
    this.stopImmediatePropagation();
  }

  static {
    fe = { response: (e) => (e.#respondWithEntered ? e.#response : null) };
  }
}
platformClass(FetchEvent);

/** The promise given to respondWith, or null when it was not called. */
export const respondWithPromise = (e) => fe.response(e);

let constructingPushData = false;

export class PushMessageData {
  #bytes;
  constructor(bytes) {
    if (!constructingPushData) throw new TypeError('Illegal constructor');
    constructingPushData = false;
    this.#bytes = bytes;
  }
  arrayBuffer() { return this.#bytes.slice().buffer; }
  bytes() { return this.#bytes.slice(); }
  blob() { return makeBlob(this.#bytes.slice(), ''); }
  json() { return JSON.parse(utf8Decode(this.#bytes)); }
  text() { return utf8Decode(this.#bytes); }
}
platformClass(PushMessageData);

function pushData(v) {
  if (v === undefined || v === null) return null;
  const bytes = typeof v === 'string' ? utf8Encode(v) : bufferSourceBytes(v) ?? utf8Encode(String(v));
  constructingPushData = true;
  return new PushMessageData(bytes);
}

export class PushEvent extends ExtendableEvent {
  #data;
  constructor(type = kMissing, init = undefined) {
    super(type, init);
    this.#data = pushData(init?.data);
  }
  get data() { return this.#data; }
}
platformClass(PushEvent);

export class NotificationEvent extends ExtendableEvent {
  #notification; #action; #reply;
  constructor(type, init) {
    requireArgs(arguments.length, 2, "Failed to construct 'NotificationEvent'");
    if (!isObject(init) || !isObject(init.notification)) {
      throw new TypeError("Failed to construct 'NotificationEvent': required member notification is undefined.");
    }
    super(type, init);
    this.#notification = init.notification;
    this.#action = init.action === undefined ? '' : String(init.action);
    this.#reply = init.reply ?? null;
  }
  get notification() { return this.#notification; }
  get action() { return this.#action; }
  get reply() { return this.#reply; }
}
platformClass(NotificationEvent);

export class BackgroundFetchEvent extends ExtendableEvent {
  #registration;
  constructor(type, init) {
    requireArgs(arguments.length, 2, `Failed to construct '${new.target.name}'`);
    if (!isObject(init) || !isObject(init.registration)) {
      throw new TypeError(`Failed to construct '${new.target.name}': required member registration is undefined.`);
    }
    super(type, init);
    this.#registration = init.registration;
  }
  get registration() { return this.#registration; }
}
platformClass(BackgroundFetchEvent);

let ui;

export class BackgroundFetchUpdateUIEvent extends BackgroundFetchEvent {
  #updateUICalled = false;
  #ui = null;
  constructor(type, init) {
    requireArgs(arguments.length, 2, "Failed to construct 'BackgroundFetchUpdateUIEvent'");
    super(type, init);
  }
  updateUI(options = undefined) {
    if (!this.isTrusted || this.#updateUICalled || !ext.active(this)) {
      return Promise.reject(new DOMException("Failed to execute 'updateUI' on 'BackgroundFetchUpdateUIEvent': updateUI may only be called once, during the event.", 'InvalidStateError'));
    }
    this.#updateUICalled = true;
    this.#ui = { title: options?.title === undefined ? null : String(options.title) };
    return Promise.resolve(undefined);
  }
  static {
    ui = (e) => e.#ui;
  }
}
platformClass(BackgroundFetchUpdateUIEvent);

/** What updateUI() asked for ({title}) or null. */
export const requestedUI = (e) => ui(e);
