import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '@fedra/common';
import { describe, expect, it } from 'vitest';
import type { DatasetSplit } from './dataset.js';
import { validateDataset } from './dataset.js';
import { loadMnistShard, loadMnistTest, MNIST_TEST_PER_CLASS } from './mnist-shard.js';

function fingerprints(...splits: DatasetSplit[]): Set<string> {
  const out = new Set<string>();
  for (const split of splits) {
    for (let i = 0; i < split.ys.length; i++) {
      const pixels = split.xs.subarray(i * 784, (i + 1) * 784);
      out.add(
        createHash('sha256')
          .update(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength))
          .digest('hex'),
      );
    }
  }
  return out;
}

function classCounts(ys: ArrayLike<number>): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < ys.length; i++)
    counts[ys[i] as number] = (counts[ys[i] as number] as number) + 1;
  return counts;
}

describe('loadMnistShard', () => {
  const shards = [0, 1, 2].map((shard) => loadMnistShard({ shard, shards: 3, seed: 11 }));

  it('makes valid datasets of real digits', () => {
    for (const ds of shards) {
      validateDataset(ds, { inputShape: [28, 28, 1], numClasses: 10 });
      expect(ds.name).toBe('mnist');
      expect(ds.validation.ys.length).toBe(
        Math.round((ds.train.ys.length + ds.validation.ys.length) * 0.1),
      );
      const ink = ds.train.xs.reduce((a, b) => a + b, 0) / ds.train.xs.length;
      // Handwritten digits: mostly background, some ink, values in [0, 1].
      expect(ink).toBeGreaterThan(0.05);
      expect(ink).toBeLessThan(0.3);
      expect(Math.max(...ds.train.xs.subarray(0, 784 * 20))).toBeLessThanOrEqual(1);
    }
  });

  it('is non-IID: each shard is dominated by its own digits', () => {
    shards.forEach((ds, shard) => {
      const counts = classCounts(Array.from(ds.train.ys).concat(Array.from(ds.validation.ys)));
      const dominant = [(2 * shard) % 10, (2 * shard + 1) % 10];
      const total = counts.reduce((a, b) => a + b, 0);
      const inDominant = dominant.reduce((n, d) => n + (counts[d] as number), 0);
      expect(inDominant / total).toBeGreaterThan(0.6);
      for (let d = 0; d < 10; d++) {
        if (!dominant.includes(d))
          expect(counts[d]).toBeLessThan(counts[dominant[0] as number] as number);
      }
    });
  });

  it('never puts one image in two shards or in the test split', () => {
    const all = shards.map((ds) => fingerprints(ds.train, ds.validation));
    const test = fingerprints(loadMnistTest());
    const union = new Set<string>();
    let total = 0;
    for (const set of [...all, test]) {
      total += set.size;
      for (const f of set) union.add(f);
    }
    expect(union.size).toBe(total);
  });

  it('is reproducible, honours classes, maxExamples and a flat input shape', () => {
    const a = loadMnistShard({
      shard: 1,
      shards: 4,
      classes: [7],
      maxExamples: 50,
      inputShape: [784],
      seed: 2,
    });
    const b = loadMnistShard({
      shard: 1,
      shards: 4,
      classes: [7],
      maxExamples: 50,
      inputShape: [784],
      seed: 2,
    });
    expect(a.inputShape).toEqual([784]);
    expect(a.train.xs).toEqual(b.train.xs);
    expect(a.train.ys.length + a.validation.ys.length).toBe(50);
    const counts = classCounts(Array.from(a.train.ys).concat(Array.from(a.validation.ys)));
    expect(counts.indexOf(Math.max(...counts))).toBe(7);
  });

  it('rejects bad options naming the field', () => {
    const field = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        return (error as InvalidArgumentError).field;
      }
      return '';
    };
    expect(field(() => loadMnistShard({ shard: 3, shards: 3 }))).toBe('shard');
    expect(field(() => loadMnistShard({ shard: 0, shards: 0 }))).toBe('shards');
    expect(field(() => loadMnistShard({ shard: 0, shards: 2, classes: [10] }))).toBe('classes');
    expect(field(() => loadMnistShard({ shard: 0, shards: 2, inputShape: [28, 28, 3] }))).toBe(
      'inputShape',
    );
    expect(field(() => loadMnistTest({ perClass: MNIST_TEST_PER_CLASS + 1 }))).toBe('perClass');
  });
});

describe('loadMnistTest', () => {
  it('holds perClass images of every digit', () => {
    const test = loadMnistTest({ perClass: 20, inputShape: [784] });
    expect(test.inputShape).toEqual([784]);
    expect(test.xs.length).toBe(200 * 784);
    expect(classCounts(test.ys)).toEqual(new Array(10).fill(20));
  });
});
