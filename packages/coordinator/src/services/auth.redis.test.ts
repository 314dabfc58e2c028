/**
 * Authentication and authorization over real mutual TLS against the real
 * Coordinator: handshakes without a client certificate, with an expired
 * one or with one from a foreign CA fail; a worker certificate calling any
 * ExperimentService or AdminService RPC, and a scientist calling any
 * AdminService RPC, gets PERMISSION_DENIED with its `fedra-error-code`
 * (every RPC of the loaded service definitions, so a new one cannot be
 * forgotten); a worker cannot act for another worker id.
 */
import { Client, status } from '@grpc/grpc-js';
import type { MethodDefinition, ServiceDefinition, ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFedraPackageDefinition } from '@fedra/proto';
import { SECAGG_SUITE } from '@fedra/secagg';
import { clientCredentialsFromPem } from '../identity/tls-credentials.js';
import { createTestPki } from '../identity/testing.js';
import type { TestCertificate, TestPki } from '../identity/testing.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import {
  rawClientStream,
  rawServerStream,
  rawUnary,
  refusalMismatch,
} from './testing/hostile-requests.js';
import { connectMtls, startMtlsCoordinator } from './testing/mtls-fixture.js';
import { refused, unary } from './testing/test-clients.js';
import type { TestClients } from './testing/test-clients.js';

let pki: TestPki;
let f: CoordinatorFixture;
let address: string;
const opened: (TestClients | Client)[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  f = await startMtlsCoordinator(pki, 0);
  address = `127.0.0.1:${String(f.coordinator.port)}`;
}, 60_000);

afterAll(async () => {
  for (const client of opened) client.close();
  await f.close();
});

function clients(certificate: TestCertificate | undefined): TestClients {
  const connected = connectMtls(pki, address, certificate);
  opened.push(connected);
  return connected;
}

/** A service's methods, from the loaded definitions. */
function methodsOf(service: string): [string, MethodDefinition<object, object>][] {
  const definition = loadFedraPackageDefinition()[`fedra.v1.${service}`] as ServiceDefinition;
  return Object.entries(definition) as [string, MethodDefinition<object, object>][];
}

/** Calls `method` with an empty request (one, for client streams) and resolves with its error. */
function callEmpty(
  client: Client,
  method: MethodDefinition<object, object>,
): Promise<ServiceError | null> {
  const { path, requestSerialize: serialize, responseDeserialize: deserialize } = method;
  if (method.requestStream) {
    if (method.responseStream) {
      const call = client.makeBidiStreamRequest(path, serialize, deserialize);
      call.write({});
      call.end();
      return rawServerStream(call);
    }
    return rawClientStream(
      (metadata, callback) =>
        client.makeClientStreamRequest(path, serialize, deserialize, metadata, callback),
      '',
      [{}],
    );
  }
  if (method.responseStream) {
    return rawServerStream(client.makeServerStreamRequest(path, serialize, deserialize, {}));
  }
  return rawUnary(
    (metadata, callback) =>
      client.makeUnaryRequest(path, serialize, deserialize, {}, metadata, callback),
    '',
  );
}

/** One line per RPC of `services` that `certificate` was not refused with PERMISSION_DENIED. */
async function notDenied(
  certificate: TestCertificate,
  services: readonly string[],
): Promise<{ calls: number; failures: string[] }> {
  const client = new Client(
    address,
    clientCredentialsFromPem({
      ca: pki.coordinatorCa.certPem,
      cert: certificate.certPem,
      key: certificate.keyPem,
    }),
  );
  opened.push(client);
  const failures: string[] = [];
  let calls = 0;
  for (const service of services) {
    for (const [name, method] of methodsOf(service)) {
      calls += 1;
      const mismatch = refusalMismatch(await callEmpty(client, method), 'PERMISSION_DENIED');
      if (mismatch !== undefined) failures.push(`${service}.${name}: ${mismatch}`);
    }
  }
  return { calls, failures };
}

const REGISTER = {
  protocolVersion: 1,
  secaggSuites: [SECAGG_SUITE],
  backend: 'TRAINING_BACKEND_TFJS_CPU' as const,
  datasets: [{ name: 'toy', inputShape: [4], numClasses: 2, exampleCount: 10 }],
  workerVersion: 'test',
};

describe('mTLS against the Coordinator', () => {
  it('fails the handshake without a client certificate, with an expired one, or with a foreign one', async () => {
    // The control: a valid worker certificate gets through.
    const registered = await unary<{ workerId: string }>(
      (m, cb) => clients(pki.worker).fleet.register(REGISTER, m, cb),
      '',
    );
    expect(registered.workerId).toBe('w1');
    for (const certificate of [undefined, pki.expiredWorker, pki.foreignWorker]) {
      const error = await refused(
        unary((m, cb) => clients(certificate).fleet.register(REGISTER, m, cb), ''),
      );
      expect(error.grpcStatus, certificate?.uri ?? 'no certificate').toBe(status.UNAVAILABLE);
    }
  });

  it('denies a worker every ExperimentService and AdminService RPC', async () => {
    const { calls, failures } = await notDenied(pki.worker, ['ExperimentService', 'AdminService']);
    expect(failures).toEqual([]);
    expect(calls).toBe(methodsOf('ExperimentService').length + methodsOf('AdminService').length);
    expect(calls).toBeGreaterThan(10);
  });

  it('denies a scientist every AdminService RPC', async () => {
    const { calls, failures } = await notDenied(pki.scientist, ['AdminService']);
    expect(failures).toEqual([]);
    expect(calls).toBe(methodsOf('AdminService').length);
  });

  it('does not let a worker act for another worker id', async () => {
    const w2 = await pki.issueWorker('us', 'w2');
    const asW1 = clients(pki.worker).fleet;
    const asW2 = clients(w2).fleet;
    const second = await unary<{ workerId: string; sessionId: string }>(
      (m, cb) => asW2.register(REGISTER, m, cb),
      '',
    );
    // The insecure identity header is ignored under mTLS: the certificate names the caller.
    const first = await unary<{ workerId: string; sessionId: string }>(
      (m, cb) => asW1.register(REGISTER, m, cb),
      'spiffe://test.fedra/region/us/worker/w2',
    );
    expect([first.workerId, second.workerId]).toEqual(['w1', 'w2']);
    const registry = f.coordinator.context.registry;
    const before = await registry.find('w2');

    const heartbeat = await refused(
      unary(
        (m, cb) =>
          asW1.heartbeat({ sessionId: second.sessionId, activity: 'WORKER_ACTIVITY_BUSY' }, m, cb),
        '',
      ),
    );
    expect(heartbeat.code).toBe('SESSION_NOT_FOUND');
    const tasks = await rawServerStream(asW1.streamTasks({ sessionId: second.sessionId }));
    expect(refusalMismatch(tasks, 'SESSION_NOT_FOUND')).toBeUndefined();
    const header = {
      experimentId: 'x0123456789abcdef',
      roundNumber: 1,
      attempt: 1,
      stage: 'STAGE_SETUP' as const,
      sender: 'w2',
    };
    const submit = await rawUnary(
      (m, cb) =>
        asW1.submitSetup(
          {
            setup: {
              header,
              encryptionPublicKey: Buffer.alloc(32, 1),
              maskingPublicKey: Buffer.alloc(32, 2),
              signature: Buffer.alloc(64, 3),
            },
          },
          m,
          cb,
        ),
      'spiffe://test.fedra/region/us/worker/w2',
    );
    expect(refusalMismatch(submit, 'IDENTITY_MISMATCH')).toBeUndefined();
    const upload = await rawClientStream((m, cb) => asW1.uploadMasked(m, cb), '', [
      { start: { header: { ...header, stage: 'STAGE_COLLECT_MASKED' }, totalBytes: 4 } },
    ]);
    expect(refusalMismatch(upload, 'IDENTITY_MISMATCH')).toBeUndefined();

    // w2's registration is untouched: same session, no heartbeat from w1 counted.
    const after = await registry.find('w2');
    expect(after?.sessionId).toBe(second.sessionId);
    expect(after?.lastHeartbeatMs).toBe(before?.lastHeartbeatMs);
    expect(after?.region).toBe('us');
  });
});
