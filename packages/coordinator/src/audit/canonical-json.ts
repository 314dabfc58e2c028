/**
 * Canonical JSON: one byte-exact encoding per value, so a hash over it is
 * stable across processes, Node versions and key insertion order.
 *
 * The rules are those of RFC 8785 (JCS) for the values Fedra stores: object
 * keys sorted by UTF-16 code units (JavaScript's default sort), no
 * whitespace, strings and numbers as `JSON.stringify` writes them (ECMAScript
 * number-to-string, which is what JCS specifies). Values JSON cannot carry
 * faithfully (NaN, Infinity, bigint, functions, class instances such as Date
 * or typed arrays) are rejected instead of being silently changed.
 *
 * @module
 */
import { FedraError } from '@fedra/common';

/** A value that survives a JSON round trip unchanged. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/**
 * Encodes `value` canonically. Object properties whose value is `undefined`
 * are left out (as `JSON.stringify` does), so an optional field that is
 * absent and one that is `undefined` hash the same.
 *
 * @param path - where `value` sits, for error messages. @default '$'
 * @throws FedraError `INVALID_ARGUMENT` naming the path of a value JSON cannot carry.
 */
export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw notJson(path, 'a non-finite number');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw notJson(path, `a ${typeof value}`);
  }
  if (Array.isArray(value)) {
    const items = (value as readonly unknown[]).map((item, i) => {
      if (item === undefined) throw notJson(`${path}[${i}]`, 'undefined');
      return canonicalJson(item, `${path}[${i}]`);
    });
    return `[${items.join(',')}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw notJson(path, 'a class instance');
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(item, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

function notJson(path: string, what: string): FedraError {
  return new FedraError('INVALID_ARGUMENT', `${path} is ${what}, which JSON cannot carry`, {
    metadata: { field: path },
  });
}
