/**
 * The aggregator's side of one secure-aggregation attempt: it validates and
 * relays what participants send, folds masked vectors into one running sum,
 * fixes the survivor set, and rebuilds and removes the masks.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import type { SecAggConfig, SecAggConfigJSON } from './config.js';
import { secAggConfigFromJSON, secAggConfigToJSON } from './config.js';
import { SecAggAbortedError, SecAggBadShareError, SecAggProtocolError } from './errors.js';
import type { MissingSecret, SecretKind } from './errors.js';
import { decodeLanes } from './fixed-point.js';
import type { IdentityVerifier } from './identity.js';
import {
  generateX25519KeyPair,
  x25519PublicKeyFromSecret,
  x25519SharedSecret,
} from './key-agreement.js';
import type { MaskSpec } from './mask-prg.js';
import {
  AGGREGATOR_SENDER,
  bCommitment as commitmentOf,
  checkHeader,
  equalBytes,
  fromJSONSafe,
  isBoundedBytes,
  isBytes,
  isSortedIdList,
  makeHeader,
  MAX_CIPHERTEXT_BYTES,
  MAX_SIGNATURE_BYTES,
  sameMessage,
  SHARE_BYTES,
  shareHash,
  toJSONSafe,
} from './messages.js';
import type {
  ConsistencyRequest,
  ConsistencyResponse,
  EncryptedShare,
  MaskedInputMessage,
  NeighbourKeysMessage,
  RevealedShare,
  RoutedSharesMessage,
  SetupMessage,
  ShareKeysMessage,
  SurvivorSignature,
  UnmaskRequest,
  UnmaskResponse,
} from './messages.js';
import { neighbourGraph } from './neighbours.js';
import {
  verifySetupSignature,
  verifyShareSignatures,
  verifySurvivorSignature,
} from './signatures.js';
import { combineShares } from './shamir.js';
import type { SecAggStage } from './stage.js';
import { applyMaskPlan, pairMaskKeyFromKeys, pairMaskSign, selfMaskKey } from './mask-plan.js';
import type { MaskPlan } from './mask-plan.js';
import { addInto, subInto } from './vector-math.js';

/**
 * Where the aggregator is in the attempt.
 *
 * - `'SETUP'`: collecting SetupMessages ({@link AggregatorSession.receiveSetup}).
 * - `'SHARE_KEYS'`: neighbour keys sent; collecting ShareKeysMessages.
 * - `'COLLECT_MASKED'`: shares routed; folding masked vectors.
 * - `'CONSISTENCY_CHECK'`: survivor set U3 fixed (persist the snapshot now); collecting signatures.
 * - `'UNMASK'`: unmask requests sent; collecting revealed shares.
 * - `'COMPLETED'`: the sum is unmasked and decoded.
 * - `'ABORTED'`: the attempt cannot complete ({@link SecAggAbortedError}); retry with a new attempt.
 */
export type AggregatorState =
  | 'SETUP'
  | 'SHARE_KEYS'
  | 'COLLECT_MASKED'
  | 'CONSISTENCY_CHECK'
  | 'UNMASK'
  | 'COMPLETED'
  | 'ABORTED';

/** Options of {@link AggregatorSession.create}. */
export interface AggregatorSessionOptions {
  /** The attempt's configuration. */
  config: SecAggConfig;
  /** Verifies participants' signatures (the federation trust bundle). */
  verifier: IdentityVerifier;
  /**
   * Allocates the running sum (zeroed), e.g. on a SharedArrayBuffer so
   * worker threads can unmask slices of it in place.
   * @default (length) => new Uint32Array(length)
   */
  createSum?: (length: number) => Uint32Array;
}

/** Options of {@link AggregatorSession.restore}. */
export interface AggregatorRestoreOptions {
  /** As in {@link AggregatorSessionOptions}. */
  verifier: IdentityVerifier;
  /** As in {@link AggregatorSessionOptions}. */
  createSum?: (length: number) => Uint32Array;
  /**
   * The running sum as persisted with the snapshot (from the model store).
   * Required once any masked element was folded; without it the folded
   * uploads must be folded again from the staged data (only possible while
   * still in `'COLLECT_MASKED'`, and then every fold record is cleared).
   */
  runningSum?: Uint32Array;
}

/** Options of {@link AggregatorSession.finish}. */
export interface FinishOptions {
  /**
   * Applies the unmask plan to the running sum, e.g. split across worker
   * threads with {@link applyMaskPlan} per slice.
   * @default applyMaskPlan(plan, sum, 0) on this thread
   */
  applyPlan?: (plan: MaskPlan, sum: Uint32Array) => void | Promise<void>;
}

/** The outcome of a completed attempt. */
export interface AggregateResult {
  /** U3: the participants whose inputs are in the sum, sorted. */
  survivors: readonly string[];
  /** The unmasked sum of their encoded inputs (modulo 2^32). */
  sum: Uint32Array;
  /** The decoded sum, one array per lane. */
  lanes: Float64Array[];
}

/** A participant the aggregator dropped, and why. */
export interface DroppedParticipant {
  /** Who. */
  participantId: string;
  /** In which stage. */
  stage: SecAggStage;
  /** The error code. */
  code: string;
  /** The error message. */
  reason: string;
}

/** An aggregator snapshot: JSON-safe, without the running sum (which lives in the model store). */
export interface AggregatorSnapshot {
  /** Format version. */
  version: 1;
  /** The config. */
  config: SecAggConfigJSON;
  /** The state at the time of the snapshot. */
  state: AggregatorState;
  /** Everything else, JSON-safe (bytes as `{ $bytes: base64 }`). */
  data: unknown;
}

interface Completion {
  rejectedShares: string[];
  digest: Uint8Array;
}

interface Revealed {
  revealer: string;
  owner: string;
  secret: SecretKind;
  share: Uint8Array;
}

interface AggregatorData {
  setups: SetupMessage[];
  u1: string[] | undefined;
  shareKeys: ShareKeysMessage[];
  u2: string[] | undefined;
  /** For each u in U2: the senders whose shares were routed to u and that u shares with (M(u)). */
  maskSets: Array<[string, string[]]>;
  folded: Array<[string, Array<[number, number]>]>;
  completions: Array<[string, Completion]>;
  u3: string[] | undefined;
  consistency: SurvivorSignature[];
  u4: string[] | undefined;
  requests: Array<[string, { bOwners: string[]; skOwners: string[] }]>;
  responded: string[];
  revealed: Revealed[];
  received: Array<[string, { b: number; sk: number }]>;
  dropped: DroppedParticipant[];
  aborted: { reason: string; missing: MissingSecret[] } | undefined;
}

const STATE_STAGE: Record<AggregatorState, SecAggStage> = {
  SETUP: 'setup',
  SHARE_KEYS: 'share-keys',
  COLLECT_MASKED: 'collect-masked',
  CONSISTENCY_CHECK: 'consistency-check',
  UNMASK: 'unmask',
  COMPLETED: 'unmask',
  ABORTED: 'unmask',
};

const STATES = Object.keys(STATE_STAGE) as AggregatorState[];

/**
 * The aggregator of one attempt. Every `receive*` method validates one
 * incoming message; on a violation it throws a {@link SecAggProtocolError}
 * naming stage and participant and drops that participant (it is then in no
 * later survivor set). Every `close*` method ends a stage and returns the
 * outgoing messages. Drive it from any store: {@link AggregatorSession.snapshot}
 * after each call, {@link AggregatorSession.restore} on takeover.
 *
 * @example
 * ```ts
 * const agg = AggregatorSession.create({ config, verifier });
 * for (const m of setups) await agg.receiveSetup(m);
 * const keys = agg.closeSetup();              // one per participant
 * for (const m of shareKeys) await agg.receiveShareKeys(m);
 * const routed = agg.closeShareKeys();
 * agg.foldMaskedChunk(sender, offset, chunk); // any order, after the digest verified
 * agg.completeMasked(maskedInputMessage);
 * const checks = agg.closeMasked();           // persist agg.snapshot() before sending
 * for (const m of signatures) await agg.receiveConsistency(m);
 * const requests = agg.closeConsistency();
 * for (const m of reveals) agg.receiveUnmask(m);
 * const { lanes } = await agg.finish();
 * ```
 */
export class AggregatorSession {
  /** The attempt's configuration. */
  readonly config: SecAggConfig;
  readonly #verifier: IdentityVerifier;
  readonly #graph: ReadonlyMap<string, ReadonlySet<string>>;
  readonly #participants: ReadonlySet<string>;
  #state: AggregatorState = 'SETUP';
  #sum: Uint32Array | undefined;

  // Working state; everything here is in the snapshot.
  readonly #setups = new Map<string, SetupMessage>();
  #u1: string[] | undefined;
  readonly #shareKeys = new Map<string, ShareKeysMessage>();
  #u2: string[] | undefined;
  readonly #maskSets = new Map<string, ReadonlySet<string>>();
  readonly #folded = new Map<string, Array<[number, number]>>();
  readonly #completions = new Map<string, Completion>();
  #u3: string[] | undefined;
  readonly #consistency = new Map<string, Uint8Array>();
  #u4: string[] | undefined;
  readonly #requests = new Map<string, { bOwners: string[]; skOwners: string[] }>();
  readonly #responded = new Set<string>();
  readonly #revealed: Revealed[] = [];
  readonly #received = new Map<string, { b: number; sk: number }>();
  readonly #dropped = new Map<string, DroppedParticipant>();
  #aborted: { reason: string; missing: MissingSecret[] } | undefined;

  // Not persisted: messages whose signatures are being checked right now.
  readonly #pending = new Map<string, unknown>();
  readonly #probe = generateX25519KeyPair();

  readonly #createSum: (length: number) => Uint32Array;

  private constructor(
    config: SecAggConfig,
    verifier: IdentityVerifier,
    createSum: (length: number) => Uint32Array = (length) => new Uint32Array(length),
  ) {
    this.#createSum = createSum;
    this.config = config;
    this.#verifier = verifier;
    const graph = neighbourGraph(config.participants, config.k, config.graphSeed);
    this.#graph = new Map([...graph].map(([id, list]) => [id, new Set(list)]));
    this.#participants = new Set(config.participants);
  }

  /** Starts an aggregator session in `'SETUP'`. */
  static create(options: AggregatorSessionOptions): AggregatorSession {
    return new AggregatorSession(options.config, options.verifier, options.createSum);
  }

  /** The lifecycle state. */
  get state(): AggregatorState {
    return this.#state;
  }

  /** U1: participants whose keys were accepted (after closeSetup). */
  get keyHolders(): readonly string[] | undefined {
    return this.#u1;
  }

  /** U2: participants whose shares were accepted (after closeShareKeys). */
  get shareSenders(): readonly string[] | undefined {
    return this.#u2;
  }

  /** U3: participants whose masked vectors are in the sum (after closeMasked). */
  get survivors(): readonly string[] | undefined {
    return this.#u3;
  }

  /** U4: survivors that signed U3 (after closeConsistency). */
  get signers(): readonly string[] | undefined {
    return this.#u4;
  }

  /** Every dropped participant with the reason. */
  get dropped(): ReadonlyMap<string, DroppedParticipant> {
    return this.#dropped;
  }

  /** The running sum of folded masked vectors (persist it with the snapshot), if any was folded. */
  get runningSum(): Uint32Array | undefined {
    return this.#sum;
  }

  /**
   * How many shares of each participant's b and masking key reached the
   * aggregator (good or bad). The protocol keeps one of the two at zero for
   * every participant; tests assert it.
   */
  revealedShareCounts(): ReadonlyMap<string, { readonly b: number; readonly sk: number }> {
    return new Map([...this.#received].map(([k, v]) => [k, { ...v }]));
  }

  /** Elements of `sender`'s masked vector folded so far. */
  foldedElements(sender: string): number {
    let total = 0;
    for (const [s, e] of this.#folded.get(sender) ?? []) total += e - s;
    return total;
  }

  #allocateSum(): Uint32Array {
    const sum = this.#createSum(this.config.vectorLength);
    if (!(sum instanceof Uint32Array) || sum.length !== this.config.vectorLength) {
      throw new FedraError(
        'INVALID_ARGUMENT',
        'createSum must return a Uint32Array of the vector length',
        {
          metadata: { field: 'createSum' },
        },
      );
    }
    return sum;
  }

  #neighbours(id: string): ReadonlySet<string> {
    return this.#graph.get(id) ?? new Set();
  }

  #drop(error: SecAggProtocolError): SecAggProtocolError {
    const id = error.participantId;
    if (id !== undefined && this.#participants.has(id) && !this.#dropped.has(id)) {
      this.#dropped.set(id, {
        participantId: id,
        stage: error.stage === 'config' ? 'setup' : error.stage,
        code: error.code,
        reason: error.message,
      });
    }
    return error;
  }

  #fail(
    code: ConstructorParameters<typeof SecAggProtocolError>[0],
    stage: SecAggStage,
    participant: string | undefined,
    message: string,
  ): SecAggProtocolError {
    return this.#drop(new SecAggProtocolError(code, stage, participant, message));
  }

  /**
   * Common checks of an incoming participant message: the stage is open,
   * the header is of this attempt, the sender is a live participant of the
   * previous stage's set. Returns the sender.
   */
  #admit(
    message: unknown,
    stage: SecAggStage,
    state: AggregatorState,
    previous: readonly string[] | undefined,
  ): string {
    let sender: string;
    try {
      sender = checkHeader(this.config, message, stage);
    } catch (e) {
      // A message of another round or attempt cannot affect this one (every
      // signature binds both), and a delayed one is no reason to drop an
      // honest participant; anything else malformed is.
      if (e instanceof SecAggProtocolError) throw e.code === 'SECAGG_REPLAY' ? e : this.#drop(e);
      throw e;
    }
    if (!this.#participants.has(sender)) {
      throw new SecAggProtocolError(
        'NOT_A_PARTICIPANT',
        stage,
        sender === AGGREGATOR_SENDER ? undefined : sender,
        'the sender is not a participant of this attempt',
      );
    }
    if (this.#state !== state) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        `the ${stage} stage is not open (state ${this.#state})`,
      );
    }
    const dropped = this.#dropped.get(sender);
    if (dropped !== undefined) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        `the participant was dropped in ${dropped.stage} (${dropped.code})`,
      );
    }
    if (previous !== undefined && !previous.includes(sender)) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'the participant did not complete the previous stage',
      );
    }
    return sender;
  }

  /** Duplicate handling: the same message again is a harmless replay; a different one is equivocation. */
  #checkDuplicate(stage: SecAggStage, sender: string, message: unknown, earlier: unknown): void {
    if (earlier === undefined) return;
    if (sameMessage(message, earlier)) {
      throw new SecAggProtocolError('SECAGG_REPLAY', stage, sender, 'duplicate message (ignored)');
    }
    this.#pending.delete(`${stage}/${sender}`);
    throw this.#fail('SECAGG_REPLAY', stage, sender, 'a second, different message for this stage');
  }

  /**
   * setup: validates one participant's signed public keys.
   *
   * @throws SecAggProtocolError (the sender is dropped unless the error is a
   *   duplicate of an accepted message, a late message or a non-participant).
   */
  async receiveSetup(message: SetupMessage): Promise<void> {
    const stage = 'setup';
    const sender = this.#admit(message, stage, 'SETUP', undefined);
    const key = `${stage}/${sender}`;
    this.#checkDuplicate(
      stage,
      sender,
      message,
      this.#setups.get(sender) ?? this.#pending.get(key),
    );
    if (
      !isBytes(message.encryptionPublicKey, 32) ||
      !isBytes(message.maskingPublicKey, 32) ||
      !isBoundedBytes(message.signature, MAX_SIGNATURE_BYTES)
    ) {
      throw this.#fail(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'public keys must be 32 bytes and the signature present',
      );
    }
    for (const publicKey of [message.encryptionPublicKey, message.maskingPublicKey]) {
      try {
        x25519SharedSecret(this.#probe.secretKey, publicKey).fill(0);
      } catch {
        throw this.#fail(
          'SECAGG_INVALID_MESSAGE',
          stage,
          sender,
          'a public key is unusable (small order)',
        );
      }
    }
    this.#pending.set(key, message);
    const ok = await verifySetupSignature(this.config, this.#verifier, sender, message);
    if (this.#pending.get(key) !== message) return; // superseded by an equivocation meanwhile
    this.#pending.delete(key);
    if (!ok)
      throw this.#fail('SECAGG_BAD_SIGNATURE', stage, sender, 'setup signature does not verify');
    if (this.#state !== 'SETUP' || this.#dropped.has(sender)) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'the setup stage closed while the message was checked',
      );
    }
    this.#setups.set(sender, {
      header: { ...message.header },
      encryptionPublicKey: Uint8Array.from(message.encryptionPublicKey),
      maskingPublicKey: Uint8Array.from(message.maskingPublicKey),
      signature: Uint8Array.from(message.signature),
    });
  }

  /**
   * Ends setup: U1 = the participants with accepted keys. Returns, for each
   * of them, its neighbours' SetupMessages (those in U1).
   *
   * @throws SecAggAbortedError when fewer than t + 1 participants are left.
   */
  closeSetup(): NeighbourKeysMessage[] {
    this.#requireState('SETUP', 'closeSetup');
    const u1 = [...this.#setups.keys()].filter((id) => !this.#dropped.has(id)).sort();
    this.#u1 = u1;
    this.#state = 'SHARE_KEYS';
    if (u1.length < this.config.t + 1) {
      throw this.#abort(
        'setup',
        `only ${u1.length} participants completed setup; at least t + 1 = ${this.config.t + 1} are needed`,
      );
    }
    const inU1 = new Set(u1);
    return u1.map((id) => ({
      header: makeHeader(this.config, 'share-keys', AGGREGATOR_SENDER),
      recipient: id,
      neighbours: [...this.#neighbours(id)]
        .filter((v) => inU1.has(v))
        .sort()
        .map((v) => this.#setups.get(v) as SetupMessage),
    }));
  }

  /**
   * share-keys: validates one participant's commitment and encrypted shares
   * (one per neighbour in U1 at most, at least t, each signed by the sender).
   *
   * @throws SecAggProtocolError as {@link AggregatorSession.receiveSetup}.
   */
  async receiveShareKeys(message: ShareKeysMessage): Promise<void> {
    const stage = 'share-keys';
    const sender = this.#admit(message, stage, 'SHARE_KEYS', this.#u1);
    const key = `${stage}/${sender}`;
    this.#checkDuplicate(
      stage,
      sender,
      message,
      this.#shareKeys.get(sender) ?? this.#pending.get(key),
    );
    if (!isBytes(message.bCommitment, 32) || !Array.isArray(message.shares)) {
      throw this.#fail('SECAGG_INVALID_MESSAGE', stage, sender, 'malformed commitment or shares');
    }
    const u1 = new Set(this.#u1);
    const allowed = [...this.#neighbours(sender)].filter((v) => u1.has(v));
    if (message.shares.length < this.config.t || message.shares.length > allowed.length) {
      throw this.#fail(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        `expected between t = ${this.config.t} and ${allowed.length} shares, got ${message.shares.length}`,
      );
    }
    const recipients = new Set<string>();
    for (const share of message.shares as unknown[]) {
      const s = (typeof share === 'object' && share !== null ? share : {}) as Partial<
        Record<keyof EncryptedShare, unknown>
      >;
      if (s.sender !== sender)
        throw this.#fail('SECAGG_INVALID_MESSAGE', stage, sender, 'a share names another sender');
      if (typeof s.recipient !== 'string' || !allowed.includes(s.recipient)) {
        throw this.#fail(
          'SECAGG_INVALID_MESSAGE',
          stage,
          sender,
          'a share is addressed to a participant that is not a neighbour in U1',
        );
      }
      if (recipients.has(s.recipient))
        throw this.#fail('SECAGG_INVALID_MESSAGE', stage, sender, `two shares for ${s.recipient}`);
      recipients.add(s.recipient);
      if (
        !isBoundedBytes(s.ciphertext, MAX_CIPHERTEXT_BYTES) ||
        !isBytes(s.bShareHash, 32) ||
        !isBytes(s.skShareHash, 32) ||
        !isBoundedBytes(s.signature, MAX_SIGNATURE_BYTES)
      ) {
        throw this.#fail(
          'SECAGG_INVALID_MESSAGE',
          stage,
          sender,
          `malformed share for ${s.recipient}`,
        );
      }
    }
    this.#pending.set(key, message);
    const ok = await verifyShareSignatures(this.config, this.#verifier, sender, message);
    if (this.#pending.get(key) !== message) return;
    this.#pending.delete(key);
    if (!ok)
      throw this.#fail('SECAGG_BAD_SIGNATURE', stage, sender, 'a share signature does not verify');
    if (this.#state !== 'SHARE_KEYS' || this.#dropped.has(sender)) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'the share-keys stage closed while the message was checked',
      );
    }
    this.#shareKeys.set(sender, {
      header: { ...message.header },
      bCommitment: Uint8Array.from(message.bCommitment),
      shares: message.shares.map((s) => ({
        sender: s.sender,
        recipient: s.recipient,
        ciphertext: Uint8Array.from(s.ciphertext),
        bShareHash: Uint8Array.from(s.bShareHash),
        skShareHash: Uint8Array.from(s.skShareHash),
        signature: Uint8Array.from(s.signature),
      })),
    });
  }

  /**
   * Ends share-keys: U2 = the participants with accepted shares. Returns, for
   * each of them, the shares addressed to it from U2.
   *
   * @throws SecAggAbortedError when fewer than t + 1 participants are left.
   */
  closeShareKeys(): RoutedSharesMessage[] {
    this.#requireState('SHARE_KEYS', 'closeShareKeys');
    const u2 = [...this.#shareKeys.keys()].filter((id) => !this.#dropped.has(id)).sort();
    this.#u2 = u2;
    this.#state = 'COLLECT_MASKED';
    if (u2.length < this.config.t + 1) {
      throw this.#abort(
        'share-keys',
        `only ${u2.length} participants completed share-keys; at least t + 1 = ${this.config.t + 1} are needed`,
      );
    }
    const inbox = new Map<string, RoutedSharesMessage>(
      u2.map((id) => [
        id,
        {
          header: makeHeader(this.config, 'collect-masked', AGGREGATOR_SENDER),
          recipient: id,
          shares: [],
        },
      ]),
    );
    for (const owner of u2) {
      const message = this.#shareKeys.get(owner) as ShareKeysMessage;
      for (const share of message.shares) {
        inbox.get(share.recipient)?.shares.push({ share, bCommitment: message.bCommitment });
      }
    }
    for (const id of u2) {
      // u masks with w iff w's share was routed to u and u shared with w (it accepted w's keys).
      const sharedWith = new Set(
        (this.#shareKeys.get(id) as ShareKeysMessage).shares.map((s) => s.recipient),
      );
      const routed = (inbox.get(id) as RoutedSharesMessage).shares.map((r) => r.share.sender);
      this.#maskSets.set(id, new Set(routed.filter((w) => sharedWith.has(w)).sort()));
    }
    return u2.map((id) => inbox.get(id) as RoutedSharesMessage);
  }

  /**
   * collect-masked: adds one chunk of `sender`'s masked vector into the
   * running sum. Chunks may come at any offset and in any order; call this
   * only after the upload's digest verified. A refused chunk is not folded
   * and does not drop the sender.
   *
   * @throws SecAggProtocolError `VECTOR_LENGTH_MISMATCH` (out of range),
   *   `CHUNK_OVERLAP` (elements already folded), `SECAGG_INVALID_MESSAGE`.
   */
  foldMaskedChunk(sender: string, elementOffset: number, chunk: Uint32Array): void {
    const [start, end] = this.#checkChunk(sender, elementOffset, chunk);
    const ranges = this.#folded.get(sender) ?? [];
    for (const [s, e] of ranges) {
      if (start < e && s < end) {
        throw new SecAggProtocolError(
          'CHUNK_OVERLAP',
          'collect-masked',
          sender,
          `elements [${start}, ${end}) overlap elements already folded`,
        );
      }
    }
    this.#sum ??= this.#allocateSum();
    addInto(this.#sum.subarray(start, end), chunk);
    ranges.push([start, end]);
    this.#folded.set(sender, mergeRanges(ranges));
  }

  /**
   * Subtracts a chunk folded earlier (the same bytes, from the staged
   * upload), e.g. to take out a participant dropped after part of its vector
   * was folded. Un-completes the sender.
   *
   * @throws SecAggProtocolError `VECTOR_LENGTH_MISMATCH` when the elements
   *   were not folded for this sender.
   */
  retractMaskedChunk(sender: string, elementOffset: number, chunk: Uint32Array): void {
    const [start, end] = this.#checkChunk(sender, elementOffset, chunk, true);
    const ranges = this.#folded.get(sender) ?? [];
    if (!ranges.some(([s, e]) => s <= start && end <= e) || this.#sum === undefined) {
      throw new SecAggProtocolError(
        'VECTOR_LENGTH_MISMATCH',
        'collect-masked',
        sender,
        `elements [${start}, ${end}) were not folded for this sender`,
      );
    }
    subInto(this.#sum.subarray(start, end), chunk);
    const next: Array<[number, number]> = [];
    for (const [s, e] of ranges) {
      if (end <= s || e <= start) next.push([s, e]);
      else {
        if (s < start) next.push([s, start]);
        if (end < e) next.push([end, e]);
      }
    }
    if (next.length === 0) this.#folded.delete(sender);
    else this.#folded.set(sender, next);
    this.#completions.delete(sender);
  }

  #checkChunk(
    sender: string,
    elementOffset: number,
    chunk: Uint32Array,
    retract = false,
  ): [number, number] {
    const stage = 'collect-masked';
    if (this.#state !== 'COLLECT_MASKED') {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        `masked vectors are not accepted in state ${this.#state}`,
      );
    }
    if (!(this.#u2 ?? []).includes(sender)) {
      throw new SecAggProtocolError(
        this.#participants.has(sender) ? 'SECAGG_INVALID_MESSAGE' : 'NOT_A_PARTICIPANT',
        stage,
        sender,
        'the sender did not complete share-keys',
      );
    }
    if (!retract && this.#dropped.has(sender)) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'the participant was dropped; retract its folded chunks instead',
      );
    }
    if (!retract && this.#completions.has(sender)) {
      throw new SecAggProtocolError(
        'SECAGG_REPLAY',
        stage,
        sender,
        'the masked vector is already complete',
      );
    }
    if (!(chunk instanceof Uint32Array) || chunk.length === 0) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'a chunk must be a non-empty Uint32Array',
      );
    }
    if (
      !Number.isSafeInteger(elementOffset) ||
      elementOffset < 0 ||
      elementOffset + chunk.length > this.config.vectorLength
    ) {
      throw new SecAggProtocolError(
        'VECTOR_LENGTH_MISMATCH',
        stage,
        sender,
        `chunk [${elementOffset}, ${elementOffset + chunk.length}) lies outside the vector of ${this.config.vectorLength} elements`,
      );
    }
    return [elementOffset, elementOffset + chunk.length];
  }

  /**
   * collect-masked: marks `sender`'s upload complete. Its whole vector must
   * be folded (the caller verified the digest).
   *
   * @throws SecAggProtocolError; a wrong length or an impossible
   *   rejectedShares list drops the sender (retract its chunks before
   *   {@link AggregatorSession.closeMasked}); an incomplete upload does not.
   */
  completeMasked(message: MaskedInputMessage): void {
    const stage = 'collect-masked';
    const sender = this.#admit(message, stage, 'COLLECT_MASKED', this.#u2);
    const earlier = this.#completions.get(sender);
    if (earlier !== undefined) {
      if (
        equalBytes(earlier.digest, message.digest) &&
        sameMessage(earlier.rejectedShares, message.rejectedShares)
      ) {
        throw new SecAggProtocolError(
          'SECAGG_REPLAY',
          stage,
          sender,
          'duplicate completion (ignored)',
        );
      }
      throw this.#fail('SECAGG_REPLAY', stage, sender, 'a second, different completion');
    }
    if (message.vectorLength !== this.config.vectorLength) {
      throw this.#fail(
        'VECTOR_LENGTH_MISMATCH',
        stage,
        sender,
        `the masked vector has ${String(message.vectorLength)} elements, expected ${this.config.vectorLength}`,
      );
    }
    if (!isBytes(message.digest, 32))
      throw this.#fail('SECAGG_INVALID_MESSAGE', stage, sender, 'the digest must be 32 bytes');
    const maskSet = this.#maskSets.get(sender) ?? new Set<string>();
    if (!isSortedIdList(message.rejectedShares, maskSet)) {
      throw this.#fail(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'rejectedShares must be sorted ids of neighbours whose shares were routed to it',
      );
    }
    const folded = this.foldedElements(sender);
    if (folded !== this.config.vectorLength) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        `only ${folded} of ${this.config.vectorLength} elements are folded`,
      );
    }
    this.#completions.set(sender, {
      rejectedShares: [...message.rejectedShares],
      digest: Uint8Array.from(message.digest),
    });
  }

  /** Participants dropped after share-keys whose masking key must be rebuilt: some survivor masked with them. */
  #needed(u3: readonly string[]): string[] {
    const inU3 = new Set(u3);
    const needed = new Set<string>();
    for (const z of u3)
      for (const d of this.#maskSets.get(z) ?? []) if (!inU3.has(d)) needed.add(d);
    return [...needed].sort();
  }

  /** Live holders of a valid share of `owner`'s secrets, among `live`. */
  #holders(owner: string, live: Iterable<string>): string[] {
    const out: string[] = [];
    for (const v of live) {
      if (
        this.#maskSets.get(v)?.has(owner) === true &&
        !(this.#completions.get(v)?.rejectedShares.includes(owner) ?? true)
      )
        out.push(v);
    }
    return out;
  }

  #missing(live: readonly string[]): MissingSecret[] {
    const u3 = this.#u3 ?? [];
    const missing: MissingSecret[] = [];
    const t = this.config.t;
    for (const u of u3) {
      const holders = this.#holders(u, live).length;
      if (holders < t) missing.push({ ownerId: u, secret: 'b', holders, threshold: t });
    }
    for (const d of this.#needed(u3)) {
      const holders = this.#holders(d, live).length;
      if (holders < t) missing.push({ ownerId: d, secret: 'sk', holders, threshold: t });
    }
    return missing;
  }

  /**
   * Ends collect-masked: U3 = the participants whose upload completed. Checks
   * that every secret to rebuild has at least t holders in U3, then returns
   * a ConsistencyRequest for each survivor. Persist the snapshot before
   * sending them: U3 must never change once anyone may have seen it.
   *
   * @throws FedraError `INVALID_ARGUMENT` when a participant outside U3
   *   still has folded elements (retract them first); SecAggAbortedError
   *   when U3 is too small or a secret lacks holders.
   */
  closeMasked(): ConsistencyRequest[] {
    this.#requireState('COLLECT_MASKED', 'closeMasked');
    const u3 = [...this.#completions.keys()].filter((id) => !this.#dropped.has(id)).sort();
    const stray = [...this.#folded.keys()].filter((id) => !u3.includes(id));
    if (stray.length > 0) {
      throw new FedraError(
        'INVALID_ARGUMENT',
        `retract the folded chunks of ${stray.length} participant(s) outside the survivor set first (${stray.slice(0, 5).join(', ')})`,
        {
          metadata: { field: 'runningSum' },
        },
      );
    }
    this.#u3 = u3;
    this.#state = 'CONSISTENCY_CHECK';
    if (u3.length < this.config.t + 1) {
      throw this.#abort(
        'collect-masked',
        `only ${u3.length} masked vectors completed; at least t + 1 = ${this.config.t + 1} are needed`,
      );
    }
    const missing = this.#missing(u3);
    if (missing.length > 0)
      throw this.#abort('collect-masked', 'secrets lack live holders among the survivors', missing);
    return u3.map((id) => ({
      header: makeHeader(this.config, 'consistency-check', AGGREGATOR_SENDER),
      recipient: id,
      survivors: [...u3],
    }));
  }

  /**
   * consistency-check: verifies one survivor's signature over U3.
   *
   * @throws SecAggProtocolError as {@link AggregatorSession.receiveSetup}.
   */
  async receiveConsistency(message: ConsistencyResponse): Promise<void> {
    const stage = 'consistency-check';
    const sender = this.#admit(message, stage, 'CONSISTENCY_CHECK', this.#u3);
    const key = `${stage}/${sender}`;
    const earlier = this.#consistency.get(sender);
    this.#checkDuplicate(
      stage,
      sender,
      message,
      earlier === undefined
        ? this.#pending.get(key)
        : { header: message.header, signature: earlier },
    );
    if (!isBoundedBytes(message.signature, MAX_SIGNATURE_BYTES))
      throw this.#fail('SECAGG_INVALID_MESSAGE', stage, sender, 'malformed signature');
    this.#pending.set(key, message);
    const ok = await verifySurvivorSignature(
      this.config,
      this.#verifier,
      sender,
      this.#u3 ?? [],
      message.signature,
    );
    if (this.#pending.get(key) !== message) return;
    this.#pending.delete(key);
    if (!ok)
      throw this.#fail(
        'SECAGG_BAD_SIGNATURE',
        stage,
        sender,
        'survivor-set signature does not verify',
      );
    if (this.#state !== 'CONSISTENCY_CHECK' || this.#dropped.has(sender)) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        stage,
        sender,
        'the consistency-check stage closed while the message was checked',
      );
    }
    this.#consistency.set(sender, Uint8Array.from(message.signature));
  }

  /**
   * Ends consistency-check: U4 = the survivors that signed. Checks survival
   * again with U4 as the live holders, then returns an UnmaskRequest for
   * each signer: U3, its neighbours' signatures, and exactly the shares it
   * holds that must be revealed (b of survivors, masking keys of dropped
   * participants some survivor masked with: never both for one owner).
   *
   * @throws SecAggAbortedError naming each secret that lacks holders.
   */
  closeConsistency(): UnmaskRequest[] {
    this.#requireState('CONSISTENCY_CHECK', 'closeConsistency');
    const u3 = this.#u3 ?? [];
    const u4 = u3.filter((id) => this.#consistency.has(id) && !this.#dropped.has(id));
    this.#u4 = u4;
    this.#state = 'UNMASK';
    const missing = this.#missing(u4);
    if (missing.length > 0)
      throw this.#abort(
        'consistency-check',
        'secrets lack live holders among the signers',
        missing,
      );
    const inU3 = new Set(u3);
    const needed = new Set(this.#needed(u3));
    const requests: UnmaskRequest[] = [];
    for (const v of u4) {
      const maskSet = [...(this.#maskSets.get(v) ?? [])];
      const rejected = new Set(this.#completions.get(v)?.rejectedShares ?? []);
      const bOwners = maskSet.filter((u) => inU3.has(u) && !rejected.has(u)).sort();
      const skOwners = maskSet.filter((d) => needed.has(d) && !rejected.has(d)).sort();
      this.#requests.set(v, { bOwners, skOwners });
      const nv = this.#neighbours(v);
      requests.push({
        header: makeHeader(this.config, 'unmask', AGGREGATOR_SENDER),
        recipient: v,
        survivors: [...u3],
        signatures: u4
          .filter((w) => w === v || nv.has(w))
          .map((w) => ({ signer: w, signature: this.#consistency.get(w) as Uint8Array })),
        bOwners,
        skOwners,
      });
    }
    return requests;
  }

  /**
   * unmask: takes one signer's revealed shares and checks each against the
   * hash its owner signed at share-keys.
   *
   * @throws SecAggBadShareError naming the revealer when a share does not
   *   match: every share from that revealer is discarded and it is dropped;
   *   the attempt goes on if enough good shares remain.
   *   SecAggProtocolError for other violations (the sender is dropped).
   */
  receiveUnmask(message: UnmaskResponse): void {
    const stage = 'unmask';
    const sender = this.#admit(message, stage, 'UNMASK', this.#u4);
    if (this.#responded.has(sender)) {
      throw new SecAggProtocolError(
        'SECAGG_REPLAY',
        stage,
        sender,
        'the participant already answered (ignored)',
      );
    }
    const request = this.#requests.get(sender);
    if (request === undefined || !Array.isArray(message.shares))
      throw this.#fail('SECAGG_INVALID_MESSAGE', stage, sender, 'malformed response');
    const wanted = new Map<string, SecretKind>([
      ...request.bOwners.map((o): [string, SecretKind] => [o, 'b']),
      ...request.skOwners.map((o): [string, SecretKind] => [o, 'sk']),
    ]);
    const seen = new Set<string>();
    const accepted: Revealed[] = [];
    for (const entry of message.shares as unknown[]) {
      const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<
        Record<keyof RevealedShare, unknown>
      >;
      if (
        typeof r.owner !== 'string' ||
        (r.secret !== 'b' && r.secret !== 'sk') ||
        wanted.get(r.owner) !== r.secret ||
        seen.has(r.owner)
      ) {
        throw this.#fail(
          'SECAGG_INVALID_MESSAGE',
          stage,
          sender,
          'a revealed share was not requested',
        );
      }
      seen.add(r.owner);
      if (!isBytes(r.share, SHARE_BYTES))
        throw this.#fail(
          'SECAGG_INVALID_MESSAGE',
          stage,
          sender,
          `a share of ${r.owner} has the wrong length`,
        );
      accepted.push({
        revealer: sender,
        owner: r.owner,
        secret: r.secret,
        share: Uint8Array.from(r.share),
      });
    }
    this.#responded.add(sender);
    for (const r of accepted) {
      const count = this.#received.get(r.owner) ?? { b: 0, sk: 0 };
      count[r.secret] += 1;
      this.#received.set(r.owner, count);
    }
    for (const r of accepted) {
      const encrypted = (this.#shareKeys.get(r.owner) as ShareKeysMessage).shares.find(
        (s) => s.recipient === sender,
      );
      const expected = r.secret === 'b' ? encrypted?.bShareHash : encrypted?.skShareHash;
      if (
        expected === undefined ||
        !equalBytes(shareHash(this.config, r.secret, r.owner, sender, r.share), expected)
      ) {
        // Keep none of this revealer's shares; the error names it.
        for (const other of accepted) other.share.fill(0);
        throw this.#drop(new SecAggBadShareError(sender, r.owner, r.secret));
      }
    }
    this.#revealed.push(...accepted);
  }

  /**
   * Rebuilds every needed secret from the good revealed shares, verifies
   * each (H(b) against its commitment; a rebuilt masking key against its
   * signed public key) and returns the unmask plan. Checks survival again
   * first: each secret needs t good shares.
   *
   * @throws SecAggAbortedError when a secret has fewer than t good shares;
   *   SecAggProtocolError `SECAGG_RECONSTRUCTION_FAILED` naming the owner
   *   whose shares do not rebuild its committed secret (the attempt aborts).
   */
  async reconstruct(): Promise<MaskPlan> {
    this.#requireState('UNMASK', 'reconstruct');
    const t = this.config.t;
    const u3 = this.#u3 ?? [];
    const needed = this.#needed(u3);
    const good = this.#revealed.filter((r) => !this.#dropped.has(r.revealer));
    const byOwner = new Map<string, Uint8Array[]>();
    for (const r of good) {
      const list = byOwner.get(`${r.secret}/${r.owner}`) ?? [];
      list.push(r.share);
      byOwner.set(`${r.secret}/${r.owner}`, list);
    }
    const missing: MissingSecret[] = [];
    for (const [owners, secret] of [
      [u3, 'b'],
      [needed, 'sk'],
    ] as const) {
      for (const owner of owners) {
        const holders = byOwner.get(`${secret}/${owner}`)?.length ?? 0;
        if (holders < t) missing.push({ ownerId: owner, secret, holders, threshold: t });
      }
    }
    if (missing.length > 0)
      throw this.#abort('unmask', 'secrets have fewer than t good revealed shares', missing);

    const masks: MaskSpec[] = [];
    for (const u of u3) {
      const b = await this.#rebuild(u, 'b', byOwner.get(`b/${u}`) ?? []);
      if (
        !equalBytes(
          commitmentOf(this.config, u, b),
          (this.#shareKeys.get(u) as ShareKeysMessage).bCommitment,
        )
      ) {
        b.fill(0);
        throw this.#reconstructionFailed(
          u,
          'the rebuilt self-mask seed does not match its commitment',
        );
      }
      masks.push({ key: selfMaskKey(this.config, u, b), sign: -1 });
      b.fill(0);
    }
    const selfMasks = masks.length;
    for (const d of needed) {
      const sk = await this.#rebuild(d, 'sk', byOwner.get(`sk/${d}`) ?? []);
      const signed = (this.#setups.get(d) as SetupMessage).maskingPublicKey;
      let matches: boolean;
      try {
        matches = equalBytes(x25519PublicKeyFromSecret(sk), signed);
      } catch {
        matches = false;
      }
      if (!matches) {
        sk.fill(0);
        throw this.#reconstructionFailed(
          d,
          'the rebuilt masking key does not match its signed public key',
        );
      }
      for (const z of u3.filter((z) => this.#maskSets.get(z)?.has(d) === true)) {
        const zKey = (this.#setups.get(z) as SetupMessage).maskingPublicKey;
        // z added sign(z, d) * PRG(k_zd); subtract it.
        masks.push({
          key: pairMaskKeyFromKeys(this.config, d, sk, z, zKey),
          sign: pairMaskSign(z, d) === 1 ? -1 : 1,
        });
      }
      sk.fill(0);
    }
    return Object.freeze({
      vectorLength: this.config.vectorLength,
      masks: Object.freeze(masks),
      selfMasks,
    });
  }

  async #rebuild(
    owner: string,
    secret: SecretKind,
    shares: readonly Uint8Array[],
  ): Promise<Uint8Array> {
    try {
      return await combineShares(shares.slice(0, this.config.t));
    } catch (cause) {
      throw this.#reconstructionFailed(
        owner,
        `its ${secret === 'b' ? 'self-mask seed' : 'masking-key'} shares do not combine`,
        cause,
      );
    }
  }

  #reconstructionFailed(owner: string, message: string, cause?: unknown): SecAggProtocolError {
    this.#state = 'ABORTED';
    this.#aborted = { reason: message, missing: [] };
    return new SecAggProtocolError(
      'SECAGG_RECONSTRUCTION_FAILED',
      'unmask',
      owner,
      message,
      cause === undefined ? {} : { cause },
    );
  }

  /**
   * Ends the attempt: rebuilds and verifies the secrets
   * ({@link AggregatorSession.reconstruct}), removes the masks from the
   * running sum in place and decodes the lanes.
   *
   * @throws as {@link AggregatorSession.reconstruct}.
   */
  async finish(options: FinishOptions = {}): Promise<AggregateResult> {
    const plan = await this.reconstruct();
    const sum = this.#sum ?? this.#allocateSum();
    this.#sum = sum;
    try {
      if (options.applyPlan === undefined) applyMaskPlan(plan, sum, 0);
      else await options.applyPlan(plan, sum);
    } finally {
      for (const mask of plan.masks) mask.key.fill(0);
    }
    const lanes = decodeLanes(sum, this.config.lanes);
    this.#state = 'COMPLETED';
    for (const r of this.#revealed) r.share.fill(0);
    this.#revealed.length = 0;
    return { survivors: [...(this.#u3 ?? [])], sum, lanes };
  }

  /**
   * Aborts the attempt (e.g. a stage deadline passed with too few messages).
   * Returns the error to report.
   */
  abort(reason: string): SecAggAbortedError {
    return this.#abort(STATE_STAGE[this.#state], reason);
  }

  #abort(stage: SecAggStage, reason: string, missing: MissingSecret[] = []): SecAggAbortedError {
    this.#state = 'ABORTED';
    this.#aborted = { reason, missing };
    return new SecAggAbortedError(stage, reason, missing);
  }

  #requireState(state: AggregatorState, method: string): void {
    if (this.#state !== state) {
      throw new SecAggProtocolError(
        'SECAGG_INVALID_MESSAGE',
        STATE_STAGE[this.#state],
        undefined,
        `${method} is not allowed in state ${this.#state}`,
      );
    }
  }

  /**
   * The session as JSON-safe data, without the running sum (persist
   * {@link AggregatorSession.runningSum} in the model store alongside).
   * Contains revealed shares during unmask: store it as confidentially as
   * the sum.
   */
  snapshot(): AggregatorSnapshot {
    const data: AggregatorData = {
      setups: [...this.#setups.values()],
      u1: this.#u1,
      shareKeys: [...this.#shareKeys.values()],
      u2: this.#u2,
      maskSets: [...this.#maskSets].map(([k, v]) => [k, [...v]]),
      folded: [...this.#folded].map(([k, v]) => [k, v.map(([s, e]): [number, number] => [s, e])]),
      completions: [...this.#completions],
      u3: this.#u3,
      consistency: [...this.#consistency].map(([signer, signature]) => ({ signer, signature })),
      u4: this.#u4,
      requests: [...this.#requests],
      responded: [...this.#responded],
      revealed: [...this.#revealed],
      received: [...this.#received],
      dropped: [...this.#dropped.values()],
      aborted: this.#aborted,
    };
    return {
      version: 1,
      config: secAggConfigToJSON(this.config),
      state: this.#state,
      data: toJSONSafe(data),
    };
  }

  /**
   * Rebuilds a session from {@link AggregatorSession.snapshot} (on another
   * replica, after a crash).
   *
   * @throws FedraError `INVALID_ARGUMENT` on a malformed snapshot or a
   *   missing/wrong-length running sum.
   */
  static restore(
    snapshot: AggregatorSnapshot,
    options: AggregatorRestoreOptions,
  ): AggregatorSession {
    const bad = (why: string): FedraError =>
      new FedraError('INVALID_ARGUMENT', `invalid aggregator snapshot: ${why}`, {
        metadata: { field: 'snapshot' },
      });
    if (typeof snapshot !== 'object' || (snapshot as { version?: unknown }).version !== 1)
      throw bad('unknown version');
    if (!STATES.includes(snapshot.state)) throw bad('unknown state');
    const session = new AggregatorSession(
      secAggConfigFromJSON(snapshot.config),
      options.verifier,
      options.createSum,
    );
    const d = fromJSONSafe(snapshot.data) as AggregatorData;
    if (
      typeof d !== 'object' ||
      !Array.isArray(d.setups) ||
      !Array.isArray(d.shareKeys) ||
      !Array.isArray(d.folded)
    )
      throw bad('malformed data');
    for (const m of d.setups) session.#setups.set(m.header.sender, m);
    session.#u1 = d.u1;
    for (const m of d.shareKeys) session.#shareKeys.set(m.header.sender, m);
    session.#u2 = d.u2;
    for (const [k, v] of d.maskSets) session.#maskSets.set(k, new Set(v));
    for (const [k, v] of d.completions) session.#completions.set(k, v);
    session.#u3 = d.u3;
    for (const { signer, signature } of d.consistency) session.#consistency.set(signer, signature);
    session.#u4 = d.u4;
    for (const [k, v] of d.requests) session.#requests.set(k, v);
    for (const id of d.responded) session.#responded.add(id);
    session.#revealed.push(...d.revealed);
    for (const [k, v] of d.received) session.#received.set(k, v);
    for (const x of d.dropped) session.#dropped.set(x.participantId, x);
    session.#aborted = d.aborted;
    session.#state = snapshot.state;

    const anyFolded = d.folded.length > 0;
    if (options.runningSum !== undefined) {
      if (
        !(options.runningSum instanceof Uint32Array) ||
        options.runningSum.length !== session.config.vectorLength
      ) {
        throw bad(`runningSum must be a Uint32Array of ${session.config.vectorLength} elements`);
      }
      session.#sum = options.runningSum;
      for (const [k, v] of d.folded) session.#folded.set(k, v);
    } else if (anyFolded) {
      if (snapshot.state !== 'COLLECT_MASKED')
        throw bad('the running sum is required after collect-masked');
      // Without the sum, every upload is folded again from the staged data.
      session.#completions.clear();
    }
    return session;
  }
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === s) last[1] = e;
    else out.push([s, e]);
  }
  return out;
}
