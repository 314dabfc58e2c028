/**
 * The coordinator's per-region policy: whether a region is selected at all
 * and how many participants a round may take from it. A region never
 * configured is enabled without a limit (revision 0).
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { FedraError, RevisionConflictError } from '@fedra/common';
import { CheckedWrite } from './checked-write.js';
import { redisCall } from './redis-script.js';
import type { StateKeys } from './state-keys.js';

/** A region's policy as stored. */
export interface RegionPolicyRecord {
  /** The region. */
  readonly region: string;
  /** False: no worker of the region is selected. */
  readonly enabled: boolean;
  /** Most participants per round from the region; 0 = no limit. */
  readonly maxParticipantsPerRound: number;
  /** A note for other admins. */
  readonly note: string;
  /** Incremented on every change; 0 for a region never configured. */
  readonly revision: number;
  /** When it last changed (ms), or 0. */
  readonly updateTimeMs: number;
  /** Who last changed it. */
  readonly updatedBy: string;
}

/** Reads and writes region policies. */
export class RegionPolicyStore {
  readonly #redis: Redis;
  readonly #keys: StateKeys;

  constructor(redis: Redis, keys: StateKeys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  /** The region's policy (the default when never configured). */
  async get(region: string): Promise<RegionPolicyRecord> {
    const hash = await redisCall(() => this.#redis.hgetall(this.#keys.regionPolicy(region)));
    if (hash['revision'] === undefined) {
      return {
        region,
        enabled: true,
        maxParticipantsPerRound: 0,
        note: '',
        revision: 0,
        updateTimeMs: 0,
        updatedBy: '',
      };
    }
    return {
      region,
      enabled: hash['enabled'] === '1',
      maxParticipantsPerRound: Number(hash['maxParticipantsPerRound'] ?? 0),
      note: hash['note'] ?? '',
      revision: Number(hash['revision']),
      updateTimeMs: Number(hash['updateTimeMs'] ?? 0),
      updatedBy: hash['updatedBy'] ?? '',
    };
  }

  /**
   * Replaces the region's policy, bumping its revision.
   *
   * @param expectedRevision - when non-zero, the write fails unless the
   *   stored revision equals it.
   * @throws RevisionConflictError (`REVISION_CONFLICT`, status ABORTED as
   *   the proto promises) when the revision moved on.
   */
  async set(
    policy: Omit<RegionPolicyRecord, 'revision'>,
    expectedRevision: number,
  ): Promise<RegionPolicyRecord> {
    const key = this.#keys.regionPolicy(policy.region);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const current = await this.get(policy.region);
      if (expectedRevision !== 0 && current.revision !== expectedRevision) {
        throw new RevisionConflictError(
          `region-policy/${policy.region}`,
          expectedRevision,
          current.revision,
          {
            message: `region ${policy.region} is at revision ${current.revision}, not ${expectedRevision}; reread and retry`,
          },
        );
      }
      const next: RegionPolicyRecord = { ...policy, revision: current.revision + 1 };
      const write = new CheckedWrite();
      if (current.revision === 0) write.absent('revision', key);
      else write.hashEquals('revision', key, 'revision', current.revision);
      const result = await write
        .hset(key, {
          enabled: next.enabled ? '1' : '0',
          maxParticipantsPerRound: next.maxParticipantsPerRound,
          note: next.note,
          revision: next.revision,
          updateTimeMs: next.updateTimeMs,
          updatedBy: next.updatedBy,
        })
        .run(this.#redis);
      if (result.ok) return next;
    }
    throw new FedraError('UNAVAILABLE', 'region policy update kept racing; retry', {
      metadata: { dependency: 'redis' },
    });
  }
}
