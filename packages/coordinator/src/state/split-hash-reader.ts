/**
 * Reads Redis hashes whose bulk never changes once written (an attempt's
 * participants and RoundConfig, an experiment's spec), on paths that read
 * them on every RPC: only the fields that change are fetched each time, with
 * a field that names the unchanging part's content (a sha256); the rest is
 * decoded once per process and kept for a few keys, and read again when
 * that field differs.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { redisCall } from './redis-script.js';

/** How one kind of hash splits. */
export interface SplitHashLayout<Fixed> {
  /** Fields read every time; must include `presence` and `version`. */
  readonly varying: readonly string[];
  /** A field every stored hash has (absent: no such record). */
  readonly presence: string;
  /** The field that names the unchanging part's content. */
  readonly version: string;
  /** Decodes the unchanging part from the whole hash (frozen: readers share it). */
  readonly decodeFixed: (hash: Record<string, string>) => Fixed;
  /** How many keys' decoded parts to keep. */
  readonly capacity: number;
}

/** One read: the varying fields as stored, and the decoded unchanging part. */
export interface SplitHash<Fixed> {
  readonly varying: Record<string, string>;
  readonly fixed: Fixed;
}

/** See the module doc. One per store (per process). */
export class SplitHashReader<Fixed> {
  readonly #layout: SplitHashLayout<Fixed>;
  readonly #cache = new Map<string, { readonly version: string; readonly fixed: Fixed }>();

  constructor(layout: SplitHashLayout<Fixed>) {
    this.#layout = layout;
  }

  /** The hash at `name` split, or undefined when there is none. */
  async read(redis: Redis, name: string): Promise<SplitHash<Fixed> | undefined> {
    const { varying: fields, presence, version, decodeFixed, capacity } = this.#layout;
    const values = await redisCall(() => redis.hmget(name, ...fields));
    const varying: Record<string, string> = {};
    fields.forEach((field, i) => {
      const value = values[i];
      if (value != null) varying[field] = value;
    });
    if (varying[presence] === undefined) return undefined;
    const cached = this.#cache.get(name);
    if (cached !== undefined && cached.version === varying[version]) {
      return { varying, fixed: cached.fixed };
    }
    const hash = await redisCall(() => redis.hgetall(name));
    if (hash[presence] === undefined) return undefined;
    const fixed = decodeFixed(hash);
    // Read after the varying fields, so newer: answer from it alone when it was replaced in between.
    if (hash[version] !== varying[version]) return { varying: hash, fixed };
    this.#cache.delete(name);
    this.#cache.set(name, { version: hash[version] ?? '', fixed });
    for (const oldest of this.#cache.keys()) {
      if (this.#cache.size <= capacity) break;
      this.#cache.delete(oldest);
    }
    return { varying, fixed };
  }
}
