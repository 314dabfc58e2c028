/**
 * The logging interface every Fedra package accepts: the subset of pino's
 * API that Fedra uses, so a pino logger can be passed as is while
 * `@fedra/common` carries no logging dependency.
 *
 * @module
 */

/**
 * One log level's method. Data goes in the object, the message stays short
 * and fixed: `log.info({ participants: 12 }, 'round opened')`. Never pass
 * tensors, masks, keys or shares; log sizes and digests.
 */
export interface LogFn {
  /** Logs `obj`'s fields with an optional fixed message. */
  (obj: object, msg?: string): void;
  /** Logs a bare message. */
  (msg: string): void;
}

/** A pino-compatible logger. */
export interface Logger {
  /** Finest detail, off in production. */
  trace: LogFn;
  /** Developer detail. */
  debug: LogFn;
  /** Normal operation worth recording (round opened, model committed). */
  info: LogFn;
  /** Something unexpected that Fedra handled (a worker dropped, a retry). */
  warn: LogFn;
  /** A failed operation. */
  error: LogFn;
  /** The process cannot go on. */
  fatal: LogFn;
  /** A logger that adds `bindings` (e.g. `{ experimentId }`) to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

const discard: LogFn = () => undefined;

/** A logger that drops everything; the default of the SDKs. */
export const silentLogger: Logger = Object.freeze({
  trace: discard,
  debug: discard,
  info: discard,
  warn: discard,
  error: discard,
  fatal: discard,
  child: () => silentLogger,
});

/** Field names that hold credentials or secret material anywhere in a log object. */
const SECRET_KEYS = [
  'password',
  'passphrase',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'authorization',
  'cookie',
  'privateKey',
  'secretKey',
  'identityKey',
  'sharedSecret',
  'maskKey',
  'maskingKey',
  'seed',
  'selfMaskSeed',
  'mask',
  'masks',
  'share',
  'shares',
  'encryptedShares',
  'tlsKey',
  'credentials',
] as const;

/**
 * Paths for pino's `redact` option: the secret field names at the top level
 * and up to two levels down (pino's wildcard matches one level per `*`),
 * plus request headers that carry credentials.
 *
 * @example
 * ```ts
 * const log = pino({ redact: { paths: [...redactPaths], censor: '[redacted]' } });
 * ```
 */
export const redactPaths: readonly string[] = Object.freeze([
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'metadata.authorization',
]);
