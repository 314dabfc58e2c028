/**
 * The configuration of one secure-aggregation attempt, validated once and
 * frozen, and the rule Fedra uses to pick the neighbourhood size k and the
 * threshold t from the cohort size and the expected dropout rate.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import { SecAggProtocolError } from './errors.js';
import { checkLaneOverflow } from './fixed-point.js';
import type { LaneSpec } from './fixed-point.js';
import { SHAMIR_MAX_SHARES } from './shamir.js';
import { SECAGG_PROTOCOL_VERSION, SECAGG_SUITE } from './stage.js';

/** Longest participant or experiment id accepted, in UTF-16 code units. */
export const MAX_ID_LENGTH = 256;

/**
 * What the coordinator fixes for one attempt. Every participant builds the
 * same object from the RoundConfig it received and checked against its policy.
 */
export interface SecAggConfigInit {
  /**
   * Protocol version; must equal {@link SECAGG_PROTOCOL_VERSION}.
   * @default SECAGG_PROTOCOL_VERSION
   */
  protocolVersion?: number;
  /**
   * Cipher suite; must equal {@link SECAGG_SUITE}.
   * @default SECAGG_SUITE
   */
  suite?: string;
  /** The experiment id (non-empty). */
  experimentId: string;
  /** The round number, 1-based. */
  roundNumber: number;
  /** The attempt of the round, 1-based; a retry uses fresh keys and the next attempt. */
  attempt: number;
  /**
   * The participants' worker ids, sorted by code unit (`Array.prototype.sort()`
   * order), unique, at least 3, at most {@link MAX_ID_LENGTH} code units each.
   */
  participants: readonly string[];
  /** Neighbours per participant in the Harary graph H(k, n); `n - 1` is classic SecAgg. */
  k: number;
  /**
   * Shamir threshold: 2 <= t <= k and t > d/2, where d is the largest degree
   * in the graph (k, or k + 1 for one vertex when n·k is odd). Against γ
   * colluding participants use t > (d + γd)/2; see {@link chooseSecAggParams}.
   */
  t: number;
  /** 32 public random bytes that fix the neighbour graph. */
  graphSeed: Uint8Array;
  /** The fixed-point lanes, in vector order. */
  lanes: readonly LaneSpec[];
  /**
   * The largest cohort any attempt of the experiment may have; the overflow
   * check requires nMax x bound x scale < 2^31 in every lane.
   * @default participants.length
   */
  nMax?: number;
  /** sha256 of the coordinator's canonical RoundConfig (32 bytes); bound into every signature. */
  configHash: Uint8Array;
}

/**
 * A validated, frozen {@link SecAggConfigInit} with every default filled in.
 * The byte fields are private copies; treat them as read-only.
 */
export interface SecAggConfig {
  /** Protocol version (always {@link SECAGG_PROTOCOL_VERSION}). */
  readonly protocolVersion: number;
  /** Cipher suite (always {@link SECAGG_SUITE}). */
  readonly suite: string;
  /** The experiment id. */
  readonly experimentId: string;
  /** The round number, 1-based. */
  readonly roundNumber: number;
  /** The attempt, 1-based. */
  readonly attempt: number;
  /** Sorted unique participant ids. */
  readonly participants: readonly string[];
  /** Neighbours per participant. */
  readonly k: number;
  /** Shamir threshold. */
  readonly t: number;
  /** The neighbour-graph seed (32 bytes). */
  readonly graphSeed: Uint8Array;
  /** The lanes, frozen. */
  readonly lanes: readonly LaneSpec[];
  /** Sum of the lane lengths: elements in every masked vector. */
  readonly vectorLength: number;
  /** The cohort bound used by the overflow check. */
  readonly nMax: number;
  /** The RoundConfig hash (32 bytes). */
  readonly configHash: Uint8Array;
}

/** {@link SecAggConfig} as JSON-safe data (bytes as base64). */
export interface SecAggConfigJSON {
  protocolVersion: number;
  suite: string;
  experimentId: string;
  roundNumber: number;
  attempt: number;
  participants: string[];
  k: number;
  t: number;
  graphSeed: string;
  lanes: LaneSpec[];
  nMax: number;
  configHash: string;
}

function configError(message: string, field: string): SecAggProtocolError {
  return new SecAggProtocolError('INVALID_ARGUMENT', 'config', undefined, message, {
    metadata: { field },
  });
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw configError(`${field} must be a positive integer`, field);
  }
  return value;
}

function bytes32(value: unknown, field: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== 32) {
    throw configError(`${field} must be 32 bytes`, field);
  }
  return Uint8Array.from(value);
}

/**
 * The largest vertex degree of the Harary graph H(k, n): k, except that one
 * vertex has degree k + 1 when n·k is odd.
 */
export function maxNeighbourDegree(n: number, k: number): number {
  return (n * k) % 2 === 1 ? k + 1 : k;
}

// With the `u` flag this matches only unpaired surrogates, which UTF-8
// cannot encode: two such ids could sign alike.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True when `id` is an acceptable participant id: non-empty, at most {@link MAX_ID_LENGTH}, well-formed UTF-16. */
export function isValidParticipantId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= MAX_ID_LENGTH &&
    !LONE_SURROGATE.test(id)
  );
}

/**
 * Validates and freezes a configuration.
 *
 * @throws SecAggProtocolError `INVALID_ARGUMENT` (stage `'config'`) naming the
 *   offending field; FedraError `LANE_OVERFLOW` naming the lane when
 *   nMax x bound x scale reaches 2^31.
 */
export function createSecAggConfig(init: SecAggConfigInit): SecAggConfig {
  const protocolVersion = init.protocolVersion ?? SECAGG_PROTOCOL_VERSION;
  if (protocolVersion !== SECAGG_PROTOCOL_VERSION) {
    throw configError(
      `protocolVersion ${protocolVersion} is not supported (this build speaks ${SECAGG_PROTOCOL_VERSION})`,
      'protocolVersion',
    );
  }
  const suite = init.suite ?? SECAGG_SUITE;
  if (suite !== SECAGG_SUITE) throw configError(`suite must be ${SECAGG_SUITE}`, 'suite');
  if (!isValidParticipantId(init.experimentId)) {
    throw configError(
      `experimentId must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
      'experimentId',
    );
  }
  const roundNumber = positiveInteger(init.roundNumber, 'roundNumber');
  const attempt = positiveInteger(init.attempt, 'attempt');

  const rawParticipants: unknown = init.participants;
  if (!Array.isArray(rawParticipants)) {
    throw configError('participants must be an array', 'participants');
  }
  const participants: string[] = [...init.participants];
  const n = participants.length;
  if (n < 3) throw configError(`participants must have at least 3 ids, got ${n}`, 'participants');
  for (let i = 0; i < n; i++) {
    const id = participants[i];
    if (!isValidParticipantId(id)) {
      throw configError(
        `participants[${i}] must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
        'participants',
      );
    }
    const previous = participants[i - 1];
    if (previous !== undefined && !(previous < id)) {
      throw configError('participants must be sorted (code-unit order) and unique', 'participants');
    }
  }

  const k = positiveInteger(init.k, 'k');
  if (k > n - 1) throw configError(`k must be at most n - 1 = ${n - 1}, got ${k}`, 'k');
  const degree = maxNeighbourDegree(n, k);
  if (degree > SHAMIR_MAX_SHARES) {
    throw configError(
      `a neighbourhood of ${degree} exceeds the ${SHAMIR_MAX_SHARES}-share Shamir limit`,
      'k',
    );
  }
  const t = positiveInteger(init.t, 't');
  if (t < 2 || t > k) throw configError(`t must be in [2, k = ${k}], got ${t}`, 't');
  if (2 * t <= degree) {
    throw configError(
      `t must exceed half the largest neighbourhood (${degree}/2) so two survivor sets cannot both gather t signatures, got ${t}`,
      't',
    );
  }

  const graphSeed = bytes32(init.graphSeed, 'graphSeed');
  const configHash = bytes32(init.configHash, 'configHash');

  const rawLanes: unknown = init.lanes;
  if (!Array.isArray(rawLanes) || rawLanes.length === 0) {
    throw configError('lanes must be a non-empty array', 'lanes');
  }
  const names = new Set<string>();
  const lanes: LaneSpec[] = init.lanes.map((lane: LaneSpec, i) => {
    const laneValue: unknown = lane;
    if (
      typeof laneValue !== 'object' ||
      laneValue === null ||
      typeof lane.name !== 'string' ||
      lane.name.length === 0
    ) {
      throw configError(`lanes[${i}].name must be a non-empty string`, 'lanes');
    }
    if (names.has(lane.name)) throw configError(`lane name ${lane.name} is repeated`, 'lanes');
    names.add(lane.name);
    if (!Number.isSafeInteger(lane.length) || lane.length < 1) {
      throw configError(`lanes[${i}].length must be a positive integer`, 'lanes');
    }
    return Object.freeze({
      name: lane.name,
      length: lane.length,
      bound: lane.bound,
      scale: lane.scale,
    });
  });
  const nMax = init.nMax === undefined ? n : positiveInteger(init.nMax, 'nMax');
  if (nMax < n)
    throw configError(`nMax must be at least the cohort size ${n}, got ${nMax}`, 'nMax');
  // Throws LANE_OVERFLOW naming the lane (and validates bound and scale).
  checkLaneOverflow(lanes, nMax);
  let vectorLength = 0;
  for (const lane of lanes) vectorLength += lane.length;
  if (vectorLength > 0xffffffff / 4)
    throw configError('the lanes are too long for one vector', 'lanes');

  return Object.freeze({
    protocolVersion,
    suite,
    experimentId: init.experimentId,
    roundNumber,
    attempt,
    participants: Object.freeze(participants),
    k,
    t,
    graphSeed,
    lanes: Object.freeze(lanes),
    vectorLength,
    nMax,
    configHash,
  });
}

/** The config as JSON-safe data, for snapshots. */
export function secAggConfigToJSON(config: SecAggConfig): SecAggConfigJSON {
  return {
    protocolVersion: config.protocolVersion,
    suite: config.suite,
    experimentId: config.experimentId,
    roundNumber: config.roundNumber,
    attempt: config.attempt,
    participants: [...config.participants],
    k: config.k,
    t: config.t,
    graphSeed: Buffer.from(config.graphSeed).toString('base64'),
    lanes: config.lanes.map((l) => ({ ...l })),
    nMax: config.nMax,
    configHash: Buffer.from(config.configHash).toString('base64'),
  };
}

/**
 * Rebuilds and re-validates a config from {@link secAggConfigToJSON}.
 *
 * @throws as {@link createSecAggConfig}.
 */
export function secAggConfigFromJSON(json: SecAggConfigJSON): SecAggConfig {
  return createSecAggConfig({
    ...json,
    graphSeed: new Uint8Array(Buffer.from(json.graphSeed, 'base64')),
    configHash: new Uint8Array(Buffer.from(json.configHash, 'base64')),
  });
}

/** Inputs of {@link chooseSecAggParams}. */
export interface SecAggParamsInput {
  /** Cohort size (>= 3). */
  n: number;
  /** Expected fraction of participants that drop before unmasking, in [0, 1). */
  dropoutRate: number;
  /**
   * Fraction γ of participants that may collude with the coordinator, in [0, 1).
   * @default 0
   */
  colludingFraction?: number;
  /**
   * Largest acceptable probability (union bound over all n secrets, dropouts
   * independent at `dropoutRate`) that some secret lacks t live holders and
   * the attempt aborts.
   * @default 1e-4
   */
  maxAbortProbability?: number;
}

/** Output of {@link chooseSecAggParams}. */
export interface SecAggParams {
  /** Neighbours per participant. */
  k: number;
  /** Shamir threshold. */
  t: number;
  /** The abort-probability bound of this choice (see {@link SecAggParamsInput.maxAbortProbability}). */
  abortProbability: number;
}

/** P[Binomial(trials, p) < below]. */
function binomialCdfBelow(trials: number, p: number, below: number): number {
  if (below <= 0) return 0;
  if (p >= 1) return below > trials ? 1 : 0;
  let term = Math.pow(1 - p, trials); // P[X = 0]
  let sum = 0;
  for (let i = 0; i < below && i <= trials; i++) {
    sum += term;
    term *= ((trials - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.min(1, sum);
}

/**
 * Picks k and t for a cohort of n with dropout rate δ and colluding fraction γ.
 *
 * Rule (the package README explains it):
 * 1. t(k) = floor((d + γd)/2) + 1 with d the largest degree for k (k, or k + 1
 *    when n·k is odd), at least 2: two survivor sets can then never both
 *    collect t signatures in one neighbourhood without an honest signer in common.
 * 2. k is feasible when t(k) <= k and t(k) <= floor((1 - δ)k), the expected
 *    number of live neighbours.
 * 3. Candidates: the SecAgg+ degree k0 = the smallest even number >= 3·log2(n),
 *    then k0 + 2, k0 + 4, ..., then n - 1 (classic SecAgg); all capped by the
 *    255-share Shamir limit. When k0 >= n - 1 only classic SecAgg is tried.
 * 4. The first feasible candidate whose abort bound n·P[Bin(k, 1 - δ) < t]
 *    is at most `maxAbortProbability` wins; if none reaches it, the feasible
 *    candidate with the smallest bound.
 *
 * @throws FedraError `INVALID_ARGUMENT` on out-of-range inputs, or when no k
 *   is feasible (δ and γ too high for n: roughly δ + γ/2 must stay below 1/2).
 */
export function chooseSecAggParams(input: SecAggParamsInput): SecAggParams {
  const { n, dropoutRate } = input;
  const gamma = input.colludingFraction ?? 0;
  const target = input.maxAbortProbability ?? 1e-4;
  const invalid = (message: string, field: string): FedraError =>
    new FedraError('INVALID_ARGUMENT', message, { metadata: { field } });
  if (!Number.isSafeInteger(n) || n < 3) throw invalid('n must be an integer >= 3', 'n');
  if (!(dropoutRate >= 0 && dropoutRate < 1))
    throw invalid('dropoutRate must be in [0, 1)', 'dropoutRate');
  if (!(gamma >= 0 && gamma < 1))
    throw invalid('colludingFraction must be in [0, 1)', 'colludingFraction');
  if (!(target > 0 && target < 1))
    throw invalid('maxAbortProbability must be in (0, 1)', 'maxAbortProbability');

  const classic = n - 1;
  const k0 = 2 * Math.ceil((3 * Math.log2(n)) / 2);
  const candidates: number[] = [];
  if (k0 < classic) for (let k = k0; k < classic; k += 2) candidates.push(k);
  candidates.push(classic);

  let best: SecAggParams | undefined;
  for (const k of candidates) {
    const degree = maxNeighbourDegree(n, k);
    if (degree > SHAMIR_MAX_SHARES) break;
    const t = Math.max(2, Math.floor((degree + gamma * degree) / 2) + 1);
    if (t > k || t > Math.floor((1 - dropoutRate) * k + 1e-9)) continue;
    const abortProbability = Math.min(1, n * binomialCdfBelow(k, 1 - dropoutRate, t));
    if (abortProbability <= target) return { k, t, abortProbability };
    if (best === undefined || abortProbability < best.abortProbability)
      best = { k, t, abortProbability };
  }
  if (best === undefined) {
    throw invalid(
      `no (k, t) works for n = ${n}, dropoutRate = ${dropoutRate}, colludingFraction = ${gamma}: ` +
        't must exceed (k + γk)/2 yet stay within the (1 - dropoutRate)·k expected live neighbours; ' +
        'lower the dropout rate or the colluding fraction, or grow the cohort',
      'dropoutRate',
    );
  }
  return best;
}
