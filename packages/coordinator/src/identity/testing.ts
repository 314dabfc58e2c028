/**
 * A throw-away PKI for tests, generated in-process with `@peculiar/x509`
 * (ECDSA P-256, SHA-256): the coordinator's TLS CA and a server certificate
 * for `localhost` / `127.0.0.1` / `::1`, one CA per region, and client
 * certificates with Fedra SPIFFE IDs, including the broken ones the auth
 * tests need (expired, issued by a foreign CA). Everything is PEM text.
 *
 * For tests only: the keys live in memory, validity windows are short, and
 * nothing here is hardened. Production certificates come from
 * `fedra pki` or the operators' own CAs.
 *
 * Trust layout, as ARCHITECTURE.md's security model has it: region CAs
 * issue their workers' certificates; the coordinator CA issues the server
 * certificate and people's (scientist, admin) certificates. The server's
 * client-CA bundle is every region CA plus the coordinator CA.
 *
 * @example
 * ```ts
 * const pki = await createTestPki();
 * const server = serverCredentialsFromPem({ ca: pki.clientCaBundle, ...pem(pki.server) });
 * const client = clientCredentialsFromPem({ ca: pki.coordinatorCa.certPem, ...pem(pki.worker) });
 * ```
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '@fedra/common';
import { fedraIdentityUri } from './fedra-identity.js';
import type { FedraIdentityParts } from './fedra-identity.js';
import type { IssuerPolicyOptions } from './issuer-policy.js';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
  x509Crypto,
} from './x509.js';
import type { X509Certificate, X509KeyPair } from './x509.js';

/** A certificate and its private key, both PEM. */
export interface TestCertificate {
  /** The certificate, PEM. */
  readonly certPem: string;
  /** The private key, PKCS#8 PEM. */
  readonly keyPem: string;
  /** The SPIFFE ID in the certificate's URI SAN, when it has exactly one. */
  readonly uri?: string | undefined;
}

/** A CA that can issue more certificates. */
export interface TestCa extends TestCertificate {
  /** The CA's subject distinguished name. */
  readonly subject: string;
}

/** Options for {@link TestPki.issue}: a client certificate with any content. */
export interface IssueOptions {
  /** Who signs it: `'coordinator'`, `'foreign'`, or a region name. */
  readonly issuer: string;
  /** The identity to name; ignored when `uris` is given. */
  readonly identity?: FedraIdentityParts | undefined;
  /** Raw URI SANs, for malformed certificates (none, two, a foreign one). */
  readonly uris?: readonly string[] | undefined;
  /** @default one hour ago */
  readonly notBefore?: Date | undefined;
  /** @default one day from now */
  readonly notAfter?: Date | undefined;
}

/** What {@link createTestPki} returns. */
export interface TestPki {
  /** The federation every identity belongs to. */
  readonly federation: string;
  /** The regions that have a CA. */
  readonly regions: readonly string[];
  /** The coordinator's TLS CA: signs the server certificate and people's certificates. */
  readonly coordinatorCa: TestCa;
  /** The coordinator's server certificate, for localhost, 127.0.0.1 and ::1. */
  readonly server: TestCertificate;
  /** Each region's CA, which issues that region's worker certificates. */
  readonly regionCas: Readonly<Record<string, TestCa>>;
  /** A CA no one trusts. */
  readonly foreignCa: TestCa;
  /** What the server's `caFile` holds: every region CA and the coordinator CA. */
  readonly clientCaBundle: string;
  /** The CAs as an issuer policy (workers by region, people by the coordinator CA). */
  readonly issuerPolicy: IssuerPolicyOptions;
  /** Worker `w1` of the first region. */
  readonly worker: TestCertificate;
  /** Scientist `alice`. */
  readonly scientist: TestCertificate;
  /** Admin `root`. */
  readonly admin: TestCertificate;
  /** Worker `w1` of the first region, expired yesterday. */
  readonly expiredWorker: TestCertificate;
  /** Worker `w1` of the first region, issued by {@link TestPki.foreignCa}. */
  readonly foreignWorker: TestCertificate;
  /** Issues a worker certificate from its region's CA. */
  issueWorker(region: string, workerId: string): Promise<TestCertificate>;
  /** Issues a scientist or admin certificate from the coordinator CA. */
  issuePerson(role: 'scientist' | 'admin', name: string): Promise<TestCertificate>;
  /** Issues a client certificate with any issuer, SANs and validity. */
  issue(options: IssueOptions): Promise<TestCertificate>;
}

/** Options for {@link createTestPki}. */
export interface TestPkiOptions {
  /** @default 'test.fedra' */
  readonly federation?: string | undefined;
  /** Regions that get a CA; the first one's worker is {@link TestPki.worker}. @default ['eu', 'us'] */
  readonly regions?: readonly string[] | undefined;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const HOUR_MS = 3_600_000;

interface Authority {
  readonly certificate: X509Certificate;
  readonly keys: X509KeyPair;
  readonly pem: TestCa;
}

/**
 * Generates a complete test PKI; see the module doc. Takes tens of
 * milliseconds; create one per test file.
 */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const federation = options.federation ?? 'test.fedra';
  const regions = [...(options.regions ?? ['eu', 'us'])];
  const firstRegion = regions[0];
  if (firstRegion === undefined) {
    throw new InvalidArgumentError('regions', 'createTestPki needs at least one region');
  }

  const coordinatorCa = await createAuthority(`CN=Fedra test coordinator CA,O=${federation}`);
  const foreignCa = await createAuthority(`CN=Foreign CA,O=elsewhere`);
  const regionCas = new Map<string, Authority>();
  for (const region of regions) {
    regionCas.set(
      region,
      await createAuthority(`CN=Fedra test region ${region} CA,O=${federation}`),
    );
  }

  const authorityFor = (issuer: string): Authority => {
    if (issuer === 'coordinator') return coordinatorCa;
    if (issuer === 'foreign') return foreignCa;
    const ca = regionCas.get(issuer);
    if (ca === undefined) throw new InvalidArgumentError('issuer', `no test CA named ${issuer}`);
    return ca;
  };

  const issue = async (issueOptions: IssueOptions): Promise<TestCertificate> => {
    const uris =
      issueOptions.uris ??
      (issueOptions.identity === undefined ? [] : [fedraIdentityUri(issueOptions.identity)]);
    return issueLeaf(authorityFor(issueOptions.issuer), {
      subject: `CN=${uris[0] ?? 'no identity'}`,
      sans: uris.map((value) => ({ type: 'url' as const, value })),
      usage: ExtendedKeyUsage.clientAuth,
      notBefore: issueOptions.notBefore,
      notAfter: issueOptions.notAfter,
    });
  };
  const issueWorker = (region: string, workerId: string): Promise<TestCertificate> =>
    issue({ issuer: region, identity: { role: 'worker', federation, region, workerId } });
  const issuePerson = (role: 'scientist' | 'admin', name: string): Promise<TestCertificate> =>
    issue({ issuer: 'coordinator', identity: { role, federation, name } });

  const server = await issueLeaf(coordinatorCa, {
    subject: 'CN=localhost',
    sans: [
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '::1' },
    ],
    usage: ExtendedKeyUsage.serverAuth,
  });
  const now = Date.now();
  const firstWorker = { role: 'worker', federation, region: firstRegion, workerId: 'w1' } as const;

  return Object.freeze({
    federation,
    regions: Object.freeze(regions),
    coordinatorCa: coordinatorCa.pem,
    server,
    regionCas: Object.freeze(
      Object.fromEntries([...regionCas].map(([region, ca]) => [region, ca.pem])),
    ),
    foreignCa: foreignCa.pem,
    clientCaBundle: [
      ...[...regionCas.values()].map((ca) => ca.pem.certPem),
      coordinatorCa.pem.certPem,
    ].join(''),
    issuerPolicy: {
      workers: Object.fromEntries([...regionCas].map(([region, ca]) => [region, [ca.pem.certPem]])),
      scientists: [coordinatorCa.pem.certPem],
      admins: [coordinatorCa.pem.certPem],
    },
    worker: await issueWorker(firstRegion, 'w1'),
    scientist: await issuePerson('scientist', 'alice'),
    admin: await issuePerson('admin', 'root'),
    expiredWorker: await issue({
      issuer: firstRegion,
      identity: firstWorker,
      notBefore: new Date(now - 48 * HOUR_MS),
      notAfter: new Date(now - 24 * HOUR_MS),
    }),
    foreignWorker: await issue({ issuer: 'foreign', identity: firstWorker }),
    issueWorker,
    issuePerson,
    issue,
  });
}

async function generateKeys(): Promise<X509KeyPair> {
  return x509Crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

async function keyPem(keys: X509KeyPair): Promise<string> {
  const pkcs8 = await x509Crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

function serialNumber(): string {
  // Positive (top bit clear) and never zero-led, as RFC 5280 wants.
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

async function createAuthority(name: string): Promise<Authority> {
  const keys = await generateKeys();
  const now = Date.now();
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name,
      notBefore: new Date(now - HOUR_MS),
      notAfter: new Date(now + 7 * 24 * HOUR_MS),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, x509Crypto),
      ],
    },
    x509Crypto,
  );
  return {
    certificate,
    keys,
    pem: { certPem: certificate.toString('pem') + '\n', keyPem: await keyPem(keys), subject: name },
  };
}

interface LeafOptions {
  readonly subject: string;
  readonly sans: ReadonlyArray<{ type: 'url' | 'dns' | 'ip'; value: string }>;
  readonly usage: ExtendedKeyUsage;
  readonly notBefore?: Date | undefined;
  readonly notAfter?: Date | undefined;
}

async function issueLeaf(authority: Authority, options: LeafOptions): Promise<TestCertificate> {
  const keys = await generateKeys();
  const now = Date.now();
  const extensions: Array<
    | BasicConstraintsExtension
    | KeyUsagesExtension
    | ExtendedKeyUsageExtension
    | AuthorityKeyIdentifierExtension
    | SubjectAlternativeNameExtension
  > = [
    new BasicConstraintsExtension(false, undefined, true),
    new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
    new ExtendedKeyUsageExtension([options.usage]),
    await AuthorityKeyIdentifierExtension.create(authority.certificate, false, x509Crypto),
  ];
  if (options.sans.length > 0) {
    extensions.push(new SubjectAlternativeNameExtension([...options.sans]));
  }
  const certificate = await X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: options.subject,
      issuer: authority.certificate.subject,
      notBefore: options.notBefore ?? new Date(now - HOUR_MS),
      notAfter: options.notAfter ?? new Date(now + 24 * HOUR_MS),
      publicKey: keys.publicKey,
      signingKey: authority.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions,
    },
    x509Crypto,
  );
  const uris = options.sans.filter((san) => san.type === 'url').map((san) => san.value);
  return Object.freeze({
    certPem: certificate.toString('pem') + '\n',
    keyPem: await keyPem(keys),
    uri: uris.length === 1 ? uris[0] : undefined,
  });
}
