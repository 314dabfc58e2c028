/**
 * Idempotency of mutating RPCs by `request_id`: the first call's response
 * is remembered with a hash of its request; a retry with the same id and
 * the same request gets the same response, one with a different request
 * gets `REQUEST_ID_CONFLICT`.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { InvalidArgumentError, RequestIdConflictError } from '@fedra/common';
import { redisCall } from './redis-script.js';
import type { StateKeys } from './state-keys.js';

/** How long a request id is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

const REQUEST_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/**
 * Checks a client's `request_id` (a UUID or any 1-128 URL-safe characters).
 *
 * @throws InvalidArgumentError (field `request_id`) when it is empty or malformed.
 */
export function checkRequestId(requestId: string): string {
  if (!REQUEST_ID.test(requestId)) {
    throw new InvalidArgumentError(
      'request_id',
      'request_id must be 1-128 characters of [A-Za-z0-9._~-] (a UUID)',
    );
  }
  return requestId;
}

interface StoredResponse {
  readonly requestHash: string;
  readonly response: string;
}

/** Remembers responses by (scope, request id); see the module doc. */
export class IdempotencyStore {
  readonly #redis: Redis;
  readonly #keys: StateKeys;

  constructor(redis: Redis, keys: StateKeys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  /**
   * Runs `operation` once per (scope, request id): returns the remembered
   * response of an earlier call with the same request, or runs it and
   * remembers its response. A failing operation is not remembered.
   *
   * @param scope - the RPC and the caller (request ids are per caller).
   * @param requestHash - a digest of everything in the request that matters.
   * @throws RequestIdConflictError when the id was used for a different request.
   */
  async run(
    scope: string,
    requestId: string,
    requestHash: string,
    operation: () => Promise<Buffer>,
  ): Promise<Buffer> {
    checkRequestId(requestId);
    const key = this.#keys.idempotency(scope, requestId);
    const earlier = await this.#read(key);
    if (earlier !== undefined) return this.#answer(earlier, requestId, requestHash);
    const response = await operation();
    const stored: StoredResponse = { requestHash, response: response.toString('base64') };
    const set = await redisCall(() =>
      this.#redis.set(key, JSON.stringify(stored), 'EX', IDEMPOTENCY_TTL_SECONDS, 'NX'),
    );
    if (set === 'OK') return response;
    // A concurrent call with the same id won the race: answer as it did.
    const winner = await this.#read(key);
    return winner === undefined ? response : this.#answer(winner, requestId, requestHash);
  }

  async #read(key: string): Promise<StoredResponse | undefined> {
    const text = await redisCall(() => this.#redis.get(key));
    return text === null ? undefined : (JSON.parse(text) as StoredResponse);
  }

  #answer(stored: StoredResponse, requestId: string, requestHash: string): Buffer {
    if (stored.requestHash !== requestHash) throw new RequestIdConflictError(requestId);
    return Buffer.from(stored.response, 'base64');
  }
}
