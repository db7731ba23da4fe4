// self.clients (Clients) and the Client / WindowClient objects the engine describes.
import { Promise } from './intrinsics.js';
import { DOMException } from './dom-exception.js';
import { engineCall } from './engine.js';
import { cloneValue } from './clone.js';
import { encodeMessage } from './message-wire.js';
import { isObject, kInspect, platformClass, requireArgs, toDictionary, toDOMString } from './util.js';

let constructing = false;

export class Client {
  #id; #url; #type; #frameType;
  constructor(info) {
    if (!constructing) throw new TypeError('Illegal constructor');
    constructing = false;
    this.#id = String(info.id ?? '');
    this.#url = String(info.url ?? '');
    this.#type = String(info.type ?? 'window');
    this.#frameType = String(info.frameType ?? 'top-level');
  }
  get id() { return this.#id; }
  get url() { return this.#url; }
  get type() { return this.#type; }
  get frameType() { return this.#frameType; }
  get lifecycleState() { return 'active'; }

  postMessage(message, options = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'postMessage' on 'Client'");
    const transfer = Array.isArray(options) ? options : (isObject(options) && options.transfer) || [];
    const data = cloneValue(message, transfer, "Failed to execute 'postMessage' on 'Client'");
    engineCall('clients.postMessage', [this.#id, encodeMessage(data)]).catch(() => {
      // As in browsers, a message to a client that went away is dropped silently.
    });
  }

  [kInspect]() { return { id: this.#id, url: this.#url, type: this.#type, frameType: this.#frameType }; }
}
platformClass(Client);

export class WindowClient extends Client {
  #focused; #visibilityState;
  constructor(info) {
    super(info);
    this.#focused = !!info.focused;
    this.#visibilityState = String(info.visibilityState ?? 'visible');
  }
  get focused() { return this.#focused; }
  get visibilityState() { return this.#visibilityState; }
  get ancestorOrigins() { return Object.freeze([]); }
  focus() {
    return Promise.reject(new DOMException("Failed to execute 'focus' on 'WindowClient': Not allowed to focus a window.", 'InvalidAccessError'));
  }
  navigate(url) {
    void url;
    return Promise.reject(new DOMException("Failed to execute 'navigate' on 'WindowClient': navigate() is not supported by Syncscope.", 'NotSupportedError'));
  }
  [kInspect]() { return { ...super[kInspect](), focused: this.#focused, visibilityState: this.#visibilityState }; }
}
platformClass(WindowClient);

/** A Client / WindowClient for an engine record {id, url, type, frameType, focused, visibilityState}. */
export function clientFrom(info) {
  if (!isObject(info)) return null;
  if (info instanceof Client) return info;
  const type = String(info.type ?? 'window');
  constructing = true;
  return type === 'window' ? new WindowClient(info) : new Client(info);
}

export class Clients {
  constructor() { throw new TypeError('Illegal constructor'); }

  get(id) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'get' on 'Clients': 1 argument required, but only 0 present."));
    let wanted;
    try { wanted = toDOMString(id); } catch (e) { return Promise.reject(e); }
    return engineCall('clients.matchAll', [{ includeUncontrolled: true, type: 'all' }])
      .then((list) => {
        const info = (list ?? []).find((c) => String(c?.id) === wanted);
        return info ? clientFrom(info) : undefined;
      });
  }

  matchAll(options = undefined) {
    let o;
    try { o = toDictionary(options, "Failed to execute 'matchAll' on 'Clients'"); } catch (e) { return Promise.reject(e); }
    const type = o.type === undefined ? 'window' : String(o.type);
    if (!['window', 'worker', 'sharedworker', 'all'].includes(type)) {
      return Promise.reject(new TypeError(`Failed to execute 'matchAll' on 'Clients': The provided value '${type}' is not a valid enum value of type ClientType.`));
    }
    return engineCall('clients.matchAll', [{ includeUncontrolled: !!o.includeUncontrolled, type }])
      .then((list) => (list ?? []).map(clientFrom).filter((c) => c !== null));
  }

  openWindow(url) {
    void url;
    return Promise.reject(new DOMException("Failed to execute 'openWindow' on 'Clients': opening windows is not supported by Syncscope.", 'NotSupportedError'));
  }

  claim() {
    return engineCall('clients.claim', []).then(() => undefined);
  }
}
platformClass(Clients);

export const clients = Object.create(Clients.prototype);
