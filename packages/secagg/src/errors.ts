/**
 * Named secure-aggregation errors. Every one is a {@link FedraError} with a
 * stable code; the protocol errors also name the stage and the participant
 * they concern, so a coordinator can drop exactly that participant and log
 * why (never with keys, shares or masks in the message).
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import type { FedraErrorCode, FedraErrorOptions } from '@fedra/common';
import type { SecAggStage } from './stage.js';

/**
 * Where a protocol error happened: one of the five stages, or `'config'` for
 * a configuration that was rejected before any stage ran.
 */
export type SecAggErrorStage = SecAggStage | 'config';

/**
 * A violation detected while running the protocol: a malformed, replayed,
 * unauthenticated or inconsistent message, or a request a participant
 * refuses. `participantId` names the participant the error is about (the
 * sender of a bad message, the revealer of a bad share), or is `undefined`
 * when it concerns no single participant.
 *
 * @example
 * ```ts
 * try {
 *   aggregator.receiveSetup(message);
 * } catch (e) {
 *   if (e instanceof SecAggProtocolError) log.warn({ code: e.code, stage: e.stage, workerId: e.participantId }, 'secagg message rejected');
 * }
 * ```
 */
export class SecAggProtocolError extends FedraError {
  /** The stage the error was raised in. */
  readonly stage: SecAggErrorStage;
  /** The participant the error is about, if any. */
  readonly participantId: string | undefined;

  constructor(
    code: FedraErrorCode,
    stage: SecAggErrorStage,
    participantId: string | undefined,
    message: string,
    options: FedraErrorOptions = {},
  ) {
    const where = participantId === undefined ? stage : `${stage}, participant ${participantId}`;
    super(code, `secagg ${where}: ${message}`, {
      ...options,
      metadata: {
        ...options.metadata,
        stage,
        ...(participantId === undefined ? {} : { participantId }),
      },
    });
    this.name = 'SecAggProtocolError';
    this.stage = stage;
    this.participantId = participantId;
  }
}

/**
 * A revealed share that does not match the hash its owner signed at
 * share-keys. The revealer is named; the aggregator drops every share it
 * revealed and goes on if at least t good shares remain for each secret.
 */
export class SecAggBadShareError extends SecAggProtocolError {
  /** The participant who revealed the bad share. */
  readonly revealerId: string;
  /** The participant whose secret the share belongs to. */
  readonly ownerId: string;
  /** Which secret the share was for: the self-mask seed or the masking key. */
  readonly secret: SecretKind;

  constructor(revealerId: string, ownerId: string, secret: SecretKind) {
    super(
      'SECAGG_BAD_SHARE',
      'unmask',
      revealerId,
      `revealed ${secret === 'b' ? 'self-mask seed' : 'masking-key'} share of ${ownerId} does not match its signed hash; every share from this revealer is discarded`,
      { metadata: { ownerId, secret } },
    );
    this.name = 'SecAggBadShareError';
    this.revealerId = revealerId;
    this.ownerId = ownerId;
    this.secret = secret;
  }
}

/**
 * The two secrets a participant Shamir-shares: `'b'` is its self-mask seed,
 * `'sk'` the secret key of its masking X25519 pair.
 */
export type SecretKind = 'b' | 'sk';

/** One secret that cannot be rebuilt because too few holders are live. */
export interface MissingSecret {
  /** The participant whose secret it is. */
  readonly ownerId: string;
  /** Which secret. */
  readonly secret: SecretKind;
  /** How many live holders of a valid share it has. */
  readonly holders: number;
  /** How many it needs (the threshold t). */
  readonly threshold: number;
}

/**
 * The attempt cannot complete: some secret that must be rebuilt has fewer
 * than t live share-holders (or fewer than needed participants are left).
 * A clean abort: nothing was unmasked, and the round is retried as a new
 * attempt with fresh keys.
 */
export class SecAggAbortedError extends SecAggProtocolError {
  /** Each secret that could not be rebuilt, with its holder count. */
  readonly missing: readonly MissingSecret[];

  constructor(stage: SecAggStage, reason: string, missing: readonly MissingSecret[] = []) {
    const listed = missing
      .slice(0, 8)
      .map(
        (m) =>
          `${m.secret === 'b' ? 'b' : 'sk'}(${m.ownerId}): ${m.holders}/${m.threshold} holders`,
      )
      .join(', ');
    const more = missing.length > 8 ? ` and ${missing.length - 8} more` : '';
    super(
      'SECAGG_ABORTED',
      stage,
      undefined,
      missing.length === 0 ? reason : `${reason}: ${listed}${more}`,
      { metadata: { missingSecrets: String(missing.length) } },
    );
    this.name = 'SecAggAbortedError';
    this.missing = Object.freeze(missing.map((m) => Object.freeze({ ...m })));
  }
}
