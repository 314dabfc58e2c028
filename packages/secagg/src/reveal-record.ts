/**
 * What a participant has revealed in one attempt, kept so it never reveals
 * both secrets of one peer: the b share of a survivor and the masking-key
 * share of a dropped participant must never go out for the same peer, or the
 * aggregator could strip every mask from that peer's vector.
 *
 * @module
 */
import { SecAggProtocolError } from './errors.js';
import type { SecretKind } from './errors.js';

/** The attempt a record belongs to. */
export interface RevealScope {
  /** The experiment id. */
  experimentId: string;
  /** The round number. */
  roundNumber: number;
  /** The attempt. */
  attempt: number;
  /** The participant whose record it is. */
  participantId: string;
}

/** {@link RevealRecord} as JSON-safe data. */
export interface RevealRecordJSON extends RevealScope {
  /** Format version of this JSON. */
  version: 1;
  /** Each peer with a revealed share and the one kind revealed for it, sorted by peer. */
  revealed: Array<{ peer: string; kind: SecretKind }>;
}

/**
 * Per peer, the one kind of share revealed. The worker persists
 * {@link RevealRecord.toJSON} before it sends an unmask response, so the
 * rule survives a restart (restore it with {@link RevealRecord.fromJSON}).
 */
export class RevealRecord {
  /** The attempt this record belongs to. */
  readonly scope: Readonly<RevealScope>;
  readonly #revealed = new Map<string, SecretKind>();

  constructor(scope: RevealScope) {
    this.scope = Object.freeze({ ...scope });
  }

  /** The kind revealed for `peer`, if any. */
  kindFor(peer: string): SecretKind | undefined {
    return this.#revealed.get(peer);
  }

  /** How many peers have a revealed share. */
  get size(): number {
    return this.#revealed.size;
  }

  /**
   * Throws unless revealing `kind` for `peer` is consistent with the record
   * (nothing revealed yet, or the same kind again).
   *
   * @throws SecAggProtocolError `SECAGG_UNMASK_REFUSED`.
   */
  check(peer: string, kind: SecretKind): void {
    const previous = this.#revealed.get(peer);
    if (previous !== undefined && previous !== kind) {
      throw new SecAggProtocolError(
        'SECAGG_UNMASK_REFUSED',
        'unmask',
        this.scope.participantId,
        `refusing to reveal the ${kind === 'b' ? 'self-mask seed' : 'masking-key'} share of ${peer}: its ${previous === 'b' ? 'self-mask seed' : 'masking-key'} share was already revealed`,
        { metadata: { peer } },
      );
    }
  }

  /** Records that `kind` was revealed for `peer` (after {@link RevealRecord.check}). */
  record(peer: string, kind: SecretKind): void {
    this.check(peer, kind);
    this.#revealed.set(peer, kind);
  }

  /** JSON-safe form, for persisting. */
  toJSON(): RevealRecordJSON {
    const revealed = [...this.#revealed]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([peer, kind]) => ({ peer, kind }));
    return { version: 1, ...this.scope, revealed };
  }

  /**
   * Rebuilds a record from {@link RevealRecord.toJSON}.
   *
   * @throws SecAggProtocolError `INVALID_ARGUMENT` on malformed data.
   */
  static fromJSON(json: RevealRecordJSON): RevealRecord {
    const bad = (why: string): SecAggProtocolError =>
      new SecAggProtocolError(
        'INVALID_ARGUMENT',
        'unmask',
        undefined,
        `invalid reveal record: ${why}`,
      );
    if (typeof json !== 'object' || (json as { version?: unknown }).version !== 1)
      throw bad('unknown version');
    const { experimentId, roundNumber, attempt, participantId, revealed } = json;
    if (
      typeof experimentId !== 'string' ||
      typeof participantId !== 'string' ||
      !Number.isSafeInteger(roundNumber) ||
      !Number.isSafeInteger(attempt) ||
      !Array.isArray(revealed)
    ) {
      throw bad('malformed scope');
    }
    const record = new RevealRecord({ experimentId, roundNumber, attempt, participantId });
    for (const entry of revealed) {
      const { peer, kind } = entry as { peer?: unknown; kind?: unknown };
      if (typeof peer !== 'string' || (kind !== 'b' && kind !== 'sk')) throw bad('malformed entry');
      if (record.#revealed.has(peer)) throw bad(`peer ${peer} appears twice`);
      record.#revealed.set(peer, kind);
    }
    return record;
  }
}
