/**
 * Loading the region policy from disk: the file itself, and the region CA
 * certificates its `trust` section pins. Both are read once at start; a
 * policy that names a missing, unreadable, non-CA or expired certificate
 * stops the worker with an error naming the key, instead of failing later
 * when the first peer's key arrives.
 *
 * @module
 */
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '@fedra/common';
import { parseRegionPolicy } from './region-policy.js';
import type { RegionPolicy, TrustConfig } from './region-policy.js';

/** Largest policy or CA file read, in bytes; both are small text files. */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/** Options for {@link loadRegionPolicy}. */
export interface LoadRegionPolicyOptions {
  /**
   * Relative dataset paths are resolved against this directory (the
   * worker's data directory).
   * @default the policy file's directory
   */
  readonly dataDir?: string;
  /**
   * The time certificate validity is checked at.
   * @default new Date()
   */
  readonly now?: Date;
}

/** One pinned region CA. */
export interface RegionCa {
  /** The region whose workers this CA issues. */
  readonly region: string;
  /** Where the certificate was read from. */
  readonly path: string;
  /** The certificate, PEM. */
  readonly pem: string;
  /** SHA-256 fingerprint (colon-separated hex), for logs and audits. */
  readonly fingerprint256: string;
  /** The certificate's subject, for logs. */
  readonly subject: string;
  /** End of validity, ISO 8601. */
  readonly notAfter: string;
}

/** The federation trust bundle: the region CAs peers' identity keys must chain to. */
export interface TrustBundle {
  /** The federation name (SPIFFE trust domain). */
  readonly federation: string;
  /** Pinned CAs by region. */
  readonly regionCas: Readonly<Record<string, RegionCa>>;
}

/**
 * Reads and validates the region policy at `path`, then opens every CA the
 * trust section pins (see {@link loadTrustBundle}) so a broken bundle fails
 * at start.
 *
 * @throws ConfigError naming the key (`''` for the file itself) when the
 *   file cannot be read or is invalid, or a pinned CA is unusable.
 */
export async function loadRegionPolicy(
  path: string,
  options: LoadRegionPolicyOptions = {},
): Promise<RegionPolicy> {
  const text = await readSmallText(path, '');
  const policy = parseRegionPolicy(text, {
    sourcePath: path,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
  await loadTrustBundle(policy.trust, options);
  return policy;
}

/**
 * Reads the region CA certificates a policy pins. Each file must hold
 * exactly one X.509 certificate, marked as a CA, valid at `now`.
 *
 * @throws ConfigError (`trust.regionCas.<region>`) for a file that is
 *   missing, too large, not one PEM certificate, not a CA, or out of its
 *   validity window.
 */
export async function loadTrustBundle(
  trust: TrustConfig,
  options: Pick<LoadRegionPolicyOptions, 'now'> = {},
): Promise<TrustBundle> {
  const now = options.now ?? new Date();
  const regionCas: Record<string, RegionCa> = {};
  for (const [region, path] of Object.entries(trust.regionCas)) {
    const key = `trust.regionCas.${region}`;
    const fail = (message: string, cause?: unknown): never => {
      throw new ConfigError(key, `${key}: ${path}: ${message}`, { cause });
    };
    const pem = await readSmallText(path, key);
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
    if (blocks !== 1) fail(`must hold exactly one PEM certificate, found ${blocks}`);
    let cert: X509Certificate | undefined;
    try {
      cert = new X509Certificate(pem);
    } catch (error) {
      fail('is not a readable X.509 certificate', error);
    }
    const ca = cert as X509Certificate;
    if (!ca.ca) fail('is not a CA certificate (basic constraints CA:TRUE is missing)');
    const notBefore = new Date(ca.validFrom);
    const notAfter = new Date(ca.validTo);
    if (now < notBefore) fail(`is not valid before ${notBefore.toISOString()}`);
    if (now > notAfter) fail(`expired on ${notAfter.toISOString()}`);
    regionCas[region] = Object.freeze({
      region,
      path,
      pem,
      fingerprint256: ca.fingerprint256,
      subject: ca.subject,
      notAfter: notAfter.toISOString(),
    });
  }
  return Object.freeze({ federation: trust.federation, regionCas: Object.freeze(regionCas) });
}

async function readSmallText(path: string, key: string): Promise<string> {
  const where = key === '' ? `policy file ${path}` : `${key}: ${path}`;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ConfigError(key, `${where} is not a regular file`);
    if (info.size > MAX_POLICY_FILE_BYTES) {
      throw new ConfigError(key, `${where} is larger than ${MAX_POLICY_FILE_BYTES} bytes`);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(key, `${where} cannot be read (${code})`, { cause: error });
  }
}
