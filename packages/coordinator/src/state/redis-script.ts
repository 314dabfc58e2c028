/**
 * A Lua script run by its SHA-1 (`EVALSHA`), loaded on first use or after a
 * Redis restart (`NOSCRIPT`), with Redis failures turned into `UNAVAILABLE`.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { FedraError } from '@fedra/common';

/** What a script argument may be; Buffers travel as binary-safe strings. */
export type ScriptArg = string | number | Buffer;

/** One Lua script. */
export class RedisScript {
  /** The Lua source. */
  readonly source: string;
  /** Its SHA-1, as EVALSHA wants it. */
  readonly sha1: string;
  /** A name for error messages. */
  readonly name: string;

  constructor(name: string, source: string) {
    this.name = name;
    this.source = source;
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  /**
   * Runs the script.
   *
   * @throws FedraError `UNAVAILABLE` (dependency `redis`) when Redis fails.
   */
  async run(redis: Redis, keys: readonly string[], args: readonly ScriptArg[]): Promise<unknown> {
    try {
      try {
        return await redis.evalsha(this.sha1, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return await redis.eval(this.source, keys.length, ...keys, ...args);
      }
    } catch (error) {
      if (error instanceof FedraError) throw error;
      throw new FedraError('UNAVAILABLE', `redis failed while running the ${this.name} script`, {
        cause: error,
        metadata: { dependency: 'redis' },
      });
    }
  }
}

/** Reads a script's array reply as strings (Lua numbers and bulk strings both). */
export function replyStrings(reply: unknown, script: string): string[] {
  if (!Array.isArray(reply)) {
    throw new FedraError('INTERNAL', `unexpected reply from the ${script} script`);
  }
  return reply.map((value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '',
  );
}

/**
 * Runs `operation` and turns a Redis failure into `UNAVAILABLE`; FedraErrors
 * pass through.
 */
export async function redisCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof FedraError) throw error;
    throw new FedraError('UNAVAILABLE', 'redis is unavailable; retry', {
      cause: error,
      metadata: { dependency: 'redis' },
    });
  }
}

/** Redis `TIME` in milliseconds: every deadline is taken from this one clock. */
export async function redisTimeMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redisCall(() => redis.time());
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}
