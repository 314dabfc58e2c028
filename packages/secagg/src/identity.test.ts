import { describe, expect, it } from 'vitest';
import { createEd25519Identity, createStaticVerifier } from './identity.js';

describe('identity signatures', () => {
  const alice = createEd25519Identity('alice');
  const bob = createEd25519Identity('bob');
  const verifier = createStaticVerifier(
    new Map([
      ['alice', alice.publicKey],
      ['bob', bob.publicKey],
    ]),
  );
  const message = new TextEncoder().encode('round 1 attempt 1 keys');

  it('verifies a signature by the named participant', async () => {
    const signature = await alice.signer.sign(message);
    expect(alice.signer.participantId).toBe('alice');
    expect(signature).toHaveLength(64);
    expect(await verifier.verify('alice', message, signature)).toBe(true);
  });

  it('rejects a changed message, another key, an unknown id and malformed bytes', async () => {
    const signature = await alice.signer.sign(message);
    const changed = Uint8Array.from(message);
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(await verifier.verify('alice', changed, signature)).toBe(false);
    expect(await verifier.verify('bob', message, signature)).toBe(false);
    expect(await verifier.verify('mallory', message, signature)).toBe(false);
    expect(await verifier.verify('alice', message, signature.subarray(0, 63))).toBe(false);
    expect(await verifier.verify('alice', message, new Uint8Array(0))).toBe(false);
    const flipped = Uint8Array.from(signature);
    flipped[10] = (flipped[10] ?? 0) ^ 0x80;
    expect(await verifier.verify('alice', message, flipped)).toBe(false);
  });

  it('refuses an empty participant id', () => {
    expect(() => {
      createEd25519Identity('');
    }).toThrow(/participantId/);
  });
});
