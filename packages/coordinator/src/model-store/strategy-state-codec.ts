/**
 * The binary form of a {@link StrategyState}, stored as a blob whose sha256
 * each model version records (`strategyStateSha256`), so a new driver
 * resumes the server optimiser exactly where the last commit left it.
 *
 * Layout (all little-endian):
 *
 * ```
 * "FSS1"                  4-byte magic
 * u32 headerBytes
 * header                  canonical JSON { kind, params, steps, vectors: [names] }
 * zero padding            to a multiple of 4 bytes
 * float32[params] × n     the vectors, in header order
 * ```
 *
 * Float32 bit patterns are copied, never converted, so a round trip is
 * exact (NaN payloads and -0 included).
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import { canonicalJson } from '../audit/canonical-json.js';
import { STRATEGY_KINDS, type StrategyKind, type StrategyState } from '../strategies/strategy.js';
import type { BlobInfo, ModelStore } from './model-store.js';

const MAGIC = [0x46, 0x53, 0x53, 0x31]; // "FSS1"
const PREFIX_BYTES = 8;
const MAX_HEADER_BYTES = 1 << 16;
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Encodes `state` to its blob form. */
export function encodeStrategyState(state: StrategyState): Uint8Array {
  const names = Object.keys(state.vectors).sort();
  for (const name of names) {
    if ((state.vectors[name] as Float32Array).length !== state.params) {
      throw new FedraError(
        'VECTOR_LENGTH_MISMATCH',
        `state vector ${name} does not have params elements`,
        {
          metadata: { field: `vectors.${name}` },
        },
      );
    }
  }
  const header = new TextEncoder().encode(
    canonicalJson({ kind: state.kind, params: state.params, steps: state.steps, vectors: names }),
  );
  const vectorStart = align4(PREFIX_BYTES + header.length);
  const out = new Uint8Array(vectorStart + names.length * state.params * 4);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, header.length, true);
  out.set(header, PREFIX_BYTES);
  names.forEach((name, i) => {
    writeFloats(out, vectorStart + i * state.params * 4, state.vectors[name] as Float32Array);
  });
  return out;
}

/**
 * Decodes a blob written by {@link encodeStrategyState}.
 *
 * @throws FedraError `INVALID_ARGUMENT` (field `strategyState`) when the
 *   bytes are not a well-formed state.
 */
export function decodeStrategyState(bytes: Uint8Array): StrategyState {
  if (bytes.length < PREFIX_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw malformed('it does not start with the FSS1 magic');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(4, true);
  if (headerBytes > MAX_HEADER_BYTES || PREFIX_BYTES + headerBytes > bytes.length) {
    throw malformed('its header length is out of range');
  }
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes),
      ),
    );
  } catch {
    throw malformed('its header is not JSON');
  }
  const { kind, params, steps, vectors } = (header ?? {}) as Record<string, unknown>;
  if (typeof kind !== 'string' || !(STRATEGY_KINDS as readonly string[]).includes(kind)) {
    throw malformed('its kind is unknown');
  }
  if (typeof params !== 'number' || !Number.isSafeInteger(params) || params < 0) {
    throw malformed('its params is not a count');
  }
  if (typeof steps !== 'number' || !Number.isSafeInteger(steps) || steps < 0) {
    throw malformed('its steps is not a count');
  }
  if (
    !Array.isArray(vectors) ||
    !vectors.every((name): name is string => typeof name === 'string' && name.length > 0) ||
    new Set(vectors).size !== vectors.length
  ) {
    throw malformed('its vector names are not distinct strings');
  }
  const vectorStart = align4(PREFIX_BYTES + headerBytes);
  if (bytes.length !== vectorStart + vectors.length * params * 4) {
    throw malformed('its length does not match its header');
  }
  const decoded: Record<string, Float32Array> = {};
  vectors.forEach((name, i) => {
    decoded[name] = readFloats(bytes, vectorStart + i * params * 4, params);
  });
  return { kind: kind as StrategyKind, params, steps, vectors: decoded };
}

/** Encodes `state` and stores it as a blob; the digest goes into the version's `strategyStateSha256`. */
export async function storeStrategyState(
  store: ModelStore,
  state: StrategyState,
): Promise<BlobInfo> {
  return store.putBlob(encodeStrategyState(state));
}

/** Reads and decodes the strategy state blob `sha256` (verified while read). */
export async function loadStrategyState(store: ModelStore, sha256: string): Promise<StrategyState> {
  const blob = await store.getBlob(sha256);
  const bytes = new Uint8Array(blob.size);
  let offset = 0;
  for await (const chunk of blob) {
    if (offset + chunk.length > bytes.length) throw malformed('the blob grew while being read');
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== bytes.length) throw malformed('the blob shrank while being read');
  return decodeStrategyState(bytes);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function writeFloats(out: Uint8Array, offset: number, vector: Float32Array): void {
  if (HOST_LITTLE_ENDIAN) {
    out.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), offset);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const bits = new Uint32Array(vector.buffer, vector.byteOffset, vector.length);
  for (let i = 0; i < bits.length; i += 1) view.setUint32(offset + i * 4, bits[i] as number, true);
}

function readFloats(bytes: Uint8Array, offset: number, count: number): Float32Array {
  // Copy into a fresh, aligned buffer: `bytes` may sit at any byte offset.
  const copy = bytes.slice(offset, offset + count * 4);
  if (!HOST_LITTLE_ENDIAN) {
    const view = new DataView(copy.buffer);
    for (let i = 0; i < count; i += 1) view.setUint32(i * 4, view.getUint32(i * 4, true));
  }
  return new Float32Array(copy.buffer, 0, count);
}

function malformed(why: string): FedraError {
  return new FedraError('INVALID_ARGUMENT', `the strategy state blob is malformed: ${why}`, {
    metadata: { field: 'strategyState' },
  });
}
