import { Client, credentials, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindServer, shutdownServer } from './bind-server.js';
import { fedraServiceNames } from './fedra-services.js';
import { addHealth } from './health.js';
import type { HealthController } from './health.js';

let server: Server;
let client: Client;
let health: HealthController;

beforeAll(async () => {
  server = new Server();
  health = addHealth(server);
  const port = await bindServer(server, 'localhost:0', ServerCredentials.createInsecure());
  client = new Client(`localhost:${port}`, credentials.createInsecure());
});

afterAll(async () => {
  client.close();
  await shutdownServer(server, { graceMs: 1000 });
});

/** Health.Check for `service`: the status name, or the gRPC error code. */
function check(service: string): Promise<string | number> {
  const method = healthService['Check'];
  if (method === undefined) throw new TypeError('grpc-health-check has no Check');
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      { service },
      (error: ServiceError | null, response?: object) => {
        if (error !== null) resolve(error.code);
        else resolve(String(response === undefined ? undefined : Reflect.get(response, 'status')));
      },
    );
  });
}

describe('addHealth', () => {
  it('reports the whole server and each Fedra service', () => {
    expect(fedraServiceNames()).toEqual([
      'fedra.v1.AdminService',
      'fedra.v1.ExperimentService',
      'fedra.v1.FleetService',
    ]);
    expect(health.services).toEqual(['', ...fedraServiceNames()]);
  });

  it('answers SERVING for each of them', async () => {
    for (const service of health.services) expect(await check(service), service).toBe('SERVING');
  });

  it('answers NOT_FOUND for a service it does not know', async () => {
    expect(await check('fedra.v1.NoSuchService')).toBe(status.NOT_FOUND);
  });

  it('switches every service to NOT_SERVING for shutdown, and back', async () => {
    health.setNotServing();
    for (const service of health.services)
      expect(await check(service), service).toBe('NOT_SERVING');
    health.setServing();
    expect(await check('')).toBe('SERVING');
  });

  it('sets one service on its own', async () => {
    health.setStatus('fedra.v1.FleetService', 'NOT_SERVING');
    expect(await check('fedra.v1.FleetService')).toBe('NOT_SERVING');
    expect(await check('fedra.v1.AdminService')).toBe('SERVING');
    health.setServing();
  });
});
