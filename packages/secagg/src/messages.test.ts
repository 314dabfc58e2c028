import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecAggConfig } from './config.js';
import { SecAggProtocolError } from './errors.js';
import {
  checkHeader,
  decodeSharePlaintext,
  encodeFields,
  encodeSharePlaintext,
  fromJSONSafe,
  isSortedIdList,
  makeHeader,
  sameMessage,
  setupPayload,
  shareHash,
  survivorSetPayload,
  toJSONSafe,
} from './messages.js';

const config = createSecAggConfig({
  experimentId: 'exp',
  roundNumber: 2,
  attempt: 1,
  participants: ['a', 'b', 'c'],
  k: 2,
  t: 2,
  graphSeed: randomBytes(32),
  configHash: randomBytes(32),
  lanes: [{ name: 'x', length: 2, bound: 1, scale: 4 }],
});

describe('encodings', () => {
  it('length-prefixes fields, so different splits never collide', () => {
    const p = new Uint8Array(0);
    expect(encodeFields(p, ['ab', 'c'])).not.toEqual(encodeFields(p, ['a', 'bc']));
    expect(encodeFields(p, ['a', ''])).not.toEqual(encodeFields(p, ['a']));
  });

  it('binds sender, stage and secret kind into payloads and hashes', () => {
    const key = randomBytes(32);
    expect(setupPayload(config, 'a', key, key)).not.toEqual(setupPayload(config, 'b', key, key));
    expect(survivorSetPayload(config, 'a', ['a', 'b'])).not.toEqual(
      survivorSetPayload(config, 'a', ['a', 'b', 'c']),
    );
    const share = randomBytes(33);
    expect(shareHash(config, 'b', 'a', 'b', share)).not.toEqual(
      shareHash(config, 'sk', 'a', 'b', share),
    );
    expect(shareHash(config, 'b', 'a', 'b', share)).not.toEqual(
      shareHash(config, 'b', 'a', 'c', share),
    );
  });

  it('round-trips the share plaintext and rejects anything else', () => {
    const b = Uint8Array.from(randomBytes(33));
    const sk = Uint8Array.from(randomBytes(33));
    const bytes = encodeSharePlaintext('a', 'b', b, sk);
    const decoded = decodeSharePlaintext(bytes);
    expect(decoded?.owner).toBe('a');
    expect(decoded?.holder).toBe('b');
    expect(decoded?.bShare).toEqual(b);
    expect(decoded?.skShare).toEqual(sk);
    expect(decodeSharePlaintext(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    expect(decodeSharePlaintext(Uint8Array.of(...bytes, 0))).toBeUndefined();
    expect(decodeSharePlaintext(randomBytes(40))).toBeUndefined();
  });

  it('makes messages JSON-safe and back, bytes included, without prototype pollution', () => {
    const message = {
      header: makeHeader(config, 'setup', 'a'),
      list: [randomBytes(3), { x: randomBytes(2) }],
    };
    const back = fromJSONSafe(JSON.parse(JSON.stringify(toJSONSafe(message))));
    expect(sameMessage(back, message)).toBe(true);
    const hostile = fromJSONSafe(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<
      string,
      unknown
    >;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
  });

  it('checks id lists', () => {
    expect(isSortedIdList(['a', 'b'])).toBe(true);
    expect(isSortedIdList(['b', 'a'])).toBe(false);
    expect(isSortedIdList(['a', 'a'])).toBe(false);
    expect(isSortedIdList(['a', 'z'], new Set(['a', 'b']))).toBe(false);
    expect(isSortedIdList('a')).toBe(false);
  });
});

describe('checkHeader', () => {
  const message = (header: unknown) => ({ header });
  it('returns the sender of a header of this attempt and stage', () => {
    expect(checkHeader(config, message(makeHeader(config, 'unmask', 'b')), 'unmask')).toBe('b');
  });

  it('calls another round or attempt a replay and another stage invalid', () => {
    const header = makeHeader(config, 'setup', 'a');
    const codeOf = (h: unknown, stage: 'setup' | 'unmask' = 'setup') => {
      try {
        checkHeader(config, message(h), stage);
      } catch (e) {
        expect(e).toBeInstanceOf(SecAggProtocolError);
        return (e as SecAggProtocolError).code;
      }
      return 'accepted';
    };
    expect(codeOf({ ...header, roundNumber: 1 })).toBe('SECAGG_REPLAY');
    expect(codeOf({ ...header, attempt: 2 })).toBe('SECAGG_REPLAY');
    expect(codeOf({ ...header, experimentId: 'other' })).toBe('SECAGG_REPLAY');
    expect(codeOf(header, 'unmask')).toBe('SECAGG_INVALID_MESSAGE');
    expect(codeOf(undefined)).toBe('SECAGG_INVALID_MESSAGE');
    expect(codeOf({ ...header, roundNumber: '2' })).toBe('SECAGG_INVALID_MESSAGE');
  });
});
