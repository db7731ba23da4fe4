// DOMException as a real, subclassable class (fake-indexeddb and others do `class X extends DOMException`).
import { isObject, toDOMString } from './util.js';

const legacyCodes = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
  InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
  InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
  URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};

const constants = {
  INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
  INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
  NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
  INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
  TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
  QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
};

/** True for objects made by the DOMException constructor (or a subclass). */
export let isDOMException;

export class DOMException extends Error {
  #name;

  /**
   * new DOMException(message?, name?) — also accepts an options bag {name, cause} as the second argument.
   */
  constructor(message = undefined, options = undefined) {
    const msg = message === undefined ? '' : toDOMString(message);
    let name = 'Error';
    let errorOptions;
    if (isObject(options)) {
      if (options.name !== undefined) name = toDOMString(options.name);
      if ('cause' in options) errorOptions = { cause: options.cause };
    } else if (options !== undefined) {
      name = toDOMString(options);
    }
    super(msg, errorOptions);
    this.#name = name;
  }

  get name() { return this.#name; }
  get code() { return Object.hasOwn(legacyCodes, this.#name) ? legacyCodes[this.#name] : 0; }

  static {
    isDOMException = (v) => isObject(v) && #name in v;
  }
}


for (const [key, value] of Object.entries(constants)) {
  const desc = { value, enumerable: true, writable: false, configurable: false };
  Object.defineProperty(DOMException, key, desc);
  Object.defineProperty(DOMException.prototype, key, desc);
}
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });

/** Shorthand used throughout the prelude. */
export function domError(name, message) {
  return new DOMException(message, name);
}

/** The error a host-side failure `{name, message}` (or a string) turns into. */
export function hostError(err) {
  if (isObject(err)) {
    const name = err.name === undefined ? 'Error' : String(err.name);
    const message = err.message === undefined ? '' : String(err.message);
    if (name === 'TypeError') return new TypeError(message);
    if (name === 'RangeError') return new RangeError(message);
    return new DOMException(message, name);
  }
  return new DOMException(String(err), 'UnknownError');
}
