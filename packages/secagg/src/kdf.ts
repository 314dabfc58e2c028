/**
 * HKDF-SHA256 (RFC 5869) and the context encoding that every Fedra key
 * derivation and signed payload binds: suite, label, protocol version,
 * experiment, round, attempt, stage, sender and recipient.
 *
 * @module
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { FedraError } from '@fedra/common';
import { isSecAggStage, SECAGG_SUITE } from './stage.js';
import type { SecAggStage } from './stage.js';

/** Where a derived key or signed payload belongs. Every field is bound. */
export interface KdfContext {
  /** The protocol version, normally {@link SECAGG_PROTOCOL_VERSION}. */
  protocolVersion: number;
  /** The experiment id. */
  experimentId: string;
  /** The round number (1-based). */
  roundNumber: number;
  /** The attempt of the round (a retry uses fresh keys and a new attempt). */
  attempt: number;
  /** The stage the key or payload is used in. */
  stage: SecAggStage;
  /** Who derives the key to send, or signs (a participant id; '' when none). */
  sender: string;
  /** Who receives (a participant id; '' when the payload has no one recipient). */
  recipient: string;
}

const SHA256_BYTES = 32;
/** Node's hkdfSync refuses `info` longer than this; longer info takes the HMAC path. */
const NODE_HKDF_MAX_INFO = 1024;
const encoder = new TextEncoder();
// With the `u` flag a surrogate class matches only unpaired surrogates, which
// TextEncoder would replace by U+FFFD and so make two strings encode alike.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function field(name: string, value: string): Uint8Array {
  if (typeof value !== 'string' || LONE_SURROGATE.test(value)) {
    throw new FedraError('INVALID_ARGUMENT', `${name} must be a well-formed string`, {
      metadata: { field: name },
    });
  }
  return encoder.encode(value);
}

function integer(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new FedraError('INVALID_ARGUMENT', `${name} must be a non-negative safe integer`, {
      metadata: { field: name },
    });
  }
  return value;
}

/**
 * Encodes a label and a context unambiguously: the suite, the label and every
 * string as a 4-byte big-endian length then UTF-8; version as 4 bytes; round
 * and attempt as 8 bytes each (all big-endian). Two different (label, ctx)
 * pairs never encode alike, so the result is safe as HKDF info, as AEAD
 * associated data and as the domain prefix of a signed payload.
 *
 * @throws FedraError `INVALID_ARGUMENT` on a negative or non-integer number,
 *   an unknown stage or a string with an unpaired surrogate.
 */
export function encodeContext(label: string, ctx: KdfContext): Uint8Array {
  if (!isSecAggStage(ctx.stage)) {
    throw new FedraError('INVALID_ARGUMENT', 'ctx.stage is not a secure-aggregation stage', {
      metadata: { field: 'stage' },
    });
  }
  const strings = [
    field('suite', SECAGG_SUITE),
    field('label', label),
    field('experimentId', ctx.experimentId),
    field('stage', ctx.stage),
    field('sender', ctx.sender),
    field('recipient', ctx.recipient),
  ];
  const version = integer('protocolVersion', ctx.protocolVersion);
  if (version > 0xffffffff) {
    throw new FedraError('INVALID_ARGUMENT', 'protocolVersion must fit in 32 bits', {
      metadata: { field: 'protocolVersion' },
    });
  }
  const round = integer('roundNumber', ctx.roundNumber);
  const attempt = integer('attempt', ctx.attempt);

  let size = 4 + 8 + 8;
  for (const s of strings) size += 4 + s.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const putString = (bytes: Uint8Array): void => {
    view.setUint32(at, bytes.length);
    out.set(bytes, at + 4);
    at += 4 + bytes.length;
  };
  const putU64 = (value: number): void => {
    view.setUint32(at, Math.floor(value / 0x100000000));
    view.setUint32(at + 4, value >>> 0);
    at += 8;
  };
  const [suite, labelBytes, experiment, stage, sender, recipient] = strings as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  putString(suite);
  putString(labelBytes);
  view.setUint32(at, version);
  at += 4;
  putString(experiment);
  putU64(round);
  putU64(attempt);
  putString(stage);
  putString(sender);
  putString(recipient);
  return out;
}

function hkdfByHmac(
  ikm: Uint8Array,
  info: Uint8Array,
  length: number,
  salt: Uint8Array,
): Uint8Array {
  const prk = createHmac('sha256', salt.length === 0 ? new Uint8Array(SHA256_BYTES) : salt)
    .update(ikm)
    .digest();
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let block = 1, at = 0; at < length; block++) {
    previous = createHmac('sha256', prk)
      .update(previous)
      .update(info)
      .update(Uint8Array.of(block))
      .digest();
    out.set(previous.subarray(0, Math.min(SHA256_BYTES, length - at)), at);
    at += SHA256_BYTES;
  }
  prk.fill(0);
  return out;
}

/**
 * HKDF-SHA256 (RFC 5869): extract with `salt` (default: none, i.e. 32 zero
 * bytes), expand with `info` to `length` bytes. Uses `hkdfSync`; info longer
 * than the 1024 bytes it accepts is expanded with HMAC-SHA256 directly, which
 * gives the same bytes.
 *
 * @throws FedraError `INVALID_ARGUMENT` when `length` is not in [1, 8160].
 */
export function hkdfSha256(
  ikm: Uint8Array,
  info: Uint8Array,
  length: number,
  salt: Uint8Array = new Uint8Array(0),
): Uint8Array {
  if (!Number.isInteger(length) || length < 1 || length > 255 * SHA256_BYTES) {
    throw new FedraError('INVALID_ARGUMENT', `HKDF length must be in [1, ${255 * SHA256_BYTES}]`, {
      metadata: { field: 'length' },
    });
  }
  if (info.length > NODE_HKDF_MAX_INFO) return hkdfByHmac(ikm, info, length, salt);
  return new Uint8Array(hkdfSync('sha256', ikm, salt, info, length));
}
