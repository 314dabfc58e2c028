/**
 * Sampling a round's participants from the eligible workers, within the
 * experiment's per-region quotas and the coordinator's region policies.
 * Pure: the caller decides who is eligible and supplies the randomness.
 *
 * @module
 */
import { randomInt } from 'node:crypto';
import type { ParticipantRecord } from '../state/state-types.js';

/** A region's bounds for one round. */
export interface RegionBounds {
  /** Fewest participants the round needs from the region (0 = none). */
  readonly min: number;
  /** Most participants the round may take from it (0 = no limit). */
  readonly max: number;
}

/** Inputs of {@link selectParticipants}. */
export interface SelectionInput {
  /** Eligible workers (connected, healthy, dataset present, region allowed). */
  readonly candidates: readonly ParticipantRecord[];
  /** Participants to select when enough are eligible. */
  readonly target: number;
  /** Fewest participants a round may start with. */
  readonly min: number;
  /**
   * Bounds per region. When `onlyListedRegions` is set, regions without an
   * entry are not selected at all.
   */
  readonly regions: ReadonlyMap<string, RegionBounds>;
  /** Select only from regions in `regions`. */
  readonly onlyListedRegions: boolean;
  /**
   * Uniform integer in [0, n).
   * @default crypto.randomInt
   */
  readonly random?: ((n: number) => number) | undefined;
}

/** The outcome of {@link selectParticipants}. */
export type SelectionResult =
  | { readonly ok: true; readonly participants: readonly ParticipantRecord[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Shuffles the candidates, takes each region's minimum first, then fills up
 * to `target` in shuffled order without exceeding any region's maximum.
 * The result is sorted by worker id (the RoundConfig's order).
 */
export function selectParticipants(input: SelectionInput): SelectionResult {
  const random = input.random ?? ((n: number) => randomInt(n));
  const pool = input.candidates.filter(
    (c) => !input.onlyListedRegions || input.regions.has(c.region),
  );
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = random(i + 1);
    [pool[i], pool[j]] = [pool[j] as ParticipantRecord, pool[i] as ParticipantRecord];
  }
  const chosen: ParticipantRecord[] = [];
  const taken = new Set<string>();
  const perRegion = new Map<string, number>();
  const take = (candidate: ParticipantRecord): void => {
    chosen.push(candidate);
    taken.add(candidate.workerId);
    perRegion.set(candidate.region, (perRegion.get(candidate.region) ?? 0) + 1);
  };
  for (const [region, bounds] of [...input.regions].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (bounds.min === 0) continue;
    const available = pool.filter((c) => c.region === region);
    if (available.length < bounds.min) {
      return {
        ok: false,
        reason: `region ${region} has ${available.length} eligible workers, ${bounds.min} required`,
      };
    }
    available.slice(0, bounds.min).forEach(take);
  }
  for (const candidate of pool) {
    if (chosen.length >= input.target) break;
    if (taken.has(candidate.workerId)) continue;
    const max = input.regions.get(candidate.region)?.max ?? 0;
    if (max !== 0 && (perRegion.get(candidate.region) ?? 0) >= max) continue;
    take(candidate);
  }
  if (chosen.length < input.min) {
    return {
      ok: false,
      reason: `${chosen.length} eligible workers within quotas, ${input.min} required`,
    };
  }
  return {
    ok: true,
    participants: chosen.sort((a, b) =>
      a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0,
    ),
  };
}
