import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as common from '@fedra/common';
import {
  encodeTensorChunks,
  fromGrpcStatus,
  QuorumNotMetError,
  TensorChunkAssembler,
  tensorDigest,
  toGrpcStatus,
} from '@fedra/common';

describe('@fedra/common entry point', () => {
  it('runs the usage example from index.ts', () => {
    const weights = new Float32Array([0.5, -0, Number.NaN]);
    const assembler = new TensorChunkAssembler({
      dtype: 'float32',
      expectedBytes: weights.byteLength,
      maxBytes: 4 * 10_000_000,
    });
    for (const chunk of encodeTensorChunks(weights)) assembler.push(chunk);
    const received = assembler.finish(tensorDigest(weights)); // Float32Array, bit-exact
    expect(Buffer.from(received.buffer).equals(Buffer.from(weights.buffer))).toBe(true);
  });

  it('lets a client catch the class the server threw', () => {
    const ref = { experimentId: 'e', roundNumber: 1, attempt: 1 };
    const status = toGrpcStatus(new QuorumNotMetError(ref, 2, 3));
    const trailers = new Map(status.metadata.map(([key, value]) => [key, [value]]));
    const error = fromGrpcStatus({
      code: status.code,
      details: status.details,
      metadata: { get: (key) => trailers.get(key) ?? [] },
    });
    expect(error instanceof QuorumNotMetError && error.required).toBe(3);
  });

  it('keeps internals private', () => {
    expect(Object.keys(common)).not.toContain('littleEndianBytes');
    expect(Object.keys(common)).not.toContain('swap32InPlace');
    expect(typeof common.parseConfig).toBe('function');
  });

  it('imports nothing but relative modules, node: built-ins and protobufjs', () => {
    const directory = dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(directory).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources) {
      const text = readFileSync(join(directory, name), 'utf8');
      for (const [, specifier = ''] of text.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)) {
        expect(
          specifier.startsWith('./') || specifier.startsWith('node:') || specifier === 'protobufjs',
          `${name} imports ${specifier}`,
        ).toBe(true);
      }
    }
  });
});
