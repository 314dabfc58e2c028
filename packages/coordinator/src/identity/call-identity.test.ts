import { X509Certificate } from 'node:crypto';
import { credentials, Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  fromGrpcStatus,
  PermissionDeniedError,
  silentLogger,
  UnauthenticatedError,
} from '@fedra/common';
import type { Logger } from '@fedra/common';
import { loadFedraPackage } from '@fedra/proto';
import type {
  AdminServiceHandlers,
  FleetServiceHandlers,
  RegisterResponseOutput,
} from '@fedra/proto';
import { bindServer, shutdownServer } from '../grpc/bind-server.js';
import { createRpcGuard, wrapUnary } from '../grpc/wrap-handlers.js';
import { CallAuthenticator, identityFromCall, INSECURE_IDENTITY_HEADER } from './call-identity.js';
import type { IdentifiableCall } from './call-identity.js';
import { InvalidIdentityError } from './identity-error.js';
import type { IdentityErrorReason } from './identity-error.js';
import { IssuerPolicy } from './issuer-policy.js';
import { requireRole } from './roles.js';
import { createTestPki } from './testing.js';
import type { TestCertificate, TestPki } from './testing.js';
import { clientCredentialsFromPem, serverCredentialsFromPem } from './tls-credentials.js';

let pki: TestPki;

beforeAll(async () => {
  pki = await createTestPki({ federation: 'acme' });
});

/** A call as grpc-js hands it to a handler, with or without a verified peer certificate. */
function fakeCall(
  certificate?: TestCertificate,
  headers: Record<string, string | string[]> = {},
): IdentifiableCall {
  const metadata = new Metadata();
  for (const [key, values] of Object.entries(headers)) {
    for (const value of Array.isArray(values) ? values : [values]) metadata.add(key, value);
  }
  const peer =
    certificate === undefined
      ? undefined
      : new X509Certificate(certificate.certPem).toLegacyObject();
  return {
    metadata,
    getAuthContext: () =>
      peer === undefined ? {} : { transportSecurityType: 'ssl', sslPeerCertificate: peer },
  };
}

function reasonOf(run: () => unknown): IdentityErrorReason | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidIdentityError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('identityFromCall', () => {
  const secure = { federation: 'acme', insecure: false } as const;
  const insecure = { federation: 'acme', insecure: true } as const;

  it('takes the identity from the peer certificate', () => {
    expect(identityFromCall(fakeCall(pki.worker), secure)).toMatchObject({
      role: 'worker',
      region: 'eu',
      workerId: 'w1',
    });
  });

  it('ignores the insecure header when a certificate is present, in either mode', () => {
    const forged = { [INSECURE_IDENTITY_HEADER]: 'spiffe://acme/admin/root' };
    expect(identityFromCall(fakeCall(pki.worker, forged), secure).role).toBe('worker');
    expect(identityFromCall(fakeCall(pki.worker, forged), insecure).role).toBe('worker');
  });

  it('refuses a call without a certificate in secure mode, header or not', () => {
    expect(reasonOf(() => identityFromCall(fakeCall(), secure))).toBe('missing');
    expect(
      reasonOf(() =>
        identityFromCall(
          fakeCall(undefined, { [INSECURE_IDENTITY_HEADER]: 'spiffe://acme/admin/root' }),
          secure,
        ),
      ),
    ).toBe('missing');
  });

  it('in insecure mode takes the identity from the header', () => {
    const call = fakeCall(undefined, {
      [INSECURE_IDENTITY_HEADER]: 'spiffe://acme/region/us/worker/w5',
    });
    expect(identityFromCall(call, insecure)).toMatchObject({ region: 'us', workerId: 'w5' });
  });

  it('in insecure mode checks the header like a certificate URI', () => {
    expect(
      reasonOf(() =>
        identityFromCall(
          fakeCall(undefined, { [INSECURE_IDENTITY_HEADER]: 'spiffe://other/admin/root' }),
          insecure,
        ),
      ),
    ).toBe('wrong-federation');
    expect(
      reasonOf(() =>
        identityFromCall(
          fakeCall(undefined, {
            [INSECURE_IDENTITY_HEADER]: ['spiffe://acme/admin/a', 'spiffe://acme/admin/b'],
          }),
          insecure,
        ),
      ),
    ).toBe('malformed');
    expect(reasonOf(() => identityFromCall(fakeCall(), insecure))).toBe('missing');
  });

  it('in insecure mode falls back to insecureIdentity', () => {
    const options = { ...insecure, insecureIdentity: 'spiffe://acme/scientist/dev' };
    expect(identityFromCall(fakeCall(), options)).toMatchObject({ role: 'scientist', name: 'dev' });
  });

  it('refuses contradictory options', () => {
    expect(() =>
      identityFromCall(fakeCall(pki.worker), {
        ...secure,
        insecureIdentity: 'spiffe://acme/admin/x',
      }),
    ).toThrow(ConfigError);
    expect(() =>
      identityFromCall(fakeCall(), { ...insecure, insecureIdentity: 'spiffe://other/admin/x' }),
    ).toThrow(ConfigError);
  });

  it('checks validity at the time of the call, for connections that outlive their certificate', () => {
    const notAfter = new Date(new X509Certificate(pki.worker.certPem).validTo);
    const later = { ...secure, now: () => new Date(notAfter.getTime() + 1000) };
    expect(reasonOf(() => identityFromCall(fakeCall(pki.worker), later))).toBe('expired');
  });

  it('applies the issuer policy', async () => {
    const minted = await pki.issue({
      issuer: 'eu',
      identity: { role: 'admin', federation: 'acme', name: 'eve' },
    });
    const issuers = IssuerPolicy.fromPem(pki.issuerPolicy);
    expect(identityFromCall(fakeCall(minted), secure).role).toBe('admin');
    expect(reasonOf(() => identityFromCall(fakeCall(minted), { ...secure, issuers }))).toBe(
      'untrusted-issuer',
    );
  });
});

describe('CallAuthenticator', () => {
  it('caches what it learned from a certificate, but checks validity on every call', () => {
    let now = new Date();
    const authenticator = new CallAuthenticator({
      federation: 'acme',
      insecure: false,
      now: () => now,
    });
    const first = authenticator.identify(fakeCall(pki.worker));
    expect(authenticator.identify(fakeCall(pki.worker))).toBe(first);
    now = new Date(Date.now() + 10 * 86_400_000);
    expect(reasonOf(() => authenticator.identify(fakeCall(pki.worker)))).toBe('expired');
  });

  it('evicts the least recently used certificate when full', () => {
    const authenticator = new CallAuthenticator({
      federation: 'acme',
      insecure: false,
      cacheSize: 1,
    });
    const worker = authenticator.identify(fakeCall(pki.worker));
    authenticator.identify(fakeCall(pki.admin));
    const again = authenticator.identify(fakeCall(pki.worker));
    expect(again).toEqual(worker);
    expect(again).not.toBe(worker);
  });

  it('warns once that insecure mode is for development only', () => {
    const warnings: object[] = [];
    const logger = {
      warn: (obj: object) => warnings.push(obj),
    } as unknown as Logger;
    const authenticator = new CallAuthenticator({ federation: 'acme', insecure: true, logger });
    expect(authenticator.insecure).toBe(true);
    expect(warnings).toEqual([{ federation: 'acme', header: INSECURE_IDENTITY_HEADER }]);
  });

  it('refuses a negative cache size', () => {
    expect(
      () => new CallAuthenticator({ federation: 'acme', insecure: false, cacheSize: -1 }),
    ).toThrow(ConfigError);
  });
});

describe('identity and roles over real mTLS', () => {
  let server: Server;
  let address: string;
  const { FleetService, AdminService } = loadFedraPackage().fedra.v1;

  beforeAll(async () => {
    const authenticator = new CallAuthenticator({
      federation: 'acme',
      insecure: false,
      issuers: IssuerPolicy.fromPem(pki.issuerPolicy),
    });
    const options = { logger: silentLogger, guard: createRpcGuard(authenticator) };
    server = new Server();
    const fleet = {
      Register: wrapUnary((_call, { identity, rpc }) => {
        requireRole(identity, rpc, 'worker');
        return { workerId: identity.workerId, region: identity.region, sessionId: 's' };
      }, options),
    } satisfies Partial<FleetServiceHandlers>;
    const admin = {
      GetClusterStatus: wrapUnary(() => ({ replicas: [] }), options),
    } satisfies Partial<AdminServiceHandlers>;
    server.addService(FleetService.service, fleet);
    server.addService(AdminService.service, admin);
    const serverCredentials = serverCredentialsFromPem({
      ca: pki.clientCaBundle,
      cert: pki.server.certPem,
      key: pki.server.keyPem,
    });
    address = `localhost:${await bindServer(server, 'localhost:0', serverCredentials)}`;
  });

  afterAll(async () => {
    await shutdownServer(server, { graceMs: 1000 });
  });

  function clientCredentials(
    certificate: TestCertificate,
  ): ReturnType<typeof credentials.createSsl> {
    return clientCredentialsFromPem({
      ca: pki.coordinatorCa.certPem,
      cert: certificate.certPem,
      key: certificate.keyPem,
    });
  }

  function register(
    certificate: TestCertificate,
    metadata = new Metadata(),
  ): Promise<RegisterResponseOutput> {
    const client = new FleetService(address, clientCredentials(certificate));
    return new Promise((resolve, reject) => {
      client.register({ protocolVersion: 1 }, metadata, (error, response) => {
        client.close();
        if (error !== null) reject(error);
        else if (response === undefined) reject(new TypeError('no response'));
        else resolve(response);
      });
    });
  }

  function clusterStatus(certificate: TestCertificate): Promise<ServiceError | null> {
    const client = new AdminService(address, clientCredentials(certificate));
    return new Promise((resolve) => {
      client.getClusterStatus({}, (error) => {
        client.close();
        resolve(error);
      });
    });
  }

  it('takes region and worker id from the certificate, whatever the request claims', async () => {
    const forged = new Metadata();
    forged.set(INSECURE_IDENTITY_HEADER, 'spiffe://acme/region/us/worker/evil');
    const response = await register(pki.worker, forged);
    expect(response).toMatchObject({ workerId: 'w1', region: 'eu' });
    const usWorker = await pki.issueWorker('us', 'w42');
    expect(await register(usWorker)).toMatchObject({ workerId: 'w42', region: 'us' });
  });

  it('gives a worker calling an admin RPC PERMISSION_DENIED with fedra-error-code', async () => {
    const error = await clusterStatus(pki.worker);
    expect(error?.code).toBe(status.PERMISSION_DENIED);
    expect(error?.metadata.get('fedra-error-code')).toEqual(['PERMISSION_DENIED']);
    expect(error?.details).toBe(
      'role worker may not call /fedra.v1.AdminService/GetClusterStatus (allowed: admin)',
    );
    expect(error === null ? undefined : fromGrpcStatus(error)).toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('gives a scientist calling an admin RPC PERMISSION_DENIED, and lets the admin in', async () => {
    expect((await clusterStatus(pki.scientist))?.code).toBe(status.PERMISSION_DENIED);
    expect(await clusterStatus(pki.admin)).toBeNull();
  });

  it('refuses an admin certificate minted by a region CA as UNAUTHENTICATED', async () => {
    const minted = await pki.issue({
      issuer: 'eu',
      identity: { role: 'admin', federation: 'acme', name: 'eve' },
    });
    const error = await clusterStatus(minted);
    expect(error?.code).toBe(status.UNAUTHENTICATED);
    const received = error === null ? undefined : fromGrpcStatus(error);
    expect(received).toBeInstanceOf(UnauthenticatedError);
    expect(received?.metadata).toMatchObject({ reason: 'untrusted-issuer' });
  });

  it('serves insecure development servers from the header', async () => {
    const devServer = new Server();
    const authenticator = new CallAuthenticator({ federation: 'acme', insecure: true });
    devServer.addService(FleetService.service, {
      Register: wrapUnary(
        (_call, { identity }) => ({
          workerId: identity.role === 'worker' ? identity.workerId : '',
        }),
        { logger: silentLogger, guard: createRpcGuard(authenticator) },
      ),
    } satisfies Partial<FleetServiceHandlers>);
    const port = await bindServer(devServer, '127.0.0.1:0', ServerCredentials.createInsecure());
    const client = new FleetService(`127.0.0.1:${port}`, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set(INSECURE_IDENTITY_HEADER, 'spiffe://acme/region/eu/worker/dev1');
    const response = await new Promise<RegisterResponseOutput | undefined>((resolve, reject) => {
      client.register({}, metadata, (error, value) => {
        if (error !== null) reject(error);
        else resolve(value);
      });
    });
    client.close();
    await shutdownServer(devServer, { graceMs: 1000 });
    expect(response?.workerId).toBe('dev1');
  });
});
