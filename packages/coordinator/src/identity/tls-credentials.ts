/**
 * grpc-js credentials from PEM files: mTLS for the coordinator, TLS with an
 * optional client certificate for workers and the SDK.
 *
 * Files are read and checked up front (each parses, the key matches the
 * certificate), so a bad path or a mismatched key fails at start-up with a
 * {@link ConfigError} naming the option, not at the first handshake.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ChannelCredentials, ServerCredentials } from '@grpc/grpc-js';
import { ConfigError } from '@fedra/common';

/** PEM files for the coordinator's mTLS listener. */
export interface ServerTlsFiles {
  /**
   * CA certificates client certificates must chain to: every region CA and
   * the CA that issues people's certificates, concatenated.
   */
  readonly caFile: string;
  /** The coordinator's certificate (chain), PEM. */
  readonly certFile: string;
  /** The coordinator's private key, PEM. */
  readonly keyFile: string;
}

/** PEM text for the coordinator's mTLS listener; see {@link ServerTlsFiles}. */
export interface ServerTlsPem {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** PEM files for a client (worker, SDK, CLI). */
export interface ClientTlsFiles {
  /** CA certificates the coordinator's certificate must chain to. */
  readonly caFile: string;
  /** The client's certificate (chain), PEM; set together with `keyFile`. */
  readonly certFile?: string | undefined;
  /** The client's private key, PEM; set together with `certFile`. */
  readonly keyFile?: string | undefined;
}

/** PEM text for a client; see {@link ClientTlsFiles}. */
export interface ClientTlsPem {
  readonly ca: string;
  readonly cert?: string | undefined;
  readonly key?: string | undefined;
}

/**
 * Server credentials that require and verify a client certificate (mTLS).
 * Handshakes without a certificate, with an expired one, or with one that
 * does not chain to `caFile` fail before any RPC runs.
 *
 * @example
 * ```ts
 * const credentials = serverCredentialsFromFiles({ caFile, certFile, keyFile });
 * server.bindAsync('0.0.0.0:7443', credentials, callback);
 * ```
 *
 * @throws ConfigError naming `caFile`, `certFile` or `keyFile` when a file
 *   cannot be read or does not hold what it should.
 */
export function serverCredentialsFromFiles(files: ServerTlsFiles): ServerCredentials {
  const pem = {
    ca: readPem('caFile', files.caFile),
    cert: readPem('certFile', files.certFile),
    key: readPem('keyFile', files.keyFile),
  };
  return buildServerCredentials(pem, FILE_NAMES);
}

/**
 * {@link serverCredentialsFromFiles} from PEM text.
 *
 * @throws ConfigError naming `ca`, `cert` or `key`.
 */
export function serverCredentialsFromPem(pem: ServerTlsPem): ServerCredentials {
  return buildServerCredentials(pem, PEM_NAMES);
}

/** How errors name the three inputs: the PEM option names or the file option names. */
interface InputNames {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

const PEM_NAMES: InputNames = { ca: 'ca', cert: 'cert', key: 'key' };
const FILE_NAMES: InputNames = { ca: 'caFile', cert: 'certFile', key: 'keyFile' };

function buildServerCredentials(pem: ServerTlsPem, names: InputNames): ServerCredentials {
  requireCertificate(names.ca, pem.ca);
  requireCertificate(names.cert, pem.cert);
  checkPair(names.key, pem.cert, pem.key);
  return ServerCredentials.createSsl(
    Buffer.from(pem.ca),
    [{ cert_chain: Buffer.from(pem.cert), private_key: Buffer.from(pem.key) }],
    true,
  );
}

/**
 * Channel credentials for a worker or SDK client: TLS that verifies the
 * coordinator against `caFile`, presenting the client certificate when one
 * is given.
 *
 * @throws ConfigError naming the option at fault; `certFile` and `keyFile`
 *   must be set together.
 */
export function clientCredentialsFromFiles(files: ClientTlsFiles): ChannelCredentials {
  const pem = {
    ca: readPem('caFile', files.caFile),
    cert: files.certFile === undefined ? undefined : readPem('certFile', files.certFile),
    key: files.keyFile === undefined ? undefined : readPem('keyFile', files.keyFile),
  };
  return buildClientCredentials(pem, FILE_NAMES);
}

/**
 * {@link clientCredentialsFromFiles} from PEM text.
 *
 * @throws ConfigError naming `ca`, `cert` or `key`.
 */
export function clientCredentialsFromPem(pem: ClientTlsPem): ChannelCredentials {
  return buildClientCredentials(pem, PEM_NAMES);
}

function buildClientCredentials(pem: ClientTlsPem, names: InputNames): ChannelCredentials {
  requireCertificate(names.ca, pem.ca);
  if ((pem.cert === undefined) !== (pem.key === undefined)) {
    throw new ConfigError(
      pem.cert === undefined ? names.cert : names.key,
      `${names.cert} and ${names.key} must be set together`,
    );
  }
  if (pem.cert === undefined || pem.key === undefined) {
    return ChannelCredentials.createSsl(Buffer.from(pem.ca));
  }
  requireCertificate(names.cert, pem.cert);
  checkPair(names.key, pem.cert, pem.key);
  return ChannelCredentials.createSsl(
    Buffer.from(pem.ca),
    Buffer.from(pem.key),
    Buffer.from(pem.cert),
  );
}

function readPem(key: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(key, `${key} ${JSON.stringify(path)} cannot be read`, { cause: error });
  }
}

function requireCertificate(key: string, pem: string): void {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(key, `${key} holds no PEM certificate`);
  }
}

/**
 * Lets OpenSSL parse the certificate and key and check that they belong
 * together. The error text (never the key) is kept as the cause.
 */
function checkPair(name: string, cert: string, key: string): void {
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(
      name,
      `${name}: the private key does not parse or does not match the certificate`,
      {
        cause: error,
      },
    );
  }
}
