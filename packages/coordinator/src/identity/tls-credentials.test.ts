import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelCredentials, Client, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@fedra/common';
import { bindServer, shutdownServer } from '../grpc/bind-server.js';
import { addHealth } from '../grpc/health.js';
import { createTestPki } from './testing.js';
import type { TestCertificate, TestPki } from './testing.js';
import {
  clientCredentialsFromFiles,
  clientCredentialsFromPem,
  serverCredentialsFromFiles,
  serverCredentialsFromPem,
} from './tls-credentials.js';

let pki: TestPki;
let dir: string;

beforeAll(async () => {
  pki = await createTestPki({ federation: 'acme' });
  dir = mkdtempSync(join(tmpdir(), 'fedra-tls-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function configKey(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.key;
    throw error;
  }
  return undefined;
}

describe('serverCredentialsFromFiles', () => {
  it('builds mTLS credentials from PEM files', () => {
    const credentials = serverCredentialsFromFiles({
      caFile: file('ca.pem', pki.clientCaBundle),
      certFile: file('server.pem', pki.server.certPem),
      keyFile: file('server.key', pki.server.keyPem),
    });
    expect(credentials).toBeInstanceOf(ServerCredentials);
    expect(credentials._isSecure()).toBe(true);
  });

  it('names the option whose file is missing or wrong', () => {
    const ca = file('ca2.pem', pki.clientCaBundle);
    const cert = file('server2.pem', pki.server.certPem);
    const key = file('server2.key', pki.server.keyPem);
    const otherKey = file('worker.key', pki.worker.keyPem);
    expect(
      configKey(() =>
        serverCredentialsFromFiles({ caFile: join(dir, 'absent'), certFile: cert, keyFile: key }),
      ),
    ).toBe('caFile');
    expect(
      configKey(() => serverCredentialsFromFiles({ caFile: ca, certFile: key, keyFile: key })),
    ).toBe('certFile');
    expect(
      configKey(() =>
        serverCredentialsFromFiles({ caFile: ca, certFile: cert, keyFile: otherKey }),
      ),
    ).toBe('keyFile');
    expect(
      configKey(() => serverCredentialsFromFiles({ caFile: ca, certFile: cert, keyFile: ca })),
    ).toBe('keyFile');
  });

  it('never puts key material in the error message', () => {
    const ca = file('ca3.pem', pki.clientCaBundle);
    const cert = file('server3.pem', pki.server.certPem);
    const otherKey = file('worker3.key', pki.worker.keyPem);
    try {
      serverCredentialsFromFiles({ caFile: ca, certFile: cert, keyFile: otherKey });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('PRIVATE KEY');
      expect((error as Error).message).not.toContain(pki.worker.keyPem.slice(40, 80));
    }
  });
});

describe('clientCredentialsFromFiles', () => {
  it('builds TLS credentials with and without a client certificate', () => {
    const caFile = file('coordinator-ca.pem', pki.coordinatorCa.certPem);
    expect(clientCredentialsFromFiles({ caFile })).toBeInstanceOf(ChannelCredentials);
    expect(
      clientCredentialsFromFiles({
        caFile,
        certFile: file('w.pem', pki.worker.certPem),
        keyFile: file('w.key', pki.worker.keyPem),
      })._isSecure(),
    ).toBe(true);
  });

  it('wants certFile and keyFile together', () => {
    const caFile = file('coordinator-ca2.pem', pki.coordinatorCa.certPem);
    expect(
      configKey(() =>
        clientCredentialsFromFiles({ caFile, certFile: file('w2.pem', pki.worker.certPem) }),
      ),
    ).toBe('keyFile');
    expect(
      configKey(() =>
        clientCredentialsFromFiles({ caFile, keyFile: file('w2.key', pki.worker.keyPem) }),
      ),
    ).toBe('certFile');
  });
});

describe('the mTLS handshake', () => {
  let server: Server;
  let address: string;

  beforeAll(async () => {
    server = new Server();
    addHealth(server);
    const credentials = serverCredentialsFromPem({
      ca: pki.clientCaBundle,
      cert: pki.server.certPem,
      key: pki.server.keyPem,
    });
    address = `localhost:${await bindServer(server, 'localhost:0', credentials)}`;
  });

  afterAll(async () => {
    await shutdownServer(server, { graceMs: 1000 });
  });

  /** Calls Health.Check with the given client certificate; resolves with the status code. */
  function check(certificate: TestCertificate | undefined): Promise<number> {
    const credentials = clientCredentialsFromPem({
      ca: pki.coordinatorCa.certPem,
      cert: certificate?.certPem,
      key: certificate?.keyPem,
    });
    const client = new Client(address, credentials);
    const method = healthService['Check'];
    if (method === undefined) throw new TypeError('health service has no Check');
    return new Promise<number>((resolve) => {
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        { service: '' },
        { deadline: Date.now() + 10_000 },
        (error: ServiceError | null) => {
          client.close();
          resolve(error === null ? status.OK : error.code);
        },
      );
    });
  }

  it('accepts a valid worker, scientist and admin certificate', async () => {
    expect(await check(pki.worker)).toBe(status.OK);
    expect(await check(pki.scientist)).toBe(status.OK);
    expect(await check(pki.admin)).toBe(status.OK);
    expect(await check(await pki.issueWorker('us', 'w2'))).toBe(status.OK);
  });

  it('fails the handshake without a client certificate', async () => {
    expect(await check(undefined)).toBe(status.UNAVAILABLE);
  });

  it('fails the handshake with an expired certificate', async () => {
    expect(await check(pki.expiredWorker)).toBe(status.UNAVAILABLE);
  });

  it('fails the handshake with a certificate from a foreign CA', async () => {
    expect(await check(pki.foreignWorker)).toBe(status.UNAVAILABLE);
  });

  it('refuses a client that does not trust the coordinator', async () => {
    const client = new Client(
      address,
      clientCredentialsFromPem({
        ca: pki.foreignCa.certPem,
        cert: pki.worker.certPem,
        key: pki.worker.keyPem,
      }),
    );
    const method = healthService['Check'];
    if (method === undefined) throw new TypeError('health service has no Check');
    const code = await new Promise<number>((resolve) => {
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        { service: '' },
        { deadline: Date.now() + 10_000 },
        (error: ServiceError | null) => {
          client.close();
          resolve(error === null ? status.OK : error.code);
        },
      );
    });
    expect(code).toBe(status.UNAVAILABLE);
  });
});
