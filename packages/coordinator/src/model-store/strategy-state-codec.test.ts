import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { createStrategy } from '../strategies/create-strategy.js';
import { STRATEGY_KINDS, type StrategyState } from '../strategies/strategy.js';
import { DirectoryModelStore } from './directory-model-store.js';
import {
  decodeStrategyState,
  encodeStrategyState,
  loadStrategyState,
  storeStrategyState,
} from './strategy-state-codec.js';

function bitsOf(vector: Float32Array | undefined): number[] {
  return vector === undefined ? [] : Array.from(new Uint32Array(Float32Array.from(vector).buffer));
}

const stateArbitrary = fc
  .record({
    kind: fc.constantFrom(...STRATEGY_KINDS),
    params: fc.integer({ min: 0, max: 40 }),
    steps: fc.integer({ min: 0, max: 1e6 }),
    names: fc.uniqueArray(fc.constantFrom('m', 'v', 'velocity', 'extra'), { maxLength: 3 }),
  })
  .chain(({ kind, params, steps, names }) =>
    fc
      .tuple(...names.map(() => fc.uint32Array({ minLength: params, maxLength: params })))
      .map((bitVectors): StrategyState => ({
        kind,
        params,
        steps,
        // Arbitrary bit patterns, NaN payloads and -0 included.
        vectors: Object.fromEntries(
          names.map((n, i) => [n, new Float32Array((bitVectors[i] as Uint32Array).buffer)]),
        ),
      })),
  );

describe('strategy state codec', () => {
  it('round-trips every state bit for bit', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        const decoded = decodeStrategyState(encodeStrategyState(state));
        expect(decoded.kind).toBe(state.kind);
        expect(decoded.params).toBe(state.params);
        expect(decoded.steps).toBe(state.steps);
        expect(Object.keys(decoded.vectors).sort()).toEqual(Object.keys(state.vectors).sort());
        for (const [name, vector] of Object.entries(state.vectors)) {
          expect(bitsOf(decoded.vectors[name])).toEqual(bitsOf(vector));
        }
      }),
    );
  });

  it('encodes the same state to the same bytes whatever the key order', () => {
    const m = Float32Array.of(1, 2);
    const v = Float32Array.of(3, 4);
    const a = encodeStrategyState({ kind: 'fedadam', params: 2, steps: 1, vectors: { m, v } });
    const b = encodeStrategyState({ kind: 'fedadam', params: 2, steps: 1, vectors: { v, m } });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('decodes from an unaligned view', () => {
    const encoded = encodeStrategyState({
      kind: 'fedavgm',
      params: 3,
      steps: 2,
      vectors: { velocity: Float32Array.of(0.5, -1, 2) },
    });
    const shifted = new Uint8Array(encoded.length + 1);
    shifted.set(encoded, 1);
    expect(Array.from(decodeStrategyState(shifted.subarray(1)).vectors['velocity'] ?? [])).toEqual([
      0.5, -1, 2,
    ]);
  });

  it('rejects malformed bytes', () => {
    const good = encodeStrategyState({
      kind: 'fedyogi',
      params: 2,
      steps: 0,
      vectors: { m: new Float32Array(2) },
    });
    const header = (text: string): Uint8Array => {
      const body = new TextEncoder().encode(text);
      const out = new Uint8Array(8 + body.length);
      out.set([0x46, 0x53, 0x53, 0x31]);
      new DataView(out.buffer).setUint32(4, body.length, true);
      out.set(body, 8);
      return out;
    };
    const cases = [
      new Uint8Array(3),
      Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0]),
      good.subarray(0, good.length - 1),
      Uint8Array.from([...good, 0, 0, 0, 0]),
      header('not json'),
      header('{"kind":"fedsgd","params":0,"steps":0,"vectors":[]}'),
      header('{"kind":"fedavg","params":-1,"steps":0,"vectors":[]}'),
      header('{"kind":"fedavg","params":0,"steps":0,"vectors":["m","m"]}'),
    ];
    for (const bytes of cases) {
      expect(() => decodeStrategyState(bytes)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', metadata: { field: 'strategyState' } }),
      );
    }
    expect(() =>
      encodeStrategyState({
        kind: 'fedadam',
        params: 3,
        steps: 0,
        vectors: { m: new Float32Array(2) },
      }),
    ).toThrow(FedraError);
  });

  it('stores a real strategy state in the model store and resumes from it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fedra-state-'));
    try {
      const store = await DirectoryModelStore.open(root);
      const strategy = createStrategy({ kind: 'fedadam' });
      const model = Float32Array.of(0.1, 0.2, 0.3);
      const delta = Float32Array.of(0.01, -0.02, 0.03);
      const step = strategy.apply({ model, meanDelta: delta, state: strategy.initialState(3) });
      const blob = await storeStrategyState(store, step.state);
      const loaded = await loadStrategyState(store, blob.sha256);
      const direct = strategy.apply({ model: step.model, meanDelta: delta, state: step.state });
      const resumed = strategy.apply({ model: step.model, meanDelta: delta, state: loaded });
      expect(Array.from(resumed.model)).toEqual(Array.from(direct.model));
      expect(bitsOf(resumed.state.vectors['v'])).toEqual(bitsOf(direct.state.vectors['v']));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
