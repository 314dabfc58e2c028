/**
 * Protobuf bytes for fedra.v1.RoundConfig and fedra.v1.ExperimentSpec: the
 * coordinator encodes, hashes and signs them; every participant decodes and
 * re-hashes the same bytes.
 *
 * Neither is ever an RPC message itself, so `@fedra/proto`'s loaded grpc-js
 * serializers (protobufjs with the loader's options, which fill in defaults
 * exactly as the generated `…Output` types describe) are reached through an
 * RPC response that carries them: GetRoundResponse.round.attempts[0].config
 * and GetExperimentResponse.experiment.spec. Encoding serializes that
 * envelope and cuts the message's bytes out; decoding wraps the bytes in the
 * same envelope. The bytes are those protobufjs writes for the message alone.
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';
import protobuf from 'protobufjs';
import { loadFedraPackage } from '@fedra/proto';
import type {
  ExperimentSpec,
  ExperimentSpecOutput,
  RoundConfig,
  RoundConfigOutput,
} from '@fedra/proto';

const LENGTH_DELIMITED = 2;

// GetRoundResponse(1: round) → Round(4: attempts) → RoundAttempt(4: config).
const ROUND_CONFIG_PATH: readonly number[] = [1, 4, 4];
// GetExperimentResponse(1: experiment) → Experiment(5: spec).
const SPEC_PATH: readonly number[] = [1, 5];

function services() {
  return loadFedraPackage().fedra.v1;
}

/**
 * The value of the first length-delimited field `number` in `bytes` (empty
 * when absent, as protobuf leaves an empty message out).
 */
function subMessage(bytes: Uint8Array, number: number): Uint8Array {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === number && (tag & 7) === LENGTH_DELIMITED) return reader.bytes();
    reader.skipType(tag & 7);
  }
  return new Uint8Array(0);
}

/** `bytes` nested as length-delimited fields `path` (outermost first). */
function nest(path: readonly number[], bytes: Uint8Array): Buffer {
  let wire: Uint8Array = bytes;
  for (const number of [...path].reverse()) {
    wire = protobuf.Writer.create()
      .uint32((number << 3) | LENGTH_DELIMITED)
      .bytes(wire)
      .finish();
  }
  return Buffer.from(wire);
}

function cut(path: readonly number[], wire: Uint8Array): Buffer {
  let bytes = wire;
  for (const number of path) bytes = subMessage(bytes, number);
  return Buffer.from(bytes);
}

/** The serialized fedra.v1.RoundConfig. */
export function encodeRoundConfig(config: RoundConfig): Buffer {
  const wire = services().AdminService.service.GetRound.responseSerialize({
    round: { attempts: [{ config }] },
  });
  return cut(ROUND_CONFIG_PATH, wire);
}

/**
 * Decodes a serialized fedra.v1.RoundConfig (defaults filled in).
 *
 * @throws InvalidArgumentError (field `round_config`) when the bytes do not decode.
 */
export function decodeRoundConfig(bytes: Uint8Array): RoundConfigOutput {
  try {
    const decoded = services().AdminService.service.GetRound.responseDeserialize(
      nest(ROUND_CONFIG_PATH, bytes),
    );
    const config = decoded.round?.attempts[0]?.config;
    if (config == null) throw new RangeError('no config');
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
  return cut(SPEC_PATH, wire);
}

/**
 * Decodes a serialized fedra.v1.ExperimentSpec (defaults filled in).
 *
 * @throws InvalidArgumentError (field `spec`) when the bytes do not decode.
 */
export function decodeExperimentSpec(bytes: Uint8Array): ExperimentSpecOutput {
  try {
    const decoded = services().ExperimentService.service.GetExperiment.responseDeserialize(
      nest(SPEC_PATH, bytes),
    );
    const spec = decoded.experiment?.spec;
    if (spec == null) throw new RangeError('no spec');
    return spec;
  } catch (error) {
    throw new InvalidArgumentError('spec', 'the ExperimentSpec bytes do not decode', {
      cause: error,
    });
  }
}
