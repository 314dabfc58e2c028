import { describe, expect, it } from 'vitest';
import { beforeDeadline, remainingMs, stageDeadlineSignal } from './stage-deadline.js';

describe('stage deadlines from the coordinator-reported remaining time', () => {
  it('reads remaining as milliseconds, ignoring absent or non-positive values', () => {
    expect(remainingMs({ seconds: '2', nanos: 500_000_000 })).toBe(2_500);
    expect(remainingMs({ seconds: 0, nanos: 0 })).toBeUndefined();
    expect(remainingMs({ seconds: -1, nanos: 0 })).toBeUndefined();
    expect(remainingMs(null)).toBeUndefined();
    expect(stageDeadlineSignal(undefined)).toBeUndefined();
  });

  it('abandons work that outlives the deadline with DEADLINE_EXCEEDED naming the stage', async () => {
    const never = new Promise<never>(() => undefined);
    const signal = stageDeadlineSignal({ seconds: 0, nanos: 20_000_000 });
    await expect(beforeDeadline(never, signal, 'collect-masked')).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      message: expect.stringContaining('collect-masked') as unknown,
    });
    expect(signal?.aborted).toBe(true);
    // Already past: refused at once.
    await expect(beforeDeadline(Promise.resolve(1), signal, 'unmask')).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
    });
  });

  it('passes through work that finishes in time, and its errors', async () => {
    const signal = stageDeadlineSignal({ seconds: 60, nanos: 0 });
    await expect(beforeDeadline(Promise.resolve('done'), signal, 'share-keys')).resolves.toBe(
      'done',
    );
    await expect(
      beforeDeadline(Promise.reject(new Error('boom')), signal, 'share-keys'),
    ).rejects.toThrow('boom');
    await expect(beforeDeadline(Promise.resolve(2), undefined, 'setup')).resolves.toBe(2);
  });
});
