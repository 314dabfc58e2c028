/**
 * The RoundConfig of an attempt: built once from the experiment, the
 * selection and the base model, serialized once, hashed (the config hash
 * every secure-aggregation signature binds) and signed with the
 * coordinator's TLS key when it has one.
 *
 * TODO(secagg): the graph seed is 32 random bytes the coordinator picks. A
 * coordinator that picks seeds could grind them for a neighbour graph that
 * suits it; derive the seed from a commit-reveal among participants or from
 * their setup keys (see the README).
 *
 * @module
 */
import { createHash, createPrivateKey, sign as signBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { DurationOutput, RoundConfig, RoundConfigOutput } from '@fedra/proto';
import { SECAGG_PROTOCOL_VERSION, SECAGG_SUITE } from '@fedra/secagg';
import type { SecAggStage } from '@fedra/secagg';
import { encodeRoundConfig } from '@fedra/wire';
import type { ParticipantRecord } from '../state/state-types.js';
import type { ValidatedSpec } from './spec-validation.js';

/** Signs config hashes; see {@link createConfigSigner}. */
export interface ConfigSigner {
  /** The signature algorithm, e.g. `ed25519` or `ecdsa-p256-sha256`. */
  readonly algorithm: string;
  /** Signs a config hash. */
  sign(hash: Uint8Array): Buffer;
}

/**
 * A signer over the coordinator's TLS private key (PEM): Ed25519 signs the
 * hash itself, ECDSA and RSA sign its SHA-256.
 */
export function createConfigSigner(keyPem: string): ConfigSigner {
  const key: KeyObject = createPrivateKey(keyPem);
  const type = key.asymmetricKeyType ?? 'unknown';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const algorithm =
    type === 'ed25519' || type === 'ed448'
      ? type
      : type === 'ec'
        ? `ecdsa-${curve === 'prime256v1' ? 'p256' : (curve ?? 'ec')}-sha256`
        : `${type}-sha256`;
  const digest = type === 'ed25519' || type === 'ed448' ? null : 'sha256';
  return {
    algorithm,
    sign: (hash) => signBytes(digest, hash, key),
  };
}

/** Everything {@link buildRoundConfig} needs. */
export interface RoundConfigInput {
  readonly experimentId: string;
  readonly owner: string;
  readonly specSha256: string;
  readonly validated: ValidatedSpec;
  readonly roundNumber: number;
  readonly attempt: number;
  readonly participants: readonly ParticipantRecord[];
  readonly k: number;
  readonly t: number;
  readonly graphSeed: Buffer;
  readonly baseModelVersion: number;
  readonly baseModelSha256: string;
}

/** A built RoundConfig: the object, its bytes and their hash. */
export interface BuiltRoundConfig {
  /** The config as sent. */
  readonly config: RoundConfig;
  /** Its serialized bytes (what travels, what is hashed). */
  readonly bytes: Buffer;
  /** sha256 of `bytes`. */
  readonly sha256: Buffer;
}

function duration(ms: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** Builds and serializes an attempt's RoundConfig. */
export function buildRoundConfig(input: RoundConfigInput): BuiltRoundConfig {
  const d = input.validated.deadlinesMs;
  const config: RoundConfig = {
    protocolVersion: SECAGG_PROTOCOL_VERSION,
    secaggSuite: SECAGG_SUITE,
    experimentId: input.experimentId,
    roundNumber: input.roundNumber,
    attempt: input.attempt,
    participants: input.participants.map((p) => ({ workerId: p.workerId, region: p.region })),
    k: input.k,
    t: input.t,
    graphSeed: input.graphSeed,
    lanes: input.validated.lanes.map((lane) => ({ ...lane })),
    modelSha256: Buffer.from(input.baseModelSha256, 'hex'),
    modelVersion: input.baseModelVersion,
    specSha256: Buffer.from(input.specSha256, 'hex'),
    deadlines: {
      setup: duration(d.setup),
      shareKeys: duration(d['share-keys']),
      collectMasked: duration(d['collect-masked']),
      consistencyCheck: duration(d['consistency-check']),
      unmask: duration(d.unmask),
    },
    owner: input.owner,
  };
  const bytes = encodeRoundConfig(config);
  return { config, bytes, sha256: createHash('sha256').update(bytes).digest() };
}

/** Milliseconds of a wire Duration. */
export function durationToMs(value: DurationOutput | null): number {
  return value === null ? 0 : value.seconds * 1000 + Math.floor(value.nanos / 1e6);
}

/** A stage's deadline length from a decoded RoundConfig. */
export function stageDeadlineMs(config: RoundConfigOutput, stage: SecAggStage): number {
  const d = config.deadlines;
  if (d === null) return 0;
  switch (stage) {
    case 'setup':
      return durationToMs(d.setup);
    case 'share-keys':
      return durationToMs(d.shareKeys);
    case 'collect-masked':
      return durationToMs(d.collectMasked);
    case 'consistency-check':
      return durationToMs(d.consistencyCheck);
    case 'unmask':
      return durationToMs(d.unmask);
  }
}
