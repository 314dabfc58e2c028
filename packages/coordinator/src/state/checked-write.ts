/**
 * A small compare-and-set language for Redis: a list of checks and a list
 * of writes, run by one Lua script, so the writes happen only if every
 * check holds at that instant. Every round transition (the fencing CAS on
 * experiment, round, attempt, stage and epoch), every experiment state
 * change and the opening of an attempt are built with it.
 *
 * All keys of one batch must share a Redis Cluster slot: the callers only
 * combine keys of one experiment (hash tag `{exp:<id>}`).
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { FedraError } from '@fedra/common';
import { RedisScript, replyStrings } from './redis-script.js';
import type { ScriptArg } from './redis-script.js';

// ARGV[1] is the number of checks; then the checks, then the writes. Each
// op names its key by index into KEYS. A failed check returns
// {'FAILED', <check number>, <actual value or ''>} and writes nothing.
const CHECKED_WRITE = new RedisScript(
  'checked-write',
  `
local nchecks = tonumber(ARGV[1])
local i = 2
for c = 1, nchecks do
  local op = ARGV[i]
  local key = KEYS[tonumber(ARGV[i + 1])]
  if op == 'HEQ' then
    local v = redis.call('HGET', key, ARGV[i + 2])
    if v ~= ARGV[i + 3] then return {'FAILED', tostring(c), v or ''} end
    i = i + 4
  elseif op == 'ABSENT' then
    if redis.call('EXISTS', key) == 1 then return {'FAILED', tostring(c), 'exists'} end
    i = i + 2
  elseif op == 'PRESENT' then
    if redis.call('EXISTS', key) == 0 then return {'FAILED', tostring(c), ''} end
    i = i + 2
  else
    return redis.error_reply('ERR fedra checked-write: unknown check ' .. tostring(op))
  end
end
while i <= #ARGV do
  local op = ARGV[i]
  local key = KEYS[tonumber(ARGV[i + 1])]
  if op == 'HSET' or op == 'SADD' or op == 'SREM' or op == 'HDEL' then
    local n = tonumber(ARGV[i + 2])
    local width = 1
    if op == 'HSET' then width = 2 end
    if n > 0 then
      local args = {}
      for j = 1, width * n do args[j] = ARGV[i + 2 + j] end
      redis.call(op, key, unpack(args))
    end
    i = i + 3 + width * n
  elseif op == 'HSETNX' then
    redis.call('HSETNX', key, ARGV[i + 2], ARGV[i + 3])
    i = i + 4
  elseif op == 'DEL' then
    redis.call('DEL', key)
    i = i + 2
  elseif op == 'SET' then
    redis.call('SET', key, ARGV[i + 2])
    i = i + 3
  elseif op == 'SETNX' then
    redis.call('SET', key, ARGV[i + 2], 'NX')
    i = i + 3
  elseif op == 'XADD' then
    local n = tonumber(ARGV[i + 3])
    local args = {}
    for j = 1, 2 * n do args[j] = ARGV[i + 3 + j] end
    redis.call('XADD', key, 'MAXLEN', '~', ARGV[i + 2], '*', unpack(args))
    i = i + 4 + 2 * n
  else
    return redis.error_reply('ERR fedra checked-write: unknown write ' .. tostring(op))
  end
end
return {'OK'}
`,
);

/** The outcome of {@link CheckedWrite.run}. */
export type CheckedWriteResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Which check failed, by the label given to it. */
      readonly failed: string;
      /** The value found instead ('' when absent). */
      readonly actual: string;
    };

/**
 * Collects checks and writes, then runs them atomically.
 *
 * @example
 * ```ts
 * const result = await new CheckedWrite()
 *   .hashEquals('fence', attemptKey, 'epoch', '3')
 *   .hset(attemptKey, { stage: 'share-keys', phase: 'open' })
 *   .run(redis);
 * if (!result.ok) throw new FencedError(ref, 3);
 * ```
 */
export class CheckedWrite {
  readonly #keys: string[] = [];
  readonly #checks: ScriptArg[] = [];
  readonly #labels: string[] = [];
  readonly #writes: ScriptArg[] = [];

  #key(key: string): number {
    const index = this.#keys.indexOf(key);
    if (index >= 0) return index + 1;
    this.#keys.push(key);
    return this.#keys.length;
  }

  /** Requires hash field `field` of `key` to equal `value` (absent never equals). */
  hashEquals(label: string, key: string, field: string, value: string | number): this {
    this.#labels.push(label);
    this.#checks.push('HEQ', this.#key(key), field, String(value));
    return this;
  }

  /** Requires `key` not to exist. */
  absent(label: string, key: string): this {
    this.#labels.push(label);
    this.#checks.push('ABSENT', this.#key(key));
    return this;
  }

  /** Requires `key` to exist. */
  present(label: string, key: string): this {
    this.#labels.push(label);
    this.#checks.push('PRESENT', this.#key(key));
    return this;
  }

  /** HSET of every field (skipped when there is none). */
  hset(key: string, fields: Readonly<Record<string, ScriptArg>>): this {
    const entries = Object.entries(fields);
    this.#writes.push('HSET', this.#key(key), entries.length, ...entries.flat());
    return this;
  }

  /** HSET of binary field/value pairs. */
  hsetPairs(key: string, pairs: ReadonlyArray<readonly [string, ScriptArg]>): this {
    this.#writes.push('HSET', this.#key(key), pairs.length, ...pairs.flat());
    return this;
  }

  /** HSETNX of one field. */
  hsetnx(key: string, field: string, value: ScriptArg): this {
    this.#writes.push('HSETNX', this.#key(key), field, value);
    return this;
  }

  /** HDEL of fields. */
  hdel(key: string, fields: readonly string[]): this {
    this.#writes.push('HDEL', this.#key(key), fields.length, ...fields);
    return this;
  }

  /** DEL. */
  del(key: string): this {
    this.#writes.push('DEL', this.#key(key));
    return this;
  }

  /** SADD (skipped when empty). */
  sadd(key: string, members: readonly string[]): this {
    this.#writes.push('SADD', this.#key(key), members.length, ...members);
    return this;
  }

  /** SREM (skipped when empty). */
  srem(key: string, members: readonly string[]): this {
    this.#writes.push('SREM', this.#key(key), members.length, ...members);
    return this;
  }

  /** SET. */
  set(key: string, value: ScriptArg): this {
    this.#writes.push('SET', this.#key(key), value);
    return this;
  }

  /** SET NX. */
  setnx(key: string, value: ScriptArg): this {
    this.#writes.push('SETNX', this.#key(key), value);
    return this;
  }

  /** XADD with an approximate MAXLEN. */
  xadd(key: string, maxLen: number, fields: Readonly<Record<string, ScriptArg>>): this {
    const entries = Object.entries(fields);
    this.#writes.push('XADD', this.#key(key), maxLen, entries.length, ...entries.flat());
    return this;
  }

  /** Runs the checks and, if all hold, the writes, in one script. */
  async run(redis: Redis): Promise<CheckedWriteResult> {
    const reply = replyStrings(
      await CHECKED_WRITE.run(redis, this.#keys, [
        this.#labels.length,
        ...this.#checks,
        ...this.#writes,
      ]),
      CHECKED_WRITE.name,
    );
    if (reply[0] === 'OK') return { ok: true };
    if (reply[0] === 'FAILED') {
      const index = Number(reply[1]) - 1;
      return { ok: false, failed: this.#labels[index] ?? '?', actual: reply[2] ?? '' };
    }
    throw new FedraError('INTERNAL', 'unexpected reply from the checked-write script');
  }
}
