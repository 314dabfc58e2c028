/**
 * The worker's side of the fedra.v1 wire: decoding the RoundConfig and
 * ExperimentSpec bytes an invitation carries, the attempt's secure-aggregation
 * config, and conversions between `@fedra/secagg` messages and their wire
 * forms (stages are `'share-keys'` in secagg and `STAGE_SHARE_KEYS` on the
 * wire; bytes are Uint8Array there and Buffer here).
 *
 * RoundConfig and ExperimentSpec are never RPC messages themselves, so they
 * are decoded by wrapping their bytes in an RPC response that carries them
 * (the same envelopes the coordinator uses) and reading them back out with
 * `@fedra/proto`'s loaded serializers, which fill in defaults exactly as the
 * generated `…Output` types describe.
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';
import { loadFedraPackage } from '@fedra/proto';
import type {
  ConsistencyRequestOutput,
  ConsistencyResponse as WireConsistencyResponse,
  ExperimentSpecOutput,
  IncomingShareOutput,
  RoundConfigOutput,
  SetupMessage as WireSetupMessage,
  SetupMessageOutput,
  ShareKeysMessage as WireShareKeysMessage,
  StageHeader as WireStageHeader,
  StageHeaderOutput,
  StageOutput,
  UnmaskRequestOutput,
  UnmaskResponse as WireUnmaskResponse,
} from '@fedra/proto';
import { createSecAggConfig } from '@fedra/secagg';
import type {
  ConsistencyRequest,
  ConsistencyResponse,
  RoutedShare,
  SecAggConfig,
  SecAggHeader,
  SecAggStage,
  SetupMessage,
  ShareKeysMessage,
  UnmaskRequest,
  UnmaskResponse,
} from '@fedra/secagg';

const LENGTH_DELIMITED = 2;

/** `bytes` as length-delimited protobuf field `number`. */
function wrap(number: number, bytes: Uint8Array): Buffer {
  const head: number[] = [];
  for (let value = (number << 3) | LENGTH_DELIMITED; ; value >>>= 7) {
    if (value < 0x80) {
      head.push(value);
      break;
    }
    head.push((value & 0x7f) | 0x80);
  }
  for (let value = bytes.length; ; value = Math.floor(value / 128)) {
    if (value < 0x80) {
      head.push(value);
      break;
    }
    head.push((value % 128) | 0x80);
  }
  return Buffer.concat([Buffer.from(head), bytes]);
}

function nest(path: readonly number[], bytes: Uint8Array): Buffer {
  let wire: Buffer = Buffer.from(bytes);
  for (const number of [...path].reverse()) wire = wrap(number, wire);
  return wire;
}

// GetRoundResponse(1: round) → Round(4: attempts) → RoundAttempt(4: config).
const ROUND_CONFIG_PATH = [1, 4, 4] as const;
// GetExperimentResponse(1: experiment) → Experiment(5: spec).
const SPEC_PATH = [1, 5] as const;

/**
 * Decodes a serialized fedra.v1.RoundConfig (defaults filled in).
 *
 * @throws InvalidArgumentError (field `round_config`) when the bytes do not decode.
 */
export function decodeRoundConfig(bytes: Uint8Array): RoundConfigOutput {
  try {
    const decoded = loadFedraPackage().fedra.v1.AdminService.service.GetRound.responseDeserialize(
      nest(ROUND_CONFIG_PATH, bytes),
    );
    const config = decoded.round?.attempts[0]?.config;
    if (config == null) throw new Error('no config');
    return config;
  } catch (error) {
    throw new InvalidArgumentError('round_config', 'the RoundConfig bytes do not decode', {
      cause: error,
    });
  }
}

/**
 * Decodes a serialized fedra.v1.ExperimentSpec (defaults filled in).
 *
 * @throws InvalidArgumentError (field `spec`) when the bytes do not decode.
 */
export function decodeExperimentSpec(bytes: Uint8Array): ExperimentSpecOutput {
  try {
    const service = loadFedraPackage().fedra.v1.ExperimentService.service;
    const decoded = service.GetExperiment.responseDeserialize(nest(SPEC_PATH, bytes));
    const spec = decoded.experiment?.spec;
    if (spec == null) throw new Error('no spec');
    return spec;
  } catch (error) {
    throw new InvalidArgumentError('spec', 'the ExperimentSpec bytes do not decode', {
      cause: error,
    });
  }
}

/**
 * The secure-aggregation config of an attempt, built from its decoded
 * RoundConfig and the hash of its bytes exactly as the coordinator builds it.
 *
 * @param nMax - the experiment's largest cohort (its target participants).
 * @throws as `createSecAggConfig` (INVALID_ARGUMENT naming the field, LANE_OVERFLOW).
 */
export function secAggConfigFromRoundConfig(
  config: RoundConfigOutput,
  configHash: Uint8Array,
  nMax: number,
): SecAggConfig {
  return createSecAggConfig({
    protocolVersion: config.protocolVersion,
    suite: config.secaggSuite,
    experimentId: config.experimentId,
    roundNumber: config.roundNumber,
    attempt: config.attempt,
    participants: config.participants.map((p) => p.workerId),
    k: config.k,
    t: config.t,
    graphSeed: new Uint8Array(config.graphSeed),
    lanes: config.lanes.map((lane) => ({
      name: lane.name,
      length: lane.length,
      bound: lane.bound,
      scale: lane.scale,
    })),
    nMax: Math.max(nMax, config.participants.length),
    configHash: new Uint8Array(configHash),
  });
}

const TO_WIRE: Readonly<Record<SecAggStage, StageOutput>> = Object.freeze({
  setup: 'STAGE_SETUP',
  'share-keys': 'STAGE_SHARE_KEYS',
  'collect-masked': 'STAGE_COLLECT_MASKED',
  'consistency-check': 'STAGE_CONSISTENCY_CHECK',
  unmask: 'STAGE_UNMASK',
});

/** The secagg stage of a wire Stage, or undefined for STAGE_UNSPECIFIED and unknown values. */
export function stageFromWire(stage: string): SecAggStage | undefined {
  for (const [name, wire] of Object.entries(TO_WIRE))
    if (wire === stage) return name as SecAggStage;
  return undefined;
}

const bytes = (value: Uint8Array): Buffer =>
  Buffer.from(value.buffer, value.byteOffset, value.byteLength);
const view = (value: Buffer): Uint8Array =>
  new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/** A secagg header on the wire. */
export function headerToWire(header: SecAggHeader): WireStageHeader {
  return { ...header, stage: TO_WIRE[header.stage] };
}

function headerFromWire(header: StageHeaderOutput | null, fallback: SecAggStage): SecAggHeader {
  return {
    experimentId: header?.experimentId ?? '',
    roundNumber: header?.roundNumber ?? 0,
    attempt: header?.attempt ?? 0,
    stage: stageFromWire(header?.stage ?? 'STAGE_UNSPECIFIED') ?? fallback,
    sender: header?.sender ?? '',
  };
}

/** setup message → wire. */
export function setupToWire(message: SetupMessage): WireSetupMessage {
  return {
    header: headerToWire(message.header),
    encryptionPublicKey: bytes(message.encryptionPublicKey),
    maskingPublicKey: bytes(message.maskingPublicKey),
    signature: bytes(message.signature),
  };
}

/** wire → setup message. */
export function setupFromWire(message: SetupMessageOutput): SetupMessage {
  return {
    header: headerFromWire(message.header, 'setup'),
    encryptionPublicKey: view(message.encryptionPublicKey),
    maskingPublicKey: view(message.maskingPublicKey),
    signature: view(message.signature),
  };
}

/** share-keys message → wire. */
export function shareKeysToWire(message: ShareKeysMessage): WireShareKeysMessage {
  return {
    header: headerToWire(message.header),
    bCommitment: bytes(message.bCommitment),
    shares: message.shares.map((share) => ({
      sender: share.sender,
      recipient: share.recipient,
      ciphertext: bytes(share.ciphertext),
      bShareHash: bytes(share.bShareHash),
      skShareHash: bytes(share.skShareHash),
      signature: bytes(share.signature),
    })),
  };
}

/** wire IncomingShare → routed share (a missing share becomes an empty one secagg rejects). */
export function incomingShareFromWire(share: IncomingShareOutput): RoutedShare {
  const s = share.share;
  const empty = new Uint8Array(0);
  return {
    share: {
      sender: s?.sender ?? '',
      recipient: s?.recipient ?? '',
      ciphertext: s === null ? empty : view(s.ciphertext),
      bShareHash: s === null ? empty : view(s.bShareHash),
      skShareHash: s === null ? empty : view(s.skShareHash),
      signature: s === null ? empty : view(s.signature),
    },
    bCommitment: view(share.bCommitment),
  };
}

/** wire → consistency request for `recipient`. */
export function consistencyRequestFromWire(
  message: ConsistencyRequestOutput,
  recipient: string,
): ConsistencyRequest {
  return {
    header: headerFromWire(message.header, 'consistency-check'),
    recipient,
    survivors: [...message.survivors],
  };
}

/** consistency response → wire. */
export function consistencyResponseToWire(message: ConsistencyResponse): WireConsistencyResponse {
  return { header: headerToWire(message.header), signature: bytes(message.signature) };
}

/** wire → unmask request for `recipient`. */
export function unmaskRequestFromWire(
  message: UnmaskRequestOutput,
  recipient: string,
): UnmaskRequest {
  return {
    header: headerFromWire(message.header, 'unmask'),
    recipient,
    survivors: [...message.survivors],
    signatures: message.signatures.map((s) => ({ signer: s.signer, signature: view(s.signature) })),
    bOwners: [...message.bOwners],
    skOwners: [...message.skOwners],
  };
}

/** unmask response → wire (shares split by secret). */
export function unmaskResponseToWire(message: UnmaskResponse): WireUnmaskResponse {
  const pick = (secret: 'b' | 'sk') =>
    message.shares
      .filter((s) => s.secret === secret)
      .map((s) => ({ owner: s.owner, share: bytes(s.share) }));
  return { header: headerToWire(message.header), bShares: pick('b'), skShares: pick('sk') };
}
