import { Client, credentials, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '@fedra/common';
import { rawMethod } from '../services/testing/raw-method.js';
import { bindServer, shutdownServer } from './bind-server.js';

const hangingService = {
  Hang: rawMethod('/test.Bind/Hang', false, false),
};

describe('bindServer', () => {
  it('resolves with the port it got for :0', async () => {
    const server = new Server();
    const port = await bindServer(server, '127.0.0.1:0', ServerCredentials.createInsecure());
    expect(port).toBeGreaterThan(0);
    await shutdownServer(server);
  });

  it('rejects with UnavailableError when the address is taken', async () => {
    const first = new Server();
    const port = await bindServer(first, '127.0.0.1:0', ServerCredentials.createInsecure());
    const second = new Server();
    await expect(
      bindServer(second, `127.0.0.1:${port}`, ServerCredentials.createInsecure()),
    ).rejects.toBeInstanceOf(UnavailableError);
    await shutdownServer(first);
    await shutdownServer(second);
  });
});

describe('shutdownServer', () => {
  it('cancels calls still running after the grace period', async () => {
    const server = new Server();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    server.addService(hangingService, {
      Hang: () => {
        started();
      },
    });
    const port = await bindServer(server, '127.0.0.1:0', ServerCredentials.createInsecure());
    const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
    const result = new Promise<ServiceError | null>((resolve) => {
      const { path, requestSerialize, responseDeserialize } = hangingService.Hang;
      client.makeUnaryRequest(
        path,
        requestSerialize,
        responseDeserialize,
        Buffer.alloc(0),
        (error) => {
          resolve(error);
        },
      );
    });
    await running;
    await shutdownServer(server, { graceMs: 50 });
    // grpc-js resets the stream: the client sees CANCELLED (or UNAVAILABLE if the connection went first).
    expect([status.CANCELLED, status.UNAVAILABLE]).toContain((await result)?.code);
    client.close();
  });
});
