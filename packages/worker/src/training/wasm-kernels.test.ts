import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../data/seeded-random.js';
import { selectBackend } from './backend.js';
import { registerWasmKernels } from './wasm-kernels.js';

type Pad = 'same' | 'valid';

interface ConvCase {
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: [number, number];
  readonly pad: Pad;
  readonly kind: 'conv2d' | 'fused' | 'depthwise';
}

interface Grads {
  readonly dx: Float32Array;
  readonly dw: Float32Array;
}

function random(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng() * 2 - 1);
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Gradients of sum(conv(x, w) * r) with respect to x and w on the active backend. */
function convGrads(c: ConvCase, seed: number): Grads {
  return tf.tidy(() => {
    const x = tf.tensor4d(random(size(c.x), seed), c.x);
    const w = tf.tensor4d(random(size(c.filter), seed + 1), c.filter);
    const forward = (a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D => {
      switch (c.kind) {
        case 'conv2d':
          return tf.conv2d(a, b, c.strides, c.pad);
        case 'fused':
          return tf.fused.conv2d({
            x: a,
            filter: b,
            strides: c.strides,
            pad: c.pad,
            bias: tf.fill([c.filter[3]], 0.1),
            activation: 'relu',
          });
        case 'depthwise':
          return tf.depthwiseConv2d(a, b, c.strides, c.pad);
      }
    };
    const outShape = forward(x, w).shape;
    const r = tf.tensor(random(size(outShape), seed + 2), outShape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(forward(a as tf.Tensor4D, b as tf.Tensor4D), r)),
    )([x, w]);
    return {
      dx: (dx as tf.Tensor).dataSync() as Float32Array,
      dw: (dw as tf.Tensor).dataSync() as Float32Array,
    };
  });
}

let worst = 0;

/** Asserts |wasm - cpu| <= 1e-3 x max(1, max|cpu|) and returns the scaled error. */
function expectClose(actual: Float32Array, reference: Float32Array, label: string): void {
  expect(actual.length, label).toBe(reference.length);
  let maxRef = 0;
  let maxDiff = 0;
  for (let i = 0; i < reference.length; i++) {
    maxRef = Math.max(maxRef, Math.abs(reference[i] as number));
    maxDiff = Math.max(maxDiff, Math.abs((actual[i] as number) - (reference[i] as number)));
  }
  const scaled = maxDiff / Math.max(1, maxRef);
  worst = Math.max(worst, scaled);
  expect(scaled, `${label}: max |wasm - cpu| / max(1, max|cpu|)`).toBeLessThanOrEqual(1e-3);
}

async function compare(c: ConvCase, seed: number): Promise<void> {
  await tf.setBackend('cpu');
  const reference = convGrads(c, seed);
  await tf.setBackend('wasm');
  const actual = convGrads(c, seed);
  const label = `${c.kind} x=${c.x.join('x')} f=${c.filter.join('x')} s=${c.strides.join(',')} ${c.pad}`;
  expectClose(actual.dw, reference.dw, `${label} filter gradient`);
  expectClose(actual.dx, reference.dx, `${label} input gradient`);
}

const FIXED: ConvCase[] = [
  { kind: 'conv2d', x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { kind: 'conv2d', x: [3, 8, 8, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'same' },
  { kind: 'conv2d', x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 'valid' },
  { kind: 'conv2d', x: [2, 6, 5, 1], filter: [2, 3, 1, 3], strides: [1, 1], pad: 'valid' },
  { kind: 'conv2d', x: [2, 10, 11, 4], filter: [5, 5, 4, 2], strides: [3, 2], pad: 'same' },
  { kind: 'conv2d', x: [4, 12, 12, 8], filter: [3, 3, 8, 16], strides: [1, 1], pad: 'valid' },
  { kind: 'fused', x: [2, 8, 8, 3], filter: [3, 3, 3, 6], strides: [1, 1], pad: 'same' },
  { kind: 'fused', x: [2, 9, 9, 2], filter: [3, 3, 2, 4], strides: [2, 2], pad: 'valid' },
  { kind: 'depthwise', x: [2, 7, 7, 3], filter: [3, 3, 3, 2], strides: [1, 1], pad: 'same' },
  { kind: 'depthwise', x: [3, 9, 9, 2], filter: [3, 3, 2, 1], strides: [2, 2], pad: 'valid' },
  { kind: 'depthwise', x: [2, 8, 10, 4], filter: [3, 2, 4, 3], strides: [2, 2], pad: 'same' },
];

describe('wasm gradient kernels', () => {
  beforeAll(async () => {
    const selection = await selectBackend({ backend: 'wasm' });
    expect(selection.backend).toBe('wasm');
  });

  afterAll(() => {
    console.info(`wasm vs cpu conv gradients: worst scaled error ${worst.toExponential(2)}`);
  });

  it('fills the kernels wasm lacks', () => {
    for (const name of [
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]) {
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
    }
  });

  it('registers idempotently', () => {
    const again = registerWasmKernels();
    expect(again.registered).toEqual([]);
    expect(again.alreadyRegistered).toContain('Conv2DBackpropFilter');
    expect(again.alreadyRegistered).toContain('Conv2DBackpropInput');
  });

  it.each(FIXED.map((c, i) => [i, c] as const))(
    'matches the cpu backend on case %i',
    async (i, c) => {
      await compare(c, 100 + i * 7);
    },
  );

  it('matches the cpu backend on random shapes, strides and paddings', async () => {
    const arbCase = fc
      .record({
        kind: fc.constantFrom('conv2d' as const, 'depthwise' as const),
        batch: fc.integer({ min: 1, max: 3 }),
        h: fc.integer({ min: 4, max: 11 }),
        w: fc.integer({ min: 4, max: 11 }),
        inC: fc.integer({ min: 1, max: 4 }),
        outC: fc.integer({ min: 1, max: 4 }),
        fh: fc.integer({ min: 1, max: 4 }),
        fw: fc.integer({ min: 1, max: 4 }),
        sh: fc.integer({ min: 1, max: 2 }),
        sw: fc.integer({ min: 1, max: 2 }),
        pad: fc.constantFrom('same' as const, 'valid' as const),
        seed: fc.nat(1000),
      })
      .map((r): [ConvCase, number] => [
        {
          kind: r.kind,
          x: [r.batch, r.h, r.w, r.inC],
          filter: [r.fh, r.fw, r.inC, r.outC],
          strides: [r.sh, r.sw],
          pad: r.pad,
        },
        r.seed,
      ]);
    await fc.assert(
      fc.asyncProperty(arbCase, async ([c, seed]) => {
        await compare(c, seed);
      }),
      { numRuns: 25, seed: 42 },
    );
  });
});
