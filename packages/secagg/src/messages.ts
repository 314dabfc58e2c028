/**
 * The secure-aggregation messages (plain objects, bytes as Uint8Array), the
 * byte strings that are signed, hashed or encrypted inside them, and the
 * checks every receiver runs on a header.
 *
 * Flow (participant `u`, aggregator `A`):
 *
 * | stage | u -> A | A -> u |
 * |---|---|---|
 * | setup | {@link SetupMessage} | {@link NeighbourKeysMessage} (u's neighbours' SetupMessages) |
 * | share-keys | {@link ShareKeysMessage} | {@link RoutedSharesMessage} (shares addressed to u) |
 * | collect-masked | {@link MaskedInputMessage} + the masked vector in chunks | {@link ConsistencyRequest} |
 * | consistency-check | {@link ConsistencyResponse} | {@link UnmaskRequest} |
 * | unmask | {@link UnmaskResponse} | — |
 *
 * Every signed payload and hash starts with {@link encodeContext} (suite,
 * label, version, experiment, round, attempt, stage, sender, recipient) and
 * then the RoundConfig hash, so nothing verifies in another round, attempt,
 * stage, experiment or protocol version.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { SecAggConfig } from './config.js';
import { isValidParticipantId } from './config.js';
import { SecAggProtocolError } from './errors.js';
import type { SecretKind } from './errors.js';
import { encodeContext } from './kdf.js';
import type { SecAggStage } from './stage.js';

/**
 * `header.sender` of messages the aggregator sends. Empty, which no
 * participant id can be, so it never names a participant.
 */
export const AGGREGATOR_SENDER = '';

/** Every message's header: where it belongs and who sent it. */
export interface SecAggHeader {
  /** The experiment id. */
  experimentId: string;
  /** The round number (1-based). */
  roundNumber: number;
  /** The attempt of the round (1-based). */
  attempt: number;
  /** The stage the message belongs to. */
  stage: SecAggStage;
  /** The sending participant, or {@link AGGREGATOR_SENDER}. */
  sender: string;
}

/** setup, u -> A: u's two fresh public keys, signed with its identity key. */
export interface SetupMessage {
  /** Header; stage `'setup'`. */
  header: SecAggHeader;
  /** X25519 public key for share encryption (c_pk), 32 bytes. */
  encryptionPublicKey: Uint8Array;
  /** X25519 public key for pairwise masks (s_pk), 32 bytes. */
  maskingPublicKey: Uint8Array;
  /** Identity signature over {@link setupPayload}. */
  signature: Uint8Array;
}

/** setup -> share-keys, A -> u: the SetupMessages of u's neighbours that the aggregator accepted. */
export interface NeighbourKeysMessage {
  /** Header; stage `'share-keys'`, sender {@link AGGREGATOR_SENDER}. */
  header: SecAggHeader;
  /** The participant this message is for. */
  recipient: string;
  /** The neighbours' SetupMessages, unchanged. */
  neighbours: SetupMessage[];
}

/** One encrypted pair of Shamir shares from `sender` to `recipient`. */
export interface EncryptedShare {
  /** The share owner. */
  sender: string;
  /** The neighbour that holds the shares. */
  recipient: string;
  /** AES-256-GCM blob of {@link encodeSharePlaintext}, keyed for sender -> recipient. */
  ciphertext: Uint8Array;
  /** {@link shareHash} of the b share (32 bytes). */
  bShareHash: Uint8Array;
  /** {@link shareHash} of the masking-key share (32 bytes). */
  skShareHash: Uint8Array;
  /** Identity signature of the sender over {@link encryptedSharePayload}. */
  signature: Uint8Array;
}

/** share-keys, u -> A: u's commitment to b and one EncryptedShare per neighbour it accepted. */
export interface ShareKeysMessage {
  /** Header; stage `'share-keys'`. */
  header: SecAggHeader;
  /** {@link bCommitment} of u's self-mask seed (32 bytes). */
  bCommitment: Uint8Array;
  /** One per accepted neighbour, at least t. */
  shares: EncryptedShare[];
}

/** An EncryptedShare as relayed, with its owner's commitment (bound by the share's signature). */
export interface RoutedShare {
  /** The share, unchanged. */
  share: EncryptedShare;
  /** The owner's b commitment from its ShareKeysMessage. */
  bCommitment: Uint8Array;
}

/** share-keys -> collect-masked, A -> u: the shares addressed to u from participants that completed share-keys. */
export interface RoutedSharesMessage {
  /** Header; stage `'collect-masked'`, sender {@link AGGREGATOR_SENDER}. */
  header: SecAggHeader;
  /** The participant this message is for. */
  recipient: string;
  /** The shares addressed to `recipient`. */
  shares: RoutedShare[];
}

/**
 * collect-masked, u -> A: describes u's masked vector, which travels
 * separately in chunks (the tensor codec of `@fedra/common`).
 */
export interface MaskedInputMessage {
  /** Header; stage `'collect-masked'`. */
  header: SecAggHeader;
  /** Elements in the masked vector (the config's vectorLength). */
  vectorLength: number;
  /** sha256 of the vector's bytes (uint32 little-endian), 32 bytes. */
  digest: Uint8Array;
  /**
   * Neighbours whose routed shares u could not accept (bad signature,
   * decryption or hash). u still masked with them; it holds no share of
   * their secrets, so the aggregator counts it out as their holder.
   */
  rejectedShares: string[];
}

/** consistency-check, A -> u: the survivor set U3 to sign. */
export interface ConsistencyRequest {
  /** Header; stage `'consistency-check'`, sender {@link AGGREGATOR_SENDER}. */
  header: SecAggHeader;
  /** The participant this message is for. */
  recipient: string;
  /** U3: participants whose masked vectors are in the sum, sorted. */
  survivors: string[];
}

/** consistency-check, u -> A: u's signature over U3. */
export interface ConsistencyResponse {
  /** Header; stage `'consistency-check'`. */
  header: SecAggHeader;
  /** Identity signature over {@link survivorSetPayload}. */
  signature: Uint8Array;
}

/** One participant's signature over the survivor set. */
export interface SurvivorSignature {
  /** Who signed. */
  signer: string;
  /** The signature over {@link survivorSetPayload} for `signer`. */
  signature: Uint8Array;
}

/** unmask, A -> u: U3, the signatures over it from u's neighbours, and which shares to reveal. */
export interface UnmaskRequest {
  /** Header; stage `'unmask'`, sender {@link AGGREGATOR_SENDER}. */
  header: SecAggHeader;
  /** The participant this message is for. */
  recipient: string;
  /** U3, exactly as u signed it. */
  survivors: string[];
  /** Signatures over U3 from u's neighbours that signed (and u's own). */
  signatures: SurvivorSignature[];
  /** Survivors whose b share is asked for (a subset of U3). */
  bOwners: string[];
  /** Participants dropped after share-keys whose masking-key share is asked for (disjoint from U3). */
  skOwners: string[];
}

/** One revealed share. */
export interface RevealedShare {
  /** The participant the secret belongs to. */
  owner: string;
  /** Which secret. */
  secret: SecretKind;
  /** The Shamir share (33 bytes for a 32-byte secret). */
  share: Uint8Array;
}

/** unmask, u -> A: the shares u agreed to reveal. */
export interface UnmaskResponse {
  /** Header; stage `'unmask'`. */
  header: SecAggHeader;
  /** The revealed shares. */
  shares: RevealedShare[];
}

/** Length of a Shamir share of a 32-byte secret (32 y bytes + 1 x byte). */
export const SHARE_BYTES = 33;
/** Largest signature accepted from an identity key (Ed25519 is 64; ECDSA P-384 DER up to 104). */
export const MAX_SIGNATURE_BYTES = 512;
/** Largest encrypted-share blob accepted. */
export const MAX_CIPHERTEXT_BYTES = 4096;

const encoder = new TextEncoder();

/**
 * The part of a {@link SecAggConfig} that signed payloads and hashes bind:
 * the protocol version, the attempt and the RoundConfig hash. Enough to
 * check a signature without the whole config (the coordinator's Fleet
 * service checks each message as it arrives).
 */
export type SignedContext = Pick<
  SecAggConfig,
  'protocolVersion' | 'experimentId' | 'roundNumber' | 'attempt' | 'configHash'
>;

/** The KDF context of a payload: this attempt, a stage, a sender and a recipient. */
function context(config: SignedContext, stage: SecAggStage, sender: string, recipient: string) {
  return {
    protocolVersion: config.protocolVersion,
    experimentId: config.experimentId,
    roundNumber: config.roundNumber,
    attempt: config.attempt,
    stage,
    sender,
    recipient,
  };
}

/**
 * Concatenates length-prefixed fields (4-byte big-endian length, then the
 * bytes; strings as UTF-8) after a fixed prefix. Unambiguous for any fields.
 */
export function encodeFields(
  prefix: Uint8Array,
  fields: ReadonlyArray<Uint8Array | string>,
): Uint8Array {
  const parts = fields.map((f) => (typeof f === 'string' ? encoder.encode(f) : f));
  let size = prefix.length;
  for (const p of parts) size += 4 + p.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(prefix, 0);
  let at = prefix.length;
  for (const p of parts) {
    view.setUint32(at, p.length);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  return out;
}

/** What a participant signs at setup: (context, configHash, c_pk, s_pk). */
export function setupPayload(
  config: SignedContext,
  sender: string,
  encryptionPublicKey: Uint8Array,
  maskingPublicKey: Uint8Array,
): Uint8Array {
  return encodeFields(
    encodeContext('setup-keys', context(config, 'setup', sender, AGGREGATOR_SENDER)),
    [config.configHash, encryptionPublicKey, maskingPublicKey],
  );
}

/** Domain-separated sha256 of one Shamir share of `owner`'s secret held by `holder`. */
export function shareHash(
  config: SignedContext,
  secret: SecretKind,
  owner: string,
  holder: string,
  share: Uint8Array,
): Uint8Array {
  const prefix = encodeContext(
    secret === 'b' ? 'b-share-hash' : 'sk-share-hash',
    context(config, 'share-keys', owner, holder),
  );
  return sha256(encodeFields(prefix, [config.configHash, share]));
}

/** The commitment H(b) to a participant's self-mask seed. */
export function bCommitment(config: SignedContext, owner: string, b: Uint8Array): Uint8Array {
  const prefix = encodeContext(
    'b-commitment',
    context(config, 'share-keys', owner, AGGREGATOR_SENDER),
  );
  return sha256(encodeFields(prefix, [config.configHash, b]));
}

/** What the owner signs for each EncryptedShare. */
export function encryptedSharePayload(
  config: SignedContext,
  share: Pick<EncryptedShare, 'sender' | 'recipient' | 'ciphertext' | 'bShareHash' | 'skShareHash'>,
  commitment: Uint8Array,
): Uint8Array {
  const prefix = encodeContext(
    'encrypted-share',
    context(config, 'share-keys', share.sender, share.recipient),
  );
  return encodeFields(prefix, [
    config.configHash,
    share.ciphertext,
    commitment,
    share.bShareHash,
    share.skShareHash,
  ]);
}

/** What a survivor signs at consistency-check: (context, configHash, U3). */
export function survivorSetPayload(
  config: SignedContext,
  signer: string,
  survivors: readonly string[],
): Uint8Array {
  const prefix = encodeContext(
    'survivor-set',
    context(config, 'consistency-check', signer, AGGREGATOR_SENDER),
  );
  return encodeFields(prefix, [config.configHash, encodeFields(new Uint8Array(0), survivors)]);
}

/** The context an EncryptedShare's AES-GCM key and AAD bind (sender's view). */
export function shareCipherContext(config: SignedContext, sender: string, recipient: string) {
  return context(config, 'share-keys', sender, recipient);
}

/** The plaintext inside an EncryptedShare: (owner, holder, b share, masking-key share). */
export function encodeSharePlaintext(
  owner: string,
  holder: string,
  bShare: Uint8Array,
  skShare: Uint8Array,
): Uint8Array {
  return encodeFields(encoder.encode('fedra-secagg/share-plaintext'), [
    owner,
    holder,
    bShare,
    skShare,
  ]);
}

/**
 * Parses {@link encodeSharePlaintext}; returns `undefined` when the bytes are
 * not exactly four well-framed fields with the expected label.
 */
export function decodeSharePlaintext(
  bytes: Uint8Array,
): { owner: string; holder: string; bShare: Uint8Array; skShare: Uint8Array } | undefined {
  const label = encoder.encode('fedra-secagg/share-plaintext');
  if (bytes.length < label.length || !equalBytes(bytes.subarray(0, label.length), label))
    return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: Uint8Array[] = [];
  let at = label.length;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) return undefined;
    const len = view.getUint32(at);
    if (at + 4 + len > bytes.length) return undefined;
    fields.push(bytes.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  const [owner, holder, bShare, skShare] = fields;
  if (
    fields.length !== 4 ||
    owner === undefined ||
    holder === undefined ||
    bShare === undefined ||
    skShare === undefined
  ) {
    return undefined;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return { owner: decoder.decode(owner), holder: decoder.decode(holder), bShare, skShare };
  } catch {
    return undefined;
  }
}

/** sha256 of some bytes. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

/**
 * sha256 of a masked vector's bytes as they travel (uint32 little-endian).
 * Node runs little-endian on every supported platform, so the array's own
 * bytes are the wire bytes.
 */
export function maskedVectorDigest(vector: Uint32Array): Uint8Array {
  return sha256(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength));
}

/** Byte equality (not constant time: for public values only). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bytes as base64, for JSON snapshots. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Bytes from base64 (a fresh Uint8Array). */
export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Deep equality of two plain messages (objects, arrays, strings, numbers, Uint8Arrays). */
export function sameMessage(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && equalBytes(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => sameMessage(x, b[i]))
    );
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (!sameMessage(ka, kb)) return false;
    return ka.every((key) =>
      sameMessage((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    );
  }
  return a === b;
}

/** Makes a header for `config` (this attempt), `stage` and `sender`. */
export function makeHeader(config: SecAggConfig, stage: SecAggStage, sender: string): SecAggHeader {
  return {
    experimentId: config.experimentId,
    roundNumber: config.roundNumber,
    attempt: config.attempt,
    stage,
    sender,
  };
}

/**
 * Checks that `message` is an object with a header of this attempt and
 * `stage`, and returns the sender. The error names `stage` and the claimed
 * sender (`fallbackParticipant` when the header has none).
 *
 * @throws SecAggProtocolError `SECAGG_INVALID_MESSAGE` for a missing or
 *   malformed header or another stage; `SECAGG_REPLAY` for another
 *   experiment, round or attempt.
 */
export function checkHeader(
  config: SecAggConfig,
  message: unknown,
  stage: SecAggStage,
  fallbackParticipant?: string,
): string {
  const header: unknown =
    typeof message === 'object' && message !== null
      ? (message as { header?: unknown }).header
      : undefined;
  if (typeof header !== 'object' || header === null) {
    throw new SecAggProtocolError(
      'SECAGG_INVALID_MESSAGE',
      stage,
      fallbackParticipant,
      'message has no header',
    );
  }
  const h = header as Partial<Record<keyof SecAggHeader, unknown>>;
  const sender = typeof h.sender === 'string' ? h.sender : undefined;
  const who = sender === undefined || sender === AGGREGATOR_SENDER ? fallbackParticipant : sender;
  if (
    typeof h.experimentId !== 'string' ||
    typeof h.roundNumber !== 'number' ||
    typeof h.attempt !== 'number' ||
    sender === undefined
  ) {
    throw new SecAggProtocolError('SECAGG_INVALID_MESSAGE', stage, who, 'malformed header');
  }
  if (
    h.experimentId !== config.experimentId ||
    h.roundNumber !== config.roundNumber ||
    h.attempt !== config.attempt
  ) {
    throw new SecAggProtocolError(
      'SECAGG_REPLAY',
      stage,
      who,
      `message belongs to another experiment, round or attempt (round ${h.roundNumber}, attempt ${h.attempt}; expected round ${config.roundNumber}, attempt ${config.attempt})`,
    );
  }
  if (h.stage !== stage) {
    throw new SecAggProtocolError(
      'SECAGG_INVALID_MESSAGE',
      stage,
      who,
      `message belongs to stage ${typeof h.stage === 'string' ? h.stage : '?'}, expected ${stage}`,
    );
  }
  return sender;
}

/** True when `value` is a byte array of exactly `length` bytes. */
export function isBytes(value: unknown, length?: number): value is Uint8Array {
  return value instanceof Uint8Array && (length === undefined || value.length === length);
}

/** True when `value` is a byte array of 1..max bytes. */
export function isBoundedBytes(value: unknown, max: number): value is Uint8Array {
  return value instanceof Uint8Array && value.length > 0 && value.length <= max;
}

/**
 * Checks that `value` is a sorted, duplicate-free array of valid participant
 * ids, each in `allowed` when given.
 */
export function isSortedIdList(value: unknown, allowed?: ReadonlySet<string>): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const id: unknown = value[i];
    if (!isValidParticipantId(id)) return false;
    if (allowed !== undefined && !allowed.has(id)) return false;
    const previous: unknown = value[i - 1];
    if (i > 0 && !((previous as string) < id)) return false;
  }
  return true;
}

/**
 * A value with every Uint8Array replaced by `{ $bytes: base64 }`, so it can
 * go through `JSON.stringify` (snapshots). Reverse with {@link fromJSONSafe}.
 */
export function toJSONSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (Array.isArray(value)) return value.map(toJSONSafe);
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties, so a '__proto__' key stays data.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, toJSONSafe(inner)]),
    );
  }
  return value;
}

/** Reverses {@link toJSONSafe}: `{ $bytes: base64 }` becomes a Uint8Array again. */
export function fromJSONSafe(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJSONSafe);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    const only = entries[0];
    if (
      entries.length === 1 &&
      only !== undefined &&
      only[0] === '$bytes' &&
      typeof only[1] === 'string'
    ) {
      return fromBase64(only[1]);
    }
    return Object.fromEntries(entries.map(([key, inner]) => [key, fromJSONSafe(inner)]));
  }
  return value;
}
