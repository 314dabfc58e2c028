import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { encodeContext, hkdfSha256 } from './kdf.js';
import type { KdfContext } from './kdf.js';

const ctx: KdfContext = {
  protocolVersion: 1,
  experimentId: 'exp-1',
  roundNumber: 3,
  attempt: 1,
  stage: 'share-keys',
  sender: 'alice',
  recipient: 'bob',
};
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 5869 written out with HMAC, independent of the code under test.
function referenceHkdf(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): string {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  let t = Buffer.alloc(0);
  let okm = Buffer.alloc(0);
  for (let i = 1; okm.length < length; i++) {
    t = createHmac('sha256', prk).update(t).update(info).update(Buffer.of(i)).digest();
    okm = Buffer.concat([okm, t]);
  }
  return okm.subarray(0, length).toString('hex');
}

describe('encodeContext', () => {
  it('changes when any field or the label changes', () => {
    const base = toHex(encodeContext('share-key', ctx));
    const variants: KdfContext[] = [
      { ...ctx, protocolVersion: 2 },
      { ...ctx, experimentId: 'exp-2' },
      { ...ctx, roundNumber: 4 },
      { ...ctx, attempt: 2 },
      { ...ctx, stage: 'unmask' },
      { ...ctx, sender: 'bob', recipient: 'alice' },
      { ...ctx, sender: 'alic', recipient: 'ebob' },
    ];
    const encodings = new Set([base, toHex(encodeContext('share-aad', ctx))]);
    for (const variant of variants) encodings.add(toHex(encodeContext('share-key', variant)));
    expect(encodings.size).toBe(variants.length + 2);
  });

  it('is unambiguous where strings meet (length prefixes)', () => {
    const a = encodeContext('x', { ...ctx, sender: 'ab', recipient: 'c' });
    const b = encodeContext('x', { ...ctx, sender: 'a', recipient: 'bc' });
    expect(toHex(a)).not.toBe(toHex(b));
    const c = encodeContext('xa', { ...ctx, experimentId: 'b' });
    const d = encodeContext('x', { ...ctx, experimentId: 'ab' });
    expect(toHex(c)).not.toBe(toHex(d));
  });

  it('binds large round numbers exactly', () => {
    const a = encodeContext('x', { ...ctx, roundNumber: 2 ** 32 });
    const b = encodeContext('x', { ...ctx, roundNumber: 0 });
    expect(toHex(a)).not.toBe(toHex(b));
  });

  it('rejects bad fields with INVALID_ARGUMENT', () => {
    const bad: KdfContext[] = [
      { ...ctx, roundNumber: -1 },
      { ...ctx, attempt: 1.5 },
      { ...ctx, protocolVersion: 2 ** 32 },
      { ...ctx, stage: 'other' as KdfContext['stage'] },
      { ...ctx, sender: 'a\uD800' },
    ];
    for (const context of bad) {
      expect(() => {
        encodeContext('x', context);
      }).toThrow(FedraError);
      try {
        encodeContext('x', context);
      } catch (error) {
        expect((error as FedraError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

describe('hkdfSha256', () => {
  it('matches RFC 5869 test case 1', () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const salt = Uint8Array.from({ length: 13 }, (_, i) => i);
    const info = Uint8Array.from({ length: 10 }, (_, i) => 0xf0 + i);
    expect(toHex(hkdfSha256(ikm, info, 42, salt))).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it.each([0, 10, 1024, 1025, 3000])('agrees with a reference for %i bytes of info', (size) => {
    const ikm = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const info = Uint8Array.from({ length: size }, (_, i) => i & 0xff);
    const salt = new Uint8Array(32);
    for (const length of [32, 100]) {
      expect(toHex(hkdfSha256(ikm, info, length))).toBe(referenceHkdf(ikm, salt, info, length));
    }
  });

  it('rejects lengths out of range', () => {
    expect(() => {
      hkdfSha256(new Uint8Array(32), new Uint8Array(0), 0);
    }).toThrow(FedraError);
    expect(() => {
      hkdfSha256(new Uint8Array(32), new Uint8Array(0), 255 * 32 + 1);
    }).toThrow(FedraError);
  });
});
