/**
 * The participant's side of one secure-aggregation attempt: one method per
 * stage, each taking what the aggregator relayed and returning what to send.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { FedraError } from '@fedra/common';
import type { SecAggConfig, SecAggConfigJSON } from './config.js';
import { secAggConfigFromJSON, secAggConfigToJSON } from './config.js';
import { SecAggProtocolError } from './errors.js';
import type { LaneSpec, UniformSource } from './fixed-point.js';
import { encodeLanes } from './fixed-point.js';
import type { IdentitySigner, IdentityVerifier } from './identity.js';
import { generateX25519KeyPair, x25519SharedSecret } from './key-agreement.js';
import type { X25519KeyPair } from './key-agreement.js';
import type { MaskSpec } from './mask-prg.js';
import {
  AGGREGATOR_SENDER,
  bCommitment,
  checkHeader,
  decodeSharePlaintext,
  encodeSharePlaintext,
  encryptedSharePayload,
  equalBytes,
  fromJSONSafe,
  isBoundedBytes,
  isBytes,
  isSortedIdList,
  makeHeader,
  maskedVectorDigest,
  MAX_CIPHERTEXT_BYTES,
  MAX_SIGNATURE_BYTES,
  sameMessage,
  setupPayload,
  SHARE_BYTES,
  shareCipherContext,
  shareHash,
  survivorSetPayload,
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
  UnmaskRequest,
  UnmaskResponse,
} from './messages.js';
import { neighbourGraph } from './neighbours.js';
import { RevealRecord } from './reveal-record.js';
import { splitSecret } from './shamir.js';
import { decryptFromPeer, encryptForPeer } from './share-cipher.js';
import {
  verifySetupSignature,
  verifyShareSignatures,
  verifySurvivorSignature,
} from './signatures.js';
import type { SecAggStage } from './stage.js';
import { applyMaskPlan, pairMaskKeyFromKeys, pairMaskSign, selfMaskKey } from './mask-plan.js';
import type { MaskPlan } from './mask-plan.js';

/**
 * Where a participant is in the attempt. Methods that fail leave the state
 * unchanged; a refused request can be retried with a correct one.
 *
 * - `'READY'`: created; nothing sent.
 * - `'SETUP'`: public keys sent ({@link ParticipantSession.setup}); waits for its neighbours' keys.
 * - `'SHARE_KEYS'`: encrypted shares sent; waits for the shares addressed to it.
 * - `'SHARES_RECEIVED'`: shares checked, mask keys derived, b and the secret keys wiped; waits for the input.
 * - `'MASKED'`: masked vector produced; the mask keys are wiped; waits for the survivor set.
 * - `'CONSISTENCY'`: survivor set signed; waits for the unmask request.
 * - `'UNMASKED'`: shares revealed (the same request may be answered again).
 */
export type ParticipantState =
  'READY' | 'SETUP' | 'SHARE_KEYS' | 'SHARES_RECEIVED' | 'MASKED' | 'CONSISTENCY' | 'UNMASKED';

/** Options of {@link ParticipantSession.create}. */
export interface ParticipantSessionOptions {
  /** The attempt's configuration (the same for every participant). */
  config: SecAggConfig;
  /** Signs with this participant's identity key; `signer.participantId` is this participant. */
  signer: IdentitySigner;
  /** Verifies other participants' signatures: the pinned federation trust bundle. */
  verifier: IdentityVerifier;
  /**
   * What this participant already revealed in this attempt (persisted by an
   * earlier run of the worker). Pass it whenever one was persisted.
   * @default an empty record
   */
  revealRecord?: RevealRecord | undefined;
}

/** Options of {@link ParticipantSession.restore}. */
export interface ParticipantRestoreOptions {
  /** As in {@link ParticipantSessionOptions}. */
  signer: IdentitySigner;
  /** As in {@link ParticipantSessionOptions}. */
  verifier: IdentityVerifier;
  /**
   * The record persisted after the last unmask response. Always pass it
   * when one was persisted: it is what stops a restarted worker from
   * revealing both shares of a peer.
   */
  revealRecord?: RevealRecord;
}

/**
 * The update to mask: either the lane values (clipped, scaled and rounded
 * here) or an already encoded vector.
 */
export type MaskInput =
  | {
      /** One array per lane, in lane order. */
      values: ReadonlyArray<Float32Array | readonly number[]>;
      /** Uniform words for stochastic rounding (default: a fresh CSPRNG stream). */
      rng?: UniformSource;
    }
  | {
      /** The output of `encodeLanes` for this config's lanes (copied, not changed). */
      encoded: Uint32Array;
    };

/** Options of {@link ParticipantSession.collectMasked}. */
export interface CollectMaskedOptions {
  /**
   * Applies the mask plan to the encoded vector in place, e.g. split across
   * worker threads with {@link applyMaskPlan} per slice.
   * @default applyMaskPlan(plan, vector, 0) on this thread
   */
  applyPlan?: (plan: MaskPlan, vector: Uint32Array) => void | Promise<void>;
  /**
   * Allocates the vector the input is encoded into and masked in place,
   * e.g. on a SharedArrayBuffer so that `applyPlan`'s threads work on it
   * without a copy in and out.
   * @default (length) => new Uint32Array(length)
   */
  createVector?: (length: number) => Uint32Array;
}

/** What {@link ParticipantSession.receiveShares} returns. */
export interface ReceivedShares {
  /** The neighbours we mask with (every neighbour whose shares were routed to us). */
  maskedWith: string[];
  /** Those whose shares failed a check (we hold no share of their secrets). */
  rejectedShares: string[];
}

/** What {@link ParticipantSession.collectMasked} and {@link ParticipantSession.maskInput} return. */
export interface MaskedInput {
  /** The message that describes the upload (digest, length, rejected shares). */
  message: MaskedInputMessage;
  /** The masked vector to upload in chunks. Never produce a second one for the same attempt. */
  vector: Uint32Array;
}

/** A participant's snapshot: secrets included, so the worker encrypts it at rest. */
export interface ParticipantSnapshot {
  /** Format version. */
  version: 1;
  /** The config. */
  config: SecAggConfigJSON;
  /** This participant. */
  participantId: string;
  /** The state at the time of the snapshot. */
  state: ParticipantState;
  /** Everything else, JSON-safe (bytes as `{ $bytes: base64 }`). */
  data: unknown;
}

interface PeerKeys {
  encryptionPublicKey: Uint8Array;
  maskingPublicKey: Uint8Array;
}

interface HeldShares {
  bShare: Uint8Array;
  skShare: Uint8Array;
}

interface ParticipantData {
  encryptionKeys?: X25519KeyPair | undefined;
  maskingKeys?: X25519KeyPair | undefined;
  b?: Uint8Array | undefined;
  setupMessage?: SetupMessage | undefined;
  peerKeys: Array<{ peer: string } & PeerKeys>;
  shareKeysMessage?: ShareKeysMessage | undefined;
  maskedWith: string[];
  held: Array<{ owner: string } & HeldShares>;
  rejectedShares: string[];
  maskKeys?: MaskSpec[] | undefined;
  maskedMessage?: MaskedInputMessage | undefined;
  signedSurvivors?: string[] | undefined;
  consistencyResponse?: ConsistencyResponse | undefined;
}

const STATES: readonly ParticipantState[] = [
  'READY',
  'SETUP',
  'SHARE_KEYS',
  'SHARES_RECEIVED',
  'MASKED',
  'CONSISTENCY',
  'UNMASKED',
];

/**
 * One participant of one attempt.
 *
 * @example
 * ```ts
 * const session = ParticipantSession.create({ config, signer, verifier });
 * send(await session.setup());
 * send(await session.shareKeys(neighbourKeys));
 * const { message, vector } = await session.collectMasked(routedShares, { values: [delta, [weight]] });
 * uploadInChunks(message, vector);
 * send(await session.consistencyCheck(consistencyRequest));
 * const response = await session.unmask(unmaskRequest);
 * persist(session.revealRecord.toJSON()); // before sending
 * send(response);
 * ```
 */
export class ParticipantSession {
  /** The attempt's configuration. */
  readonly config: SecAggConfig;
  /** This participant's id. */
  readonly participantId: string;
  /** This participant's neighbours in the graph, sorted. */
  readonly neighbours: readonly string[];
  /** What this participant revealed; persist it before sending an unmask response. */
  readonly revealRecord: RevealRecord;

  readonly #signer: IdentitySigner;
  readonly #verifier: IdentityVerifier;
  readonly #neighbourSet: ReadonlySet<string>;
  readonly #rejections: SecAggProtocolError[] = [];
  #state: ParticipantState = 'READY';
  #data: ParticipantData = { peerKeys: [], maskedWith: [], held: [], rejectedShares: [] };

  private constructor(
    config: SecAggConfig,
    signer: IdentitySigner,
    verifier: IdentityVerifier,
    record?: RevealRecord,
  ) {
    const id = signer.participantId;
    if (!config.participants.includes(id)) {
      throw new SecAggProtocolError(
        'NOT_A_PARTICIPANT',
        'setup',
        id,
        'the signer is not a participant of this attempt',
      );
    }
    this.config = config;
    this.participantId = id;
    this.#signer = signer;
    this.#verifier = verifier;
    const graph = neighbourGraph(config.participants, config.k, config.graphSeed);
    this.neighbours = Object.freeze([...(graph.get(id) ?? [])].sort());
    this.#neighbourSet = new Set(this.neighbours);
    const scope = {
      experimentId: config.experimentId,
      roundNumber: config.roundNumber,
      attempt: config.attempt,
      participantId: id,
    };
    if (record !== undefined) {
      const s = record.scope;
      if (
        s.experimentId !== scope.experimentId ||
        s.roundNumber !== scope.roundNumber ||
        s.attempt !== scope.attempt ||
        s.participantId !== scope.participantId
      ) {
        throw new SecAggProtocolError(
          'INVALID_ARGUMENT',
          'unmask',
          id,
          'the reveal record belongs to another attempt or participant',
        );
      }
    }
    this.revealRecord = record ?? new RevealRecord(scope);
  }

  /**
   * Starts a participant session.
   *
   * @throws SecAggProtocolError `NOT_A_PARTICIPANT` when the signer is not in
   *   the config; `INVALID_ARGUMENT` for a reveal record of another attempt.
   */
  static create(options: ParticipantSessionOptions): ParticipantSession {
    return new ParticipantSession(
      options.config,
      options.signer,
      options.verifier,
      options.revealRecord,
    );
  }

  /** The lifecycle state. */
  get state(): ParticipantState {
    return this.#state;
  }

  /**
   * Problems with individual peers that did not stop the protocol: a
   * neighbour's key message or routed share that failed a check. Each names
   * stage and peer.
   */
  get rejections(): readonly SecAggProtocolError[] {
    return this.#rejections;
  }

  /** The neighbours this participant masked with (after collect-masked). */
  get maskedWith(): readonly string[] {
    return this.#data.maskedWith;
  }

  #error(
    code: ConstructorParameters<typeof SecAggProtocolError>[0],
    stage: SecAggStage,
    message: string,
    cause?: unknown,
  ) {
    return new SecAggProtocolError(
      code,
      stage,
      this.participantId,
      message,
      cause === undefined ? {} : { cause },
    );
  }

  #requireState(stage: SecAggStage, ...allowed: ParticipantState[]): void {
    if (!allowed.includes(this.#state)) {
      throw this.#error('SECAGG_INVALID_MESSAGE', stage, `not expected in state ${this.#state}`);
    }
  }

  #checkAggregatorMessage(message: unknown, stage: SecAggStage): void {
    const sender = checkHeader(this.config, message, stage, this.participantId);
    if (sender !== AGGREGATOR_SENDER) {
      throw this.#error(
        'SECAGG_INVALID_MESSAGE',
        stage,
        'the message must come from the aggregator',
      );
    }
    if ((message as { recipient?: unknown }).recipient !== this.participantId) {
      throw this.#error(
        'SECAGG_INVALID_MESSAGE',
        stage,
        'the message is addressed to another participant',
      );
    }
  }

  #reject(
    code: ConstructorParameters<typeof SecAggProtocolError>[0],
    stage: SecAggStage,
    peer: string | undefined,
    message: string,
    cause?: unknown,
  ): void {
    this.#rejections.push(
      new SecAggProtocolError(
        code,
        stage,
        peer ?? this.participantId,
        message,
        cause === undefined ? {} : { cause },
      ),
    );
  }

  /**
   * Records a message from `sender`, who is not our neighbour: a participant
   * of the attempt outside our neighbourhood sent an invalid message, anyone
   * else is not a participant at all.
   */
  #rejectNonNeighbour(stage: SecAggStage, sender: string, message: string): void {
    this.#reject(
      this.config.participants.includes(sender) ? 'SECAGG_INVALID_MESSAGE' : 'NOT_A_PARTICIPANT',
      stage,
      sender,
      message,
    );
  }

  /**
   * setup: makes the two fresh X25519 key pairs of this attempt and returns
   * the signed public keys. Calling it again returns the same message.
   */
  async setup(): Promise<SetupMessage> {
    if (this.#data.setupMessage !== undefined) return this.#data.setupMessage;
    this.#requireState('setup', 'READY');
    const encryptionKeys = generateX25519KeyPair();
    const maskingKeys = generateX25519KeyPair();
    const signature = await this.#signer.sign(
      setupPayload(
        this.config,
        this.participantId,
        encryptionKeys.publicKey,
        maskingKeys.publicKey,
      ),
    );
    const message: SetupMessage = {
      header: makeHeader(this.config, 'setup', this.participantId),
      encryptionPublicKey: encryptionKeys.publicKey,
      maskingPublicKey: maskingKeys.publicKey,
      signature,
    };
    this.#data = { ...this.#data, encryptionKeys, maskingKeys, setupMessage: message };
    this.#state = 'SETUP';
    return message;
  }

  /**
   * share-keys: verifies the neighbours' keys, Shamir-shares b and the
   * masking secret key (threshold t) among the neighbours whose keys
   * verified, and returns the commitment and one encrypted share per
   * neighbour. A neighbour whose key message fails a check is left out (see
   * {@link ParticipantSession.rejections}). Calling it again after success
   * returns the same message.
   *
   * @throws SecAggProtocolError `SECAGG_INVALID_MESSAGE` / `SECAGG_REPLAY`
   *   for a malformed or misaddressed message or a tampered echo of our own
   *   keys; `SECAGG_ABORTED` when fewer than t neighbours have valid keys.
   */
  async shareKeys(message: NeighbourKeysMessage): Promise<ShareKeysMessage> {
    const stage = 'share-keys';
    if (this.#data.shareKeysMessage !== undefined) return this.#data.shareKeysMessage;
    this.#requireState(stage, 'SETUP');
    this.#checkAggregatorMessage(message, stage);
    if (!Array.isArray(message.neighbours))
      throw this.#error('SECAGG_INVALID_MESSAGE', stage, 'neighbours must be an array');

    const candidates = new Map<string, SetupMessage>();
    const conflicted = new Set<string>();
    for (const setup of message.neighbours) {
      let sender: string;
      try {
        sender = checkHeader(this.config, setup, 'setup');
      } catch (e) {
        if (e instanceof SecAggProtocolError) this.#rejections.push(e);
        continue;
      }
      if (sender === this.participantId) {
        if (!sameMessage(setup, this.#data.setupMessage)) {
          throw this.#error(
            'SECAGG_INVALID_MESSAGE',
            stage,
            'our own setup message was altered in transit',
          );
        }
        continue;
      }
      if (!this.#neighbourSet.has(sender)) {
        this.#rejectNonNeighbour(
          stage,
          sender,
          'keys from a participant that is not our neighbour',
        );
        continue;
      }
      if (candidates.has(sender) || conflicted.has(sender)) {
        candidates.delete(sender);
        conflicted.add(sender);
        this.#reject(
          'SECAGG_REPLAY',
          stage,
          sender,
          'more than one key message from this neighbour; all are ignored',
        );
        continue;
      }
      candidates.set(sender, setup);
    }

    const encryptionKeys = this.#data.encryptionKeys;
    const maskingKeys = this.#data.maskingKeys;
    if (encryptionKeys === undefined || maskingKeys === undefined) {
      throw new FedraError('INTERNAL', 'participant keys are missing after setup');
    }
    const encryptionSecrets = new Map<string, Uint8Array>();
    const checked = await Promise.all(
      [...candidates].map(async ([peer, setup]): Promise<[string, PeerKeys] | undefined> => {
        if (
          !isBytes(setup.encryptionPublicKey, 32) ||
          !isBytes(setup.maskingPublicKey, 32) ||
          !isBoundedBytes(setup.signature, MAX_SIGNATURE_BYTES)
        ) {
          this.#reject(
            'SECAGG_INVALID_MESSAGE',
            stage,
            peer,
            'key message has malformed keys or signature',
          );
          return undefined;
        }
        if (!(await verifySetupSignature(this.config, this.#verifier, peer, setup))) {
          this.#reject(
            'SECAGG_BAD_SIGNATURE',
            stage,
            peer,
            'key message signature does not verify',
          );
          return undefined;
        }
        try {
          // Both keys must give a usable shared secret (no small-order
          // points); the encryption secret is kept for the share below.
          x25519SharedSecret(maskingKeys.secretKey, setup.maskingPublicKey).fill(0);
          encryptionSecrets.set(
            peer,
            x25519SharedSecret(encryptionKeys.secretKey, setup.encryptionPublicKey),
          );
        } catch (cause) {
          this.#reject(
            'SECAGG_INVALID_MESSAGE',
            stage,
            peer,
            'a public key is unusable (small order)',
            cause,
          );
          return undefined;
        }
        return [
          peer,
          {
            encryptionPublicKey: Uint8Array.from(setup.encryptionPublicKey),
            maskingPublicKey: Uint8Array.from(setup.maskingPublicKey),
          },
        ];
      }),
    );
    const peers = checked
      .filter((x): x is [string, PeerKeys] => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    if (peers.length < this.config.t) {
      for (const secret of encryptionSecrets.values()) secret.fill(0);
      throw this.#error(
        'SECAGG_ABORTED',
        stage,
        `only ${peers.length} neighbours have valid keys; at least t = ${this.config.t} are needed to share secrets`,
      );
    }

    const b = randomBytes(32);
    const commitment = bCommitment(this.config, this.participantId, b);
    const [bShares, skShares] = await Promise.all([
      splitSecret(b, peers.length, this.config.t),
      splitSecret(maskingKeys.secretKey, peers.length, this.config.t),
    ]);
    const shares = await Promise.all(
      peers.map(async ([peer], i): Promise<EncryptedShare> => {
        const bShare = bShares[i] as Uint8Array;
        const skShare = skShares[i] as Uint8Array;
        const plaintext = encodeSharePlaintext(this.participantId, peer, bShare, skShare);
        const secret = encryptionSecrets.get(peer) as Uint8Array;
        const ciphertext = encryptForPeer(
          secret,
          shareCipherContext(this.config, this.participantId, peer),
          plaintext,
        );
        secret.fill(0);
        plaintext.fill(0);
        const unsigned = {
          sender: this.participantId,
          recipient: peer,
          ciphertext,
          bShareHash: shareHash(this.config, 'b', this.participantId, peer, bShare),
          skShareHash: shareHash(this.config, 'sk', this.participantId, peer, skShare),
        };
        bShare.fill(0);
        skShare.fill(0);
        const signature = await this.#signer.sign(
          encryptedSharePayload(this.config, unsigned, commitment),
        );
        return { ...unsigned, signature };
      }),
    );
    const out: ShareKeysMessage = {
      header: makeHeader(this.config, stage, this.participantId),
      bCommitment: commitment,
      shares,
    };
    this.#data = {
      ...this.#data,
      b: new Uint8Array(b),
      peerKeys: peers.map(([peer, keys]) => ({ peer, ...keys })),
      shareKeysMessage: out,
    };
    b.fill(0);
    this.#state = 'SHARE_KEYS';
    return out;
  }

  /**
   * collect-masked, first half: takes the shares addressed to us and checks
   * each (signature, decryption, share hashes), then derives the keys of the
   * self mask PRG(b) and of one pairwise mask per neighbour that sent us
   * shares, and wipes b and both secret keys. Can run while the model
   * trains: masking the input later ({@link ParticipantSession.maskInput})
   * is then only encoding and keystream.
   *
   * A neighbour whose share fails a check is still masked with (its keys are
   * signed, and the aggregator computes the same mask set from what it
   * routed); we only hold no share of its secrets, which the masked-input
   * message reports so the aggregator counts us out as that neighbour's
   * holder. A bad share can therefore only make its owner's secrets harder
   * to rebuild. Each such problem is in {@link ParticipantSession.rejections}.
   *
   * @throws SecAggProtocolError `SECAGG_INVALID_MESSAGE` for a malformed or
   *   misaddressed message; `SECAGG_ABORTED` when fewer than t neighbours
   *   sent shares (too few masks to hide the input).
   */
  async receiveShares(message: RoutedSharesMessage): Promise<ReceivedShares> {
    const stage = 'collect-masked';
    this.#requireState(stage, 'SHARE_KEYS');
    this.#checkAggregatorMessage(message, stage);
    if (!Array.isArray(message.shares)) {
      throw this.#error('SECAGG_INVALID_MESSAGE', stage, 'shares must be an array');
    }
    const { encryptionKeys, maskingKeys, b } = this.#data;
    if (encryptionKeys === undefined || maskingKeys === undefined || b === undefined) {
      throw new FedraError('INTERNAL', 'participant secrets are missing after share-keys');
    }
    const peerKeys = new Map(this.#data.peerKeys.map(({ peer, ...keys }) => [peer, keys]));
    const routed = new Map<string, unknown>();
    const duplicated = new Set<string>();
    for (const entry of message.shares as unknown[]) {
      const share: unknown =
        typeof entry === 'object' && entry !== null
          ? (entry as { share?: unknown }).share
          : undefined;
      const sender: unknown =
        typeof share === 'object' && share !== null
          ? (share as { sender?: unknown }).sender
          : undefined;
      if (typeof sender !== 'string') {
        this.#reject(
          'SECAGG_INVALID_MESSAGE',
          stage,
          undefined,
          'a routed share has no sender; ignored',
        );
        continue;
      }
      if (!this.#neighbourSet.has(sender)) {
        this.#rejectNonNeighbour(
          stage,
          sender,
          'a share from a participant that is not our neighbour; ignored',
        );
        continue;
      }
      if (!peerKeys.has(sender)) {
        this.#reject(
          'SECAGG_INVALID_MESSAGE',
          stage,
          sender,
          'a share from a neighbour whose keys we did not accept; ignored',
        );
        continue;
      }
      if (routed.has(sender)) {
        duplicated.add(sender);
        this.#reject(
          'SECAGG_REPLAY',
          stage,
          sender,
          'more than one share from this neighbour; none is kept',
        );
        continue;
      }
      routed.set(sender, entry);
    }

    const accepted = await Promise.all(
      [...routed].map(async ([peer, entry]) =>
        duplicated.has(peer)
          ? undefined
          : this.#openShare(peer, entry, peerKeys.get(peer) as PeerKeys, encryptionKeys),
      ),
    );
    const maskedWith = [...routed.keys()].sort();
    if (maskedWith.length < this.config.t) {
      throw this.#error(
        'SECAGG_ABORTED',
        stage,
        `only ${maskedWith.length} neighbours sent shares; at least t = ${this.config.t} are needed to mask the input safely`,
      );
    }
    const held = accepted
      .filter((x): x is { owner: string } & HeldShares => x !== undefined)
      .sort((x, y) => (x.owner < y.owner ? -1 : 1));
    const heldOwners = new Set(held.map((h) => h.owner));
    const rejectedShares = maskedWith.filter((peer) => !heldOwners.has(peer));

    const masks: MaskSpec[] = [{ key: selfMaskKey(this.config, this.participantId, b), sign: 1 }];
    for (const peer of maskedWith) {
      const keys = peerKeys.get(peer) as PeerKeys;
      masks.push({
        key: pairMaskKeyFromKeys(
          this.config,
          this.participantId,
          maskingKeys.secretKey,
          peer,
          keys.maskingPublicKey,
        ),
        sign: pairMaskSign(this.participantId, peer),
      });
    }
    b.fill(0);
    encryptionKeys.secretKey.fill(0);
    maskingKeys.secretKey.fill(0);
    this.#data = {
      ...this.#data,
      b: undefined,
      encryptionKeys: { publicKey: encryptionKeys.publicKey, secretKey: new Uint8Array(0) },
      maskingKeys: { publicKey: maskingKeys.publicKey, secretKey: new Uint8Array(0) },
      maskKeys: masks,
      maskedWith,
      held,
      rejectedShares,
    };
    this.#state = 'SHARES_RECEIVED';
    return { maskedWith: [...maskedWith], rejectedShares: [...rejectedShares] };
  }

  /**
   * collect-masked, second half: encodes the input (clip, scale, stochastic
   * rounding), adds the masks derived by {@link ParticipantSession.receiveShares}
   * modulo 2^32, and returns the masked vector with its digest. The mask keys
   * are wiped: a second masked vector under the same masks would leak the
   * difference of the two inputs, so this succeeds once per attempt.
   *
   * @throws SecAggProtocolError `VECTOR_LENGTH_MISMATCH` / `NON_FINITE_INPUT`
   *   / `LANE_OVERFLOW` for a bad input (the state is unchanged: call again
   *   with a good one).
   */
  async maskInput(input: MaskInput, options: CollectMaskedOptions = {}): Promise<MaskedInput> {
    this.#requireState('collect-masked', 'SHARES_RECEIVED');
    return this.#mask(this.#encode(input, options), options);
  }

  /**
   * collect-masked in one call: {@link ParticipantSession.receiveShares} then
   * {@link ParticipantSession.maskInput}. The input is encoded (and so
   * validated) first, so a bad input leaves the state unchanged.
   *
   * @throws as those two methods.
   */
  async collectMasked(
    message: RoutedSharesMessage,
    input: MaskInput,
    options: CollectMaskedOptions = {},
  ): Promise<MaskedInput> {
    this.#requireState('collect-masked', 'SHARE_KEYS');
    const vector = this.#encode(input, options);
    await this.receiveShares(message);
    return this.#mask(vector, options);
  }

  async #mask(vector: Uint32Array, options: CollectMaskedOptions): Promise<MaskedInput> {
    const stage = 'collect-masked';
    const masks = this.#data.maskKeys;
    if (masks === undefined) throw new FedraError('INTERNAL', 'mask keys are missing');
    const plan: MaskPlan = Object.freeze({
      vectorLength: vector.length,
      masks: Object.freeze(masks),
      selfMasks: 1,
    });
    try {
      if (options.applyPlan === undefined) applyMaskPlan(plan, vector, 0);
      else await options.applyPlan(plan, vector);
    } finally {
      for (const mask of masks) mask.key.fill(0);
      this.#data = { ...this.#data, maskKeys: undefined };
    }
    const out: MaskedInputMessage = {
      header: makeHeader(this.config, stage, this.participantId),
      vectorLength: vector.length,
      digest: maskedVectorDigest(vector),
      rejectedShares: [...this.#data.rejectedShares],
    };
    this.#data = { ...this.#data, maskedMessage: out };
    this.#state = 'MASKED';
    return { message: out, vector };
  }

  #encode(input: MaskInput, options: CollectMaskedOptions): Uint32Array {
    const stage = 'collect-masked';
    const lanes: readonly LaneSpec[] = this.config.lanes;
    const length = this.config.vectorLength;
    const vector =
      options.createVector === undefined ? new Uint32Array(length) : options.createVector(length);
    if (!(vector instanceof Uint32Array) || vector.length !== length) {
      throw new FedraError(
        'INVALID_ARGUMENT',
        'createVector must return a Uint32Array of the vector length',
        { metadata: { field: 'createVector' } },
      );
    }
    if ('encoded' in input) {
      if (
        !(input.encoded instanceof Uint32Array) ||
        input.encoded.length !== this.config.vectorLength
      ) {
        throw this.#error(
          'VECTOR_LENGTH_MISMATCH',
          stage,
          `the encoded input must be a Uint32Array of ${this.config.vectorLength} elements`,
        );
      }
      vector.set(input.encoded);
      return vector;
    }
    if (!Array.isArray(input.values))
      throw this.#error('VECTOR_LENGTH_MISMATCH', stage, 'values must be an array of lanes');
    try {
      return encodeLanes(input.values, lanes, input.rng, vector);
    } catch (e) {
      if (e instanceof FedraError) {
        throw new SecAggProtocolError(e.code, stage, this.participantId, e.message, {
          cause: e,
          metadata: e.metadata,
        });
      }
      throw e;
    }
  }

  async #openShare(
    peer: string,
    entry: unknown,
    keys: PeerKeys,
    encryptionKeys: X25519KeyPair,
  ): Promise<({ owner: string } & HeldShares) | undefined> {
    const stage = 'collect-masked';
    const { share, bCommitment: commitment } = entry as {
      share: Partial<Record<keyof EncryptedShare, unknown>>;
      bCommitment?: unknown;
    };
    if (
      share.recipient !== this.participantId ||
      !isBoundedBytes(share.ciphertext, MAX_CIPHERTEXT_BYTES) ||
      !isBytes(share.bShareHash, 32) ||
      !isBytes(share.skShareHash, 32) ||
      !isBoundedBytes(share.signature, MAX_SIGNATURE_BYTES) ||
      !isBytes(commitment, 32)
    ) {
      this.#reject('SECAGG_INVALID_MESSAGE', stage, peer, 'malformed or misaddressed share');
      return undefined;
    }
    const typed = share as EncryptedShare;
    if (
      !(await verifyShareSignatures(this.config, this.#verifier, peer, {
        bCommitment: commitment,
        shares: [typed],
      }))
    ) {
      this.#reject('SECAGG_BAD_SIGNATURE', stage, peer, 'share signature does not verify');
      return undefined;
    }
    let plaintext: Uint8Array;
    const secret = x25519SharedSecret(encryptionKeys.secretKey, keys.encryptionPublicKey);
    try {
      plaintext = decryptFromPeer(
        secret,
        shareCipherContext(this.config, peer, this.participantId),
        typed.ciphertext,
      );
    } catch (cause) {
      this.#reject('SECAGG_DECRYPT_FAILED', stage, peer, 'share failed to decrypt', cause);
      return undefined;
    } finally {
      secret.fill(0);
    }
    const decoded = decodeSharePlaintext(plaintext);
    if (
      decoded === undefined ||
      decoded.owner !== peer ||
      decoded.holder !== this.participantId ||
      decoded.bShare.length !== SHARE_BYTES ||
      decoded.skShare.length !== SHARE_BYTES
    ) {
      this.#reject(
        'SECAGG_BAD_SHARE',
        stage,
        peer,
        'decrypted share is malformed or names the wrong participants',
      );
      return undefined;
    }
    if (
      !equalBytes(
        shareHash(this.config, 'b', peer, this.participantId, decoded.bShare),
        typed.bShareHash,
      ) ||
      !equalBytes(
        shareHash(this.config, 'sk', peer, this.participantId, decoded.skShare),
        typed.skShareHash,
      )
    ) {
      this.#reject(
        'SECAGG_BAD_SHARE',
        stage,
        peer,
        'decrypted share does not match its signed hash; this neighbour is misbehaving',
      );
      return undefined;
    }
    const held = {
      owner: peer,
      bShare: Uint8Array.from(decoded.bShare),
      skShare: Uint8Array.from(decoded.skShare),
    };
    plaintext.fill(0);
    return held;
  }

  /**
   * consistency-check: signs the survivor set U3 after checking it: sorted
   * participant ids, this participant among them, and at least t of the
   * neighbours it masked with. Signs at most one set per attempt (asking
   * again with the same set returns the same signature).
   *
   * @throws SecAggProtocolError `SECAGG_INVALID_MESSAGE` for a malformed set
   *   or one without us; `SECAGG_UNMASK_REFUSED` when too few of our mask
   *   partners survive or a different set was already signed.
   */
  async consistencyCheck(request: ConsistencyRequest): Promise<ConsistencyResponse> {
    const stage = 'consistency-check';
    this.#requireState(stage, 'MASKED', 'CONSISTENCY', 'UNMASKED');
    this.#checkAggregatorMessage(request, stage);
    const survivors: unknown = request.survivors;
    if (!isSortedIdList(survivors, new Set(this.config.participants))) {
      throw this.#error(
        'SECAGG_INVALID_MESSAGE',
        stage,
        'survivors must be sorted, unique participant ids',
      );
    }
    if (this.#data.signedSurvivors !== undefined) {
      if (
        sameMessage(this.#data.signedSurvivors, survivors) &&
        this.#data.consistencyResponse !== undefined
      ) {
        return this.#data.consistencyResponse;
      }
      throw this.#error(
        'SECAGG_UNMASK_REFUSED',
        stage,
        'a different survivor set was already signed in this attempt',
      );
    }
    if (!survivors.includes(this.participantId)) {
      throw this.#error(
        'SECAGG_INVALID_MESSAGE',
        stage,
        'the survivor set does not include this participant, whose vector was uploaded',
      );
    }
    const set = new Set(survivors);
    const partners = this.#data.maskedWith.filter((peer) => set.has(peer)).length;
    if (partners < this.config.t) {
      throw this.#error(
        'SECAGG_UNMASK_REFUSED',
        stage,
        `only ${partners} of the neighbours we masked with survive; at least t = ${this.config.t} are needed`,
      );
    }
    const signature = await this.#signer.sign(
      survivorSetPayload(this.config, this.participantId, survivors),
    );
    const response: ConsistencyResponse = {
      header: makeHeader(this.config, stage, this.participantId),
      signature,
    };
    this.#data = { ...this.#data, signedSurvivors: [...survivors], consistencyResponse: response };
    this.#state = 'CONSISTENCY';
    return response;
  }

  /**
   * unmask: reveals the requested shares after checking that the survivor
   * set is exactly the one we signed, that at least t of our neighbours
   * signed that same set, and that each requested share is what we would
   * derive ourselves: b shares only of survivors, masking-key shares only
   * of neighbours not in the set, never both kinds for one peer (also across
   * restarts, through {@link ParticipantSession.revealRecord}). Reveals
   * nothing unless every check passes. Persist the reveal record before
   * sending the response.
   *
   * @throws SecAggProtocolError `SECAGG_UNMASK_REFUSED` naming the reason;
   *   `SECAGG_INVALID_MESSAGE` for a malformed request.
   */
  async unmask(request: UnmaskRequest): Promise<UnmaskResponse> {
    const stage = 'unmask';
    this.#requireState(stage, 'CONSISTENCY', 'UNMASKED');
    this.#checkAggregatorMessage(request, stage);
    const signed = this.#data.signedSurvivors;
    if (signed === undefined) throw new FedraError('INTERNAL', 'signed survivor set missing');
    if (!sameMessage(request.survivors, signed)) {
      throw this.#error(
        'SECAGG_UNMASK_REFUSED',
        stage,
        'the survivor set differs from the one we signed',
      );
    }
    const survivorSet = new Set(signed);
    if (!Array.isArray(request.signatures))
      throw this.#error('SECAGG_INVALID_MESSAGE', stage, 'signatures must be an array');
    const signers = new Set<string>();
    const checks: Array<Promise<boolean>> = [];
    for (const entry of request.signatures as unknown[]) {
      const { signer, signature } = (typeof entry === 'object' && entry !== null ? entry : {}) as {
        signer?: unknown;
        signature?: unknown;
      };
      if (
        typeof signer !== 'string' ||
        !this.#neighbourSet.has(signer) ||
        !survivorSet.has(signer) ||
        signers.has(signer)
      )
        continue;
      if (!isBoundedBytes(signature, MAX_SIGNATURE_BYTES)) continue;
      signers.add(signer);
      checks.push(verifySurvivorSignature(this.config, this.#verifier, signer, signed, signature));
    }
    const valid = (await Promise.all(checks)).filter(Boolean).length;
    if (valid < this.config.t) {
      throw this.#error(
        'SECAGG_UNMASK_REFUSED',
        stage,
        `only ${valid} valid survivor-set signatures from our neighbours; at least t = ${this.config.t} are needed`,
      );
    }

    const participants = new Set(this.config.participants);
    if (
      !isSortedIdList(request.bOwners, participants) ||
      !isSortedIdList(request.skOwners, participants)
    ) {
      throw this.#error(
        'SECAGG_INVALID_MESSAGE',
        stage,
        'bOwners and skOwners must be sorted, unique participant ids',
      );
    }
    const held = new Map(this.#data.held.map((h) => [h.owner, h]));
    const skOwners = new Set(request.skOwners);
    for (const owner of request.bOwners) {
      if (skOwners.has(owner)) {
        throw this.#error(
          'SECAGG_UNMASK_REFUSED',
          stage,
          `the request asks for both shares of ${owner}`,
        );
      }
      if (!survivorSet.has(owner)) {
        throw this.#error(
          'SECAGG_UNMASK_REFUSED',
          stage,
          `the self-mask share of ${owner}, who is not a survivor, is never revealed`,
        );
      }
      if (!held.has(owner))
        throw this.#error('SECAGG_UNMASK_REFUSED', stage, `we hold no share of ${owner}`);
      this.revealRecord.check(owner, 'b');
    }
    for (const owner of request.skOwners) {
      if (survivorSet.has(owner)) {
        throw this.#error(
          'SECAGG_UNMASK_REFUSED',
          stage,
          `the masking-key share of survivor ${owner} is never revealed`,
        );
      }
      if (!held.has(owner))
        throw this.#error('SECAGG_UNMASK_REFUSED', stage, `we hold no share of ${owner}`);
      this.revealRecord.check(owner, 'sk');
    }
    const shares: RevealedShare[] = [];
    for (const owner of request.bOwners) {
      this.revealRecord.record(owner, 'b');
      shares.push({
        owner,
        secret: 'b',
        share: Uint8Array.from((held.get(owner) as HeldShares).bShare),
      });
    }
    for (const owner of request.skOwners) {
      this.revealRecord.record(owner, 'sk');
      shares.push({
        owner,
        secret: 'sk',
        share: Uint8Array.from((held.get(owner) as HeldShares).skShare),
      });
    }
    this.#state = 'UNMASKED';
    return { header: makeHeader(this.config, stage, this.participantId), shares };
  }

  /**
   * The session's state as JSON-safe data, secrets included (the masking
   * secrets until collect-masked, the shares held for neighbours after).
   * The worker encrypts it at rest; the reveal record is persisted
   * separately ({@link ParticipantSession.revealRecord}).
   */
  snapshot(): ParticipantSnapshot {
    return {
      version: 1,
      config: secAggConfigToJSON(this.config),
      participantId: this.participantId,
      state: this.#state,
      data: toJSONSafe(this.#data),
    };
  }

  /**
   * Rebuilds a session from {@link ParticipantSession.snapshot}.
   *
   * @throws SecAggProtocolError `INVALID_ARGUMENT` on a malformed snapshot, a
   *   signer for another participant, or a reveal record of another attempt.
   */
  static restore(
    snapshot: ParticipantSnapshot,
    options: ParticipantRestoreOptions,
  ): ParticipantSession {
    const bad = (why: string): SecAggProtocolError =>
      new SecAggProtocolError(
        'INVALID_ARGUMENT',
        'setup',
        options.signer.participantId,
        `invalid participant snapshot: ${why}`,
      );
    if (typeof snapshot !== 'object' || (snapshot as { version?: unknown }).version !== 1)
      throw bad('unknown version');
    if (snapshot.participantId !== options.signer.participantId)
      throw bad('the signer belongs to another participant');
    if (!STATES.includes(snapshot.state)) throw bad('unknown state');
    const config = secAggConfigFromJSON(snapshot.config);
    const session = new ParticipantSession(
      config,
      options.signer,
      options.verifier,
      options.revealRecord,
    );
    const data = fromJSONSafe(snapshot.data) as ParticipantData;
    if (
      typeof data !== 'object' ||
      !Array.isArray(data.peerKeys) ||
      !Array.isArray(data.held) ||
      !Array.isArray(data.maskedWith) ||
      !Array.isArray(data.rejectedShares)
    ) {
      throw bad('malformed data');
    }
    session.#data = data;
    session.#state = snapshot.state;
    return session;
  }
}
