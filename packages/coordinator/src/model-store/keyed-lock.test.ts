import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock.js';

describe('KeyedLock', () => {
  it('runs work for one key one at a time, other keys alongside, and forgets idle keys', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = lock.run('a', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
    });
    const second = lock.run('a', () => {
      log.push('a2');
      return Promise.resolve();
    });
    const other = lock.run('b', () => {
      log.push('b');
      return Promise.resolve();
    });
    await other;
    expect(log).toEqual(['a1 start', 'b']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
    expect(lock.size).toBe(0);
  });

  it('keeps going after a failure', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run('a', () => Promise.resolve(7))).toBe(7);
    expect(lock.size).toBe(0);
  });
});
