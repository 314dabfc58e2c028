/**
 * The pure half of the audit log: what a record is, how it is hashed, and
 * how a chain of records is checked. {@link RedisAuditLog} stores records;
 * these helpers let anyone holding an export re-verify it offline.
 *
 * Each record commits to its predecessor through `prevHash`, so rewriting,
 * dropping or reordering any record breaks every later link. The first
 * record links to {@link GENESIS_HASH}.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { FedraError } from '@fedra/common';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** `prevHash` of the first record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What the record is about: identifiers only (experimentId, roundNumber,
 * attempt, workerId, version, …), never data.
 */
export type AuditSubject = Readonly<Record<string, string | number>>;

/** What a caller appends; the log adds `seq`, `prevHash` and `hash`. */
export interface AuditEntry {
  /** When the action happened, ISO 8601, taken from the caller (Redis `TIME` in the engine). */
  readonly at: string;
  /** Who acted: an identity URI (`spiffe://…/admin/alice`, `urn:fedra:coordinator`). */
  readonly actor: string;
  /** What happened, dotted lower case: `round.commit`, `experiment.cancel`, `worker.evict`. */
  readonly action: string;
  /** What it happened to. */
  readonly subject: AuditSubject;
  /** Anything else worth keeping, JSON-safe: hashes and counts, never tensors or keys. */
  readonly details: JsonValue;
}

/** A record as stored: an {@link AuditEntry} placed in the chain. */
export interface AuditRecord extends AuditEntry {
  /** Position in the log, 1-based and gap-free. */
  readonly seq: number;
  /** `hash` of the record before this one, or {@link GENESIS_HASH} for seq 1. */
  readonly prevHash: string;
  /** sha256 (hex) of the canonical JSON of every other field; see {@link hashRecord}. */
  readonly hash: string;
}

/** The result of {@link verifyChain}. */
export type ChainVerification =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The seq of the first record that does not verify. */
      readonly brokenAt: number;
      /** Why, in words (never record contents). */
      readonly reason: string;
    };

/** Options for {@link verifyChain}. */
export interface VerifyChainOptions {
  /**
   * The hash the first given record must link to, for verifying a slice of
   * a longer chain. @default GENESIS_HASH (the slice starts at seq 1)
   */
  readonly fromHash?: string;
  /**
   * The seq the first given record must have. @default 1 when `fromHash`
   * is absent; otherwise whatever the first record says
   */
  readonly fromSeq?: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * sha256 (lower-case hex) over the canonical JSON of the record's fields
 * other than `hash` (any other property is ignored). Every other field, including `seq` and `prevHash`, is
 * covered, so a record cannot be moved within the chain unnoticed.
 */
export function hashRecord(record: Omit<AuditRecord, 'hash'> | AuditRecord): string {
  const { seq, at, actor, action, subject, details, prevHash } = record;
  const body = { seq, at, actor, action, subject, details, prevHash };
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/**
 * Checks that `records` form an unbroken chain: consecutive `seq`s, each
 * `prevHash` equal to the previous record's `hash`, and each `hash` equal
 * to {@link hashRecord} of its record. Stops at the first break.
 */
export function verifyChain(
  records: readonly AuditRecord[],
  options: VerifyChainOptions = {},
): ChainVerification {
  let expectedPrev = options.fromHash ?? GENESIS_HASH;
  let seq = options.fromSeq ?? (options.fromHash === undefined ? 1 : (records[0]?.seq ?? 1));
  for (const record of records) {
    if (record.seq !== seq) {
      return broken(seq, `expected seq ${seq}, found ${String(record.seq)}`);
    }
    if (record.prevHash !== expectedPrev) {
      return broken(seq, 'prevHash does not match the previous record');
    }
    if (typeof record.hash !== 'string' || !HEX64.test(record.hash)) {
      return broken(seq, 'hash is not 64 lower-case hex digits');
    }
    let actual: string;
    try {
      actual = hashRecord(record);
    } catch {
      return broken(seq, 'record is not canonical JSON');
    }
    if (actual !== record.hash) return broken(seq, 'hash does not match the record');
    expectedPrev = record.hash;
    seq += 1;
  }
  return { ok: true };
}

function broken(brokenAt: number, reason: string): ChainVerification {
  return { ok: false, brokenAt, reason };
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ACTION = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;
const MAX_ACTION_LENGTH = 128;
const MAX_ACTOR_LENGTH = 2048;

/**
 * Validates an entry before it is hashed, so a malformed one is refused at
 * the door rather than written into an immutable log.
 *
 * @throws FedraError `INVALID_ARGUMENT` naming the offending field.
 */
export function validateAuditEntry(entry: AuditEntry): void {
  if (
    typeof entry.at !== 'string' ||
    !ISO_8601.test(entry.at) ||
    Number.isNaN(Date.parse(entry.at))
  ) {
    throw invalid('at', 'audit entry `at` must be an ISO 8601 timestamp with a zone');
  }
  if (
    typeof entry.actor !== 'string' ||
    entry.actor.length === 0 ||
    entry.actor.length > MAX_ACTOR_LENGTH ||
    !URL.canParse(entry.actor)
  ) {
    throw invalid('actor', 'audit entry `actor` must be an identity URI');
  }
  if (
    typeof entry.action !== 'string' ||
    entry.action.length > MAX_ACTION_LENGTH ||
    !ACTION.test(entry.action)
  ) {
    throw invalid('action', 'audit entry `action` must be dotted lower case, e.g. round.commit');
  }
  const subject: unknown = entry.subject;
  if (typeof subject !== 'object' || subject === null || Array.isArray(subject)) {
    throw invalid('subject', 'audit entry `subject` must be an object of identifiers');
  }
  for (const [key, value] of Object.entries(subject)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw invalid(`subject.${key}`, `audit entry subject.${key} must be a string or a number`);
    }
  }
  // Throws INVALID_ARGUMENT naming the path when details are not JSON-safe.
  canonicalJson(entry.details, 'details');
}

function invalid(field: string, message: string): FedraError {
  return new FedraError('INVALID_ARGUMENT', message, { metadata: { field } });
}
