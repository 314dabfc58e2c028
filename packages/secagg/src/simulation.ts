/**
 * An in-memory cohort for tests, benchmarks and local experiments: fresh
 * Ed25519 identities, one verifier that trusts them all, a validated config,
 * a {@link ParticipantSession} per participant and one
 * {@link AggregatorSession}. Nothing here is for production: real workers
 * sign with the key behind their certificate and pin the trust bundle.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FedraError } from '@fedra/common';
import { AggregatorSession } from './aggregator-session.js';
import type { AggregateResult } from './aggregator-session.js';
import { createSecAggConfig } from './config.js';
import type { SecAggConfig, SecAggConfigInit } from './config.js';
import type { LaneSpec } from './fixed-point.js';
import { createEd25519Identity, createStaticVerifier } from './identity.js';
import type { IdentitySigner, IdentityVerifier } from './identity.js';
import { SecAggProtocolError } from './errors.js';
import type { UnmaskRequest } from './messages.js';
import { ParticipantSession } from './participant-session.js';
import type { MaskInput } from './participant-session.js';

/** Options of {@link createSimulatedCohort}. */
export interface SimulatedCohortOptions {
  /** Participant ids (sorted here), or a count (ids `p000`, `p001`, ...). */
  participants: readonly string[] | number;
  /** Neighbours per participant. */
  k: number;
  /** Threshold. */
  t: number;
  /** Lanes of the vector. */
  lanes: readonly LaneSpec[];
  /** @default 'sim-experiment' */
  experimentId?: string;
  /** @default 1 */
  roundNumber?: number;
  /** @default 1 */
  attempt?: number;
  /** @default the cohort size */
  nMax?: number;
  /** @default random */
  graphSeed?: Uint8Array;
  /** @default random */
  configHash?: Uint8Array;
  /** Reuse identities (e.g. for a second attempt with the same cohort). */
  identities?: SimulatedIdentities;
}

/** Identities of a simulated cohort. */
export interface SimulatedIdentities {
  /** One signer per participant. */
  signers: ReadonlyMap<string, IdentitySigner>;
  /** Public keys, by participant. */
  publicKeys: ReadonlyMap<string, KeyObject>;
  /** Trusts every participant's public key. */
  verifier: IdentityVerifier;
}

/** A simulated cohort. */
export interface SimulatedCohort {
  /** The validated config. */
  config: SecAggConfig;
  /** The identities. */
  identities: SimulatedIdentities;
  /** One session per participant. */
  participants: Map<string, ParticipantSession>;
  /** The aggregator. */
  aggregator: AggregatorSession;
}

/** Makes Ed25519 identities for `ids` and a verifier that trusts all of them. */
export function createSimulatedIdentities(ids: readonly string[]): SimulatedIdentities {
  const signers = new Map<string, IdentitySigner>();
  const publicKeys = new Map<string, KeyObject>();
  for (const id of ids) {
    const identity = createEd25519Identity(id);
    signers.set(id, identity.signer);
    publicKeys.set(id, identity.publicKey);
  }
  return { signers, publicKeys, verifier: createStaticVerifier(publicKeys) };
}

/** Participant ids `p000`, `p001`, ... (sorted). */
export function simulatedIds(n: number): string[] {
  const width = Math.max(3, String(n - 1).length);
  return Array.from({ length: n }, (_, i) => `p${String(i).padStart(width, '0')}`);
}

/** Builds a config, identities and sessions for a simulated attempt. */
export function createSimulatedCohort(options: SimulatedCohortOptions): SimulatedCohort {
  const ids =
    typeof options.participants === 'number'
      ? simulatedIds(options.participants)
      : [...options.participants].sort();
  const init: SecAggConfigInit = {
    experimentId: options.experimentId ?? 'sim-experiment',
    roundNumber: options.roundNumber ?? 1,
    attempt: options.attempt ?? 1,
    participants: ids,
    k: options.k,
    t: options.t,
    graphSeed: options.graphSeed ?? randomBytes(32),
    configHash: options.configHash ?? randomBytes(32),
    lanes: options.lanes,
    ...(options.nMax === undefined ? {} : { nMax: options.nMax }),
  };
  const config = createSecAggConfig(init);
  const identities = options.identities ?? createSimulatedIdentities(ids);
  const participants = new Map<string, ParticipantSession>();
  for (const id of ids) {
    const signer = identities.signers.get(id);
    if (signer === undefined) {
      throw new FedraError('INVALID_ARGUMENT', `no identity for ${id}`, {
        metadata: { field: 'identities' },
      });
    }
    participants.set(
      id,
      ParticipantSession.create({ config, signer, verifier: identities.verifier }),
    );
  }
  return {
    config,
    identities,
    participants,
    aggregator: AggregatorSession.create({ config, verifier: identities.verifier }),
  };
}

/**
 * When a simulated participant stops: before sending its keys, after setup,
 * after share-keys (no masked vector), after its upload (no survivor-set
 * signature), or after signing (no unmask response).
 */
export type SimulatedDropStage =
  'before-setup' | 'after-setup' | 'after-share-keys' | 'after-masked' | 'after-consistency';

/** Options of {@link simulateRound}. */
export interface SimulateRoundOptions {
  /** Each participant's input (participants without one send an all-zero vector). */
  inputs?: ReadonlyMap<string, MaskInput>;
  /** Participants that stop early, and when. */
  dropouts?: ReadonlyMap<string, SimulatedDropStage>;
  /**
   * Fold masked vectors in chunks of this many elements, last chunk first.
   * @default the whole vector in one chunk
   */
  chunkElements?: number;
}

/** What {@link simulateRound} observed. */
export interface SimulatedRoundOutcome {
  /** The result, when the attempt completed. */
  result?: AggregateResult;
  /** The abort (or reconstruction failure), when it did not. */
  error?: SecAggProtocolError;
  /** Errors participants raised when they refused a stage (they stop there). */
  refusals: SecAggProtocolError[];
  /** The unmask requests the aggregator sent. */
  unmaskRequests: UnmaskRequest[];
}

/**
 * Runs one attempt of `cohort` in memory, with the given dropouts, and
 * returns the outcome. Participants that refuse a stage stop there; an
 * aggregator abort ends the run with `error`.
 */
export async function simulateRound(
  cohort: SimulatedCohort,
  options: SimulateRoundOptions = {},
): Promise<SimulatedRoundOutcome> {
  const { aggregator, participants, config } = cohort;
  const dropouts = options.dropouts ?? new Map<string, SimulatedDropStage>();
  const refusals: SecAggProtocolError[] = [];
  const unmaskRequests: UnmaskRequest[] = [];
  const stopped = new Set<string>();
  const live = (id: string, after: SimulatedDropStage | undefined): boolean =>
    !stopped.has(id) && (after === undefined || dropouts.get(id) !== after);
  const attempt = async <T>(id: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof SecAggProtocolError)) throw e;
      refusals.push(e);
      stopped.add(id);
      return undefined;
    }
  };
  const session = (id: string): ParticipantSession => participants.get(id) as ParticipantSession;

  try {
    for (const id of config.participants) {
      if (!live(id, 'before-setup')) continue;
      const message = await attempt(id, () => session(id).setup());
      if (message !== undefined) await aggregator.receiveSetup(message);
    }
    for (const keys of aggregator.closeSetup()) {
      const id = keys.recipient;
      if (!live(id, 'after-setup')) continue;
      const message = await attempt(id, () => session(id).shareKeys(keys));
      if (message !== undefined) await aggregator.receiveShareKeys(message);
    }
    const chunk = options.chunkElements ?? config.vectorLength;
    for (const routed of aggregator.closeShareKeys()) {
      const id = routed.recipient;
      if (!live(id, 'after-share-keys')) continue;
      const input = options.inputs?.get(id) ?? { encoded: new Uint32Array(config.vectorLength) };
      const masked = await attempt(id, () => session(id).collectMasked(routed, input));
      if (masked === undefined) continue;
      const starts: number[] = [];
      for (let at = 0; at < config.vectorLength; at += chunk) starts.push(at);
      for (const at of starts.reverse()) {
        aggregator.foldMaskedChunk(id, at, masked.vector.subarray(at, at + chunk));
      }
      aggregator.completeMasked(masked.message);
    }
    for (const request of aggregator.closeMasked()) {
      const id = request.recipient;
      if (!live(id, 'after-masked')) continue;
      const response = await attempt(id, () => session(id).consistencyCheck(request));
      if (response !== undefined) await aggregator.receiveConsistency(response);
    }
    for (const request of aggregator.closeConsistency()) {
      unmaskRequests.push(request);
      const id = request.recipient;
      if (!live(id, 'after-consistency')) continue;
      const response = await attempt(id, () => session(id).unmask(request));
      if (response !== undefined) aggregator.receiveUnmask(response);
    }
    return { result: await aggregator.finish(), refusals, unmaskRequests };
  } catch (e) {
    if (e instanceof SecAggProtocolError) return { error: e, refusals, unmaskRequests };
    throw e;
  }
}
