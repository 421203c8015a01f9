/**
 * Template data as JSON would carry it, without writing the text: the copy
 * `JSON.parse(JSON.stringify(value))` gives (plain objects and arrays, no
 * functions, no prototypes of our making, `undefined` left out of objects and
 * null in arrays, numbers that are not finite as null, `toJSON` honoured),
 * and equality as of their JSON text. A render compares the new data with
 * the last and fills the template in only when it differs; an edit usually
 * differs in one section, found without writing the whole brief out.
 */
export type PlainData = null | boolean | number | string | PlainData[] | { [key: string]: PlainData };

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** The value JSON writes for `value` under `key`: what its toJSON gives, if it has one. */
function jsonValue(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return value;
}

/** `JSON.parse(JSON.stringify(value))` for a value JSON can write (throws as JSON does on a cycle or a bigint). */
export function plainCopy(value: unknown): PlainData {
  const top = jsonValue(value, '');
  return omitted(top) ? null : copyValue(top, 0);
}

function copyValue(value: unknown, depth: number): PlainData {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  // -0 is written 0.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (typeof value !== 'object') return null;
  // JSON stops a cycle with a TypeError; nothing a template is given nests this deep otherwise.
  if (depth > 1000) throw new TypeError('Converting circular structure to JSON');
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return copyValue(value.valueOf(), depth + 1);
  if (Array.isArray(value)) {
    return value.map((entry: unknown, index) => {
      const item = jsonValue(entry, String(index));
      return omitted(item) ? null : copyValue(item, depth + 1);
    });
  }
  const out: { [key: string]: PlainData } = {};
  for (const key of Object.keys(value)) {
    const item = jsonValue((value as Record<string, unknown>)[key], key);
    if (omitted(item)) continue;
    // An own "__proto__" (JSON.parse makes one) rather than a prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copyValue(item, depth + 1), enumerable: true, writable: true, configurable: true });
    else out[key] = copyValue(item, depth + 1);
  }
  return out;
}

/** Whether two plain copies have the same JSON text (keys in the same order). */
export function samePlainData(a: PlainData, b: PlainData): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlainData(a[i]!, b[i]!)) return false;
    return true;
  }
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== otherKeys[i] || !samePlainData(a[key]!, b[key]!)) return false;
  }
  return true;
}
