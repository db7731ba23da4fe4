// self.location (WorkerLocation), self.origin and navigator (WorkerNavigator), set up by __syncscope.init.
import { parseURL } from './url.js';
import { kInspect, platformClass } from './util.js';
import { Event, markTrusted, dispatchEventInternal } from './events.js';
import { storage } from './storage-manager.js';

export const workerInfo = {
  initialized: false,
  scriptURL: '',
  scope: '',
  origin: 'null',
  online: true,
  record: null, // parsed script URL
};

/** The base URL for relative URLs (the script URL), or undefined before init. */
export function baseURL() {
  return workerInfo.record ? workerInfo.record.href : undefined;
}

let loc;

export class WorkerLocation {
  constructor() { throw new TypeError('Illegal constructor'); }
  get href() { return loc().href; }
  get origin() { return loc().origin; }
  get protocol() { return loc().protocol; }
  get host() { return loc().host; }
  get hostname() { return loc().hostname; }
  get port() { return loc().port; }
  get pathname() { return loc().pathname; }
  get search() { return loc().search; }
  get hash() { return loc().hash; }
  toString() { return loc().href; }
  [kInspect]() { return { href: loc().href }; }
}
platformClass(WorkerLocation);
loc = () => workerInfo.record ?? { href: '', origin: 'null', protocol: '', host: '', hostname: '', port: '', pathname: '', search: '', hash: '' };

export const location = Object.create(WorkerLocation.prototype);

export class WorkerNavigator {
  constructor() { throw new TypeError('Illegal constructor'); }
  get onLine() { return workerInfo.online; }
  get userAgent() { return 'Syncscope'; }
  get appCodeName() { return 'Mozilla'; }
  get appName() { return 'Netscape'; }
  get appVersion() { return 'Syncscope'; }
  get platform() { return ''; }
  get product() { return 'Gecko'; }
  get language() { return 'en-US'; }
  get languages() { return ['en-US']; }
  get hardwareConcurrency() { return 1; }
  get storage() { return storage; }
  [kInspect]() { return { onLine: workerInfo.online, userAgent: 'Syncscope' }; }
}
platformClass(WorkerNavigator);

export const navigator = Object.create(WorkerNavigator.prototype);

export function initLocation({ scriptURL, scope, origin, online }) {
  const record = parseURL(String(scriptURL));
  if (!record) throw new TypeError(`__syncscope.init: invalid scriptURL ${scriptURL}`);
  workerInfo.record = record;
  workerInfo.scriptURL = record.href;
  workerInfo.scope = scope === undefined || scope === null ? parseURL('./', record.href).href : String(scope);
  workerInfo.origin = origin === undefined || origin === null ? record.origin : String(origin);
  if (online !== undefined) workerInfo.online = !!online;
  workerInfo.initialized = true;
}

/** navigator.onLine changes; fires "online" / "offline" at the global scope when it does. */
export function setOnline(online) {
  online = !!online;
  if (workerInfo.online === online) return;
  workerInfo.online = online;
  dispatchEventInternal(globalThis, markTrusted(new Event(online ? 'online' : 'offline')));
}
