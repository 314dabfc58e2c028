import { describe, expect, it } from 'vitest';
import { loadFedraPackage } from '@fedra/proto';
import type { DownloadModelResponse } from '@fedra/proto';
import { acceptPreEncoded, preEncoded } from './pre-encoded.js';

describe('pre-encoded responses', () => {
  const service = loadFedraPackage().fedra.v1.FleetService.service;
  const message: DownloadModelResponse = {
    chunk: { offset: 8, data: Buffer.from([1, 2, 3, 4]), totalBytes: 12, sha256: Buffer.alloc(0) },
  };

  it('sends pre-encoded bytes as they are and serializes everything else as before', () => {
    const wrapped = acceptPreEncoded(service, ['DownloadModel']);
    const method = wrapped['DownloadModel'];
    if (method === undefined) throw new Error('no DownloadModel');
    const bytes = service.DownloadModel.responseSerialize(message);
    expect(method.responseSerialize(preEncoded(bytes))).toBe(bytes);
    expect(Buffer.from(method.responseSerialize(message)).equals(bytes)).toBe(true);
    expect(method.path).toBe(service.DownloadModel.path);
  });

  it('leaves the original definition and other methods alone', () => {
    const wrapped = acceptPreEncoded(service, ['DownloadModel']);
    expect(wrapped['Register']).toBe(service.Register);
    expect(service.DownloadModel.responseSerialize(message)).toBeInstanceOf(Buffer);
    expect(() =>
      service.DownloadModel.responseSerialize(preEncoded(Buffer.from([9])) as never),
    ).not.toThrow();
    expect(
      Buffer.from(
        service.DownloadModel.responseSerialize(preEncoded(Buffer.from([9])) as never),
      ).equals(Buffer.from([9])),
    ).toBe(false);
  });

  it('refuses to wrap a method the service lacks', () => {
    expect(() => acceptPreEncoded(service, ['NoSuchMethod'])).toThrow(/NoSuchMethod/);
  });
});
