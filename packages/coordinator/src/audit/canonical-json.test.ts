import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { canonicalJson } from './canonical-json.js';

/** Rebuilds an object with its keys inserted in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) {
      // defineProperty, not assignment: fast-check generates "__proto__" keys.
      Object.defineProperty(out, key, {
        value: reversed((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1}',
    );
  });

  it('is independent of key insertion order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reversed(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('writes numbers and strings as JSON.stringify does (JCS)', () => {
    expect(canonicalJson([1e21, 0.1, -0, 'é\u2028"'])).toBe('[1e+21,0.1,0,"é\u2028\\""]');
  });

  it('leaves out undefined properties', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it.each([
    ['NaN', { x: Number.NaN }, '$.x'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '$[1]'],
    ['bigint', { n: 1n }, '$.n'],
    ['a Date', { when: new Date(0) }, '$.when'],
    ['a typed array', { v: new Float32Array(2) }, '$.v'],
    ['undefined in an array', [undefined], '$[0]'],
  ])('rejects %s, naming the path', (_name, value, path) => {
    try {
      canonicalJson(value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FedraError);
      expect((error as FedraError).code).toBe('INVALID_ARGUMENT');
      expect((error as FedraError).metadata['field']).toBe(path);
    }
  });
});
