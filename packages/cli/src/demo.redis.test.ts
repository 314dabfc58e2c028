import { access } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '@fedra/common';
import { runDemo, shardDigits } from './demo.js';
import type { DemoEvent } from './demo.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('runDemo', () => {
  it('commits two securely aggregated rounds, improves held-out accuracy and cleans up', async () => {
    const events: DemoEvent[] = [];
    const result = await runDemo({
      rounds: 2,
      redisUrl: REDIS_URL,
      onProgress: (e) => events.push(e),
    });
    expect(result.rounds.map((r) => r.roundNumber)).toEqual([1, 2]);
    for (const round of result.rounds) {
      expect(round.participants).toBe(3);
      expect(round.survivors).toBe(3);
    }
    expect(result.rounds[1]?.accuracy).toBeGreaterThan(result.initialAccuracy);
    expect(result.rounds[1]?.accuracy).toBeGreaterThan(result.rounds[0]?.accuracy ?? 1);
    expect(result.workers.map((w) => w.region)).toEqual(['eu', 'us', 'apac']);
    expect(events.filter((e) => e.type === 'round')).toHaveLength(2);

    const coordinator = events.find((e) => e.type === 'coordinator');
    const redis = new Redis(REDIS_URL);
    const [, left] = await redis.scan(
      '0',
      'MATCH',
      `*${coordinator?.keyPrefix ?? '?'}*`,
      'COUNT',
      10_000,
    );
    redis.disconnect();
    expect(left).toEqual([]);
    await expect(access(result.workDir)).rejects.toThrow();
  }, 180_000);

  it('rejects a worker count the secure aggregation cannot serve', async () => {
    await expect(runDemo({ workers: 2, redisUrl: REDIS_URL })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'workers',
    });
  });

  it('says how to start Redis when it does not answer', async () => {
    const error: unknown = await runDemo({ redisUrl: 'redis://127.0.0.1:1' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).dependency).toBe('redis');
    expect((error as UnavailableError).message).toContain('redis-server --daemonize yes');
  });
});

describe('shardDigits', () => {
  it('gives every digit to exactly one worker', () => {
    for (let n = 3; n <= 10; n += 1)
      expect(shardDigits(n).flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shardDigits(3)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
  });
});
