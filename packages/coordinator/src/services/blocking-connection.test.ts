import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { isCancelled, withBlockingConnection } from './blocking-connection.js';

/** A stand-in connection that only counts disconnects. */
function fakeContext() {
  const connection = { disconnects: 0 };
  const disconnect = (): void => {
    connection.disconnects += 1;
  };
  return {
    connection,
    context: { blockingConnection: () => ({ disconnect }) as unknown as Redis },
  };
}

describe('withBlockingConnection', () => {
  it('disconnects once the read returns, and passes its result through', async () => {
    const { connection, context } = fakeContext();
    const result = await withBlockingConnection(context, new AbortController().signal, () =>
      Promise.resolve(connection.disconnects),
    );
    expect(result).toBe(0);
    expect(connection.disconnects).toBe(1);
  });

  it('disconnects when the read fails, and rethrows', async () => {
    const { connection, context } = fakeContext();
    const failed = withBlockingConnection(context, new AbortController().signal, () =>
      Promise.reject(new Error('read failed')),
    );
    await expect(failed).rejects.toThrow('read failed');
    expect(connection.disconnects).toBe(1);
  });

  it('disconnects as soon as the signal aborts, before the read settles', async () => {
    const { connection, context } = fakeContext();
    const controller = new AbortController();
    let seenOnAbort = -1;
    await withBlockingConnection(context, controller.signal, async () => {
      controller.abort();
      seenOnAbort = connection.disconnects;
      expect(isCancelled(controller.signal)).toBe(true);
      await Promise.resolve();
    });
    expect(seenOnAbort).toBe(1);
    // and once more when the read settles.
    expect(connection.disconnects).toBe(2);
  });
});
