/**
 * Protobuf bytes for the messages the coordinator stores, hashes or signs
 * (RoundConfig, ExperimentSpec) and for the Fleet messages it keeps in
 * stage inboxes and outboxes.
 *
 * Every message that travels as an RPC request or response already has
 * grpc-js serializers in `@fedra/proto`'s loaded service definitions
 * (protobufjs with the loader's options, so the decoded objects have exactly
 * the generated `…Output` shapes). RoundConfig and ExperimentSpec are never RPC
 * messages themselves, so they are encoded inside an RPC message that
 * carries them (GetRoundResponse.round.attempts[0].config,
 * GetExperimentResponse.experiment.spec) and cut out of the wire bytes, or
 * wrapped in the same envelope to decode. The bytes are those protobufjs
 * writes for the message alone.
 *
 * @module
 */
import { loadFedraPackage } from '@fedra/proto';
import type {
  ExperimentSpec,
  ExperimentSpecOutput,
  RoundConfig,
  RoundConfigOutput,
  StreamTasksResponse,
  StreamTasksResponseOutput,
} from '@fedra/proto';
import { InvalidArgumentError } from '@fedra/common';
import protobuf from 'protobufjs';

const LENGTH_DELIMITED = 2;

/** The value of the first length-delimited field `number` in `bytes` (empty when absent). */
function subMessage(bytes: Uint8Array, number: number): Uint8Array {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const wireType = tag & 7;
    if (tag >>> 3 === number && wireType === LENGTH_DELIMITED) return reader.bytes();
    reader.skipType(wireType);
  }
  return new Uint8Array(0);
}

/** `bytes` as length-delimited field `number`. */
function wrap(number: number, bytes: Uint8Array): Buffer {
  return Buffer.from(
    protobuf.Writer.create()
      .uint32((number << 3) | LENGTH_DELIMITED)
      .bytes(bytes)
      .finish(),
  );
}

// GetRoundResponse(1: round) → Round(4: attempts) → RoundAttempt(4: config).
const ROUND_CONFIG_PATH = [1, 4, 4] as const;
// GetExperimentResponse(1: experiment) → Experiment(5: spec).
const SPEC_PATH = [1, 5] as const;

function services() {
  return loadFedraPackage().fedra.v1;
}

/** The serialized fedra.v1.RoundConfig. */
export function encodeRoundConfig(config: RoundConfig): Buffer {
  const wire = services().AdminService.service.GetRound.responseSerialize({
    round: { attempts: [{ config }] },
  });
  let bytes: Uint8Array = wire;
  for (const number of ROUND_CONFIG_PATH) bytes = subMessage(bytes, number);
  return Buffer.from(bytes);
}

/**
 * Decodes a serialized fedra.v1.RoundConfig (defaults filled in).
 *
 * @throws InvalidArgumentError (field `round_config`) when the bytes do not decode.
 */
export function decodeRoundConfig(bytes: Uint8Array): RoundConfigOutput {
  let wire: Buffer = Buffer.from(bytes);
  for (const number of [...ROUND_CONFIG_PATH].reverse()) wire = wrap(number, wire);
  try {
    const decoded = services().AdminService.service.GetRound.responseDeserialize(wire);
    const config = decoded.round?.attempts[0]?.config;
    if (config == null) throw new Error('no config');
    return config;
  } catch (error) {
    throw new InvalidArgumentError('round_config', 'the RoundConfig bytes do not decode', {
      cause: error,
    });
  }
}

/** The serialized fedra.v1.ExperimentSpec. */
export function encodeExperimentSpec(spec: ExperimentSpec): Buffer {
  const wire = services().ExperimentService.service.GetExperiment.responseSerialize({
    experiment: { spec },
  });
  let bytes: Uint8Array = wire;
  for (const number of SPEC_PATH) bytes = subMessage(bytes, number);
  return Buffer.from(bytes);
}

/**
 * Decodes a serialized fedra.v1.ExperimentSpec (defaults filled in).
 *
 * @throws InvalidArgumentError (field `spec`) when the bytes do not decode.
 */
export function decodeExperimentSpec(bytes: Uint8Array): ExperimentSpecOutput {
  let wire: Buffer = Buffer.from(bytes);
  for (const number of [...SPEC_PATH].reverse()) wire = wrap(number, wire);
  try {
    const decoded = services().ExperimentService.service.GetExperiment.responseDeserialize(wire);
    const spec = decoded.experiment?.spec;
    if (spec == null) throw new Error('no spec');
    return spec;
  } catch (error) {
    throw new InvalidArgumentError('spec', 'the ExperimentSpec bytes do not decode', {
      cause: error,
    });
  }
}

/** The serialized fedra.v1.StreamTasksResponse (a task on a worker's stream). */
export function encodeTask(task: StreamTasksResponse): Buffer {
  return services().FleetService.service.StreamTasks.responseSerialize(task);
}

/** Decodes a stored task. */
export function decodeTask(bytes: Buffer): StreamTasksResponseOutput {
  return services().FleetService.service.StreamTasks.responseDeserialize(bytes);
}

/** The Fleet service definition, whose methods carry the message serializers. */
export function fleetMethods() {
  return services().FleetService.service;
}
