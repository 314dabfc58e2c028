/**
 * Tools for feeding the coordinator decodable but hostile requests: a
 * seeded random source (a failing case reproduces from its seed and label),
 * raw gRPC calls that hand back the status itself, and the check that a
 * refusal is precise (status, `fedra-error-code` trailer and
 * `google.rpc.ErrorInfo` agree on the expected code). Test code only.
 *
 * @module
 */
import type { ClientReadableStream, ClientWritableStream, ServiceError } from '@grpc/grpc-js';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import {
  DEFAULT_ERROR_DOMAIN,
  decodeErrorInfo,
  ERROR_CODES,
  FEDRA_ERROR_CODE_KEY,
  GRPC_STATUS_DETAILS_KEY,
} from '@fedra/common';
import type { FedraErrorCode } from '@fedra/common';
import { INSECURE_IDENTITY_HEADER } from '../../identity/call-identity.js';

/** A small deterministic random source (mulberry32); the same seed gives the same cases. */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `length` random bytes. */
  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) out[i] = this.int(256);
    return out;
  }

  /** A uint32 other than each of `except`. */
  uint32Except(...except: number[]): number {
    for (;;) {
      const value = this.pick([0, 2, 3, 7, 255, 65_536, 2 ** 31, 2 ** 32 - 1, this.int(2 ** 32)]);
      if (!except.includes(value)) return value;
    }
  }

  /**
   * A hostile string: empty, control characters, path tricks, unicode,
   * upper case, or up to `maxLength` characters of junk.
   */
  junk(maxLength = 4096): string {
    const kind = this.int(8);
    switch (kind) {
      case 0:
        return '';
      case 1:
        return '../../etc/passwd';
      case 2:
        return 'A'.repeat(1 + this.int(maxLength));
      case 3:
        return '\u0000\u0001\n\t';
      case 4:
        return 'ünïcødé-☃-𝄞';
      case 5:
        return 'x'.repeat(64 + this.int(64));
      case 6:
        return 'spiffe://test.fedra/admin/';
      default:
        return this.bytes(1 + this.int(64)).toString('latin1');
    }
  }
}

/** One hostile request and the precise code it must be refused with. */
export interface HostileCase {
  /** What the case does, for failure messages. */
  readonly label: string;
  /** The Fedra error code the coordinator must answer with. */
  readonly expected: FedraErrorCode;
  /** Sends it; resolves with the call's error (null when it succeeded). */
  send(): Promise<ServiceError | null>;
}

/** Metadata naming `identity` (insecure mode), or as given. */
export function callMetadata(identity: string | Metadata): Metadata {
  if (identity instanceof Metadata) return identity;
  const metadata = new Metadata();
  metadata.set(INSECURE_IDENTITY_HEADER, identity);
  return metadata;
}

type RawCallback = (error: ServiceError | null, value?: unknown) => void;

/** A unary call that resolves with its error (null on success). */
export function rawUnary(
  invoke: (metadata: Metadata, callback: RawCallback) => unknown,
  identity: string | Metadata,
): Promise<ServiceError | null> {
  return new Promise((resolve) => {
    invoke(callMetadata(identity), (error) => {
      resolve(error);
    });
  });
}

/**
 * A server-streaming call that resolves with its error, or null when it
 * ended cleanly; it cancels the call when a message arrives (a hostile
 * request must not be answered at all).
 */
export function rawServerStream(
  stream: ClientReadableStream<unknown>,
): Promise<ServiceError | null> {
  return new Promise((resolve) => {
    let answered = false;
    stream.on('data', () => {
      if (!answered) {
        answered = true;
        resolve(null);
        stream.cancel();
      }
    });
    stream.on('error', (error: ServiceError) => {
      if (!answered) {
        answered = true;
        resolve(error);
      }
    });
    stream.on('end', () => {
      if (!answered) {
        answered = true;
        resolve(null);
      }
    });
  });
}

/** A client-streaming call: writes `messages`, half-closes, resolves with the error. */
export function rawClientStream<T>(
  open: (metadata: Metadata, callback: RawCallback) => ClientWritableStream<T>,
  identity: string | Metadata,
  messages: readonly T[],
): Promise<ServiceError | null> {
  return new Promise((resolve) => {
    const call = open(callMetadata(identity), (error) => {
      resolve(error);
    });
    call.on('error', () => undefined);
    for (const message of messages) call.write(message);
    call.end();
  });
}

/**
 * What is wrong with how a call was refused, or undefined when it was
 * refused precisely with `expected`: the gRPC status of the code, the
 * `fedra-error-code` trailer, and an ErrorInfo (reason and domain) in
 * `grpc-status-details-bin`.
 */
export function refusalMismatch(
  error: ServiceError | null,
  expected: FedraErrorCode,
): string | undefined {
  if (error === null) return 'succeeded';
  const trailer = error.metadata.get(FEDRA_ERROR_CODE_KEY);
  const details = error.metadata.get(GRPC_STATUS_DETAILS_KEY)[0];
  const info = details instanceof Uint8Array ? decodeErrorInfo(details) : undefined;
  const status: number = ERROR_CODES[expected].status;
  const code: number = error.code;
  const got = `status ${code}, trailer ${JSON.stringify(trailer)}, reason ${info?.reason ?? 'none'}: ${error.details.slice(0, 200)}`;
  if (code !== status) return `expected status ${status} (${expected}), got ${got}`;
  if (trailer.length !== 1 || trailer[0] !== expected)
    return `expected trailer ${expected}, got ${got}`;
  if (info?.reason !== expected || info.domain !== DEFAULT_ERROR_DOMAIN)
    return `expected ErrorInfo ${expected}, got ${got}`;
  return undefined;
}

/**
 * Sends `cases` in order and returns one line per case that was not
 * refused precisely (empty when all were).
 */
export async function runHostileCases(
  rpc: string,
  cases: readonly HostileCase[],
): Promise<string[]> {
  const failures: string[] = [];
  for (const [index, hostile] of cases.entries()) {
    const mismatch = refusalMismatch(await hostile.send(), hostile.expected);
    if (mismatch !== undefined) failures.push(`${rpc} #${index} ${hostile.label}: ${mismatch}`);
  }
  return failures;
}

/** The overall status `grpc.health.v1.Health/Check` reports at `address` (insecure), or the error code. */
export function healthStatus(address: string): Promise<string | number> {
  const method = healthService['Check'];
  if (method === undefined) throw new TypeError('grpc-health-check has no Check');
  const client = new Client(address, credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      { service: '' },
      (error: ServiceError | null, response?: object) => {
        client.close();
        if (error !== null) resolve(error.code);
        else resolve(String(response === undefined ? undefined : Reflect.get(response, 'status')));
      },
    );
  });
}
