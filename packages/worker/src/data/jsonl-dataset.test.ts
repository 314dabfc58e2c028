import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@fedra/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJsonlDataset } from './jsonl-dataset.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fedra-jsonl-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadJsonlDataset', () => {
  it('round-trips objects, flattening nested feature arrays in order', async () => {
    const rows = [
      {
        y: 1,
        pixels: [
          [0, 0.5],
          [1, 0.25],
        ],
        bias: 3,
      },
      {
        bias: 4,
        y: 0,
        pixels: [
          [1, 1],
          [0, 0],
        ],
      },
    ];
    const path = join(dir, 'a.jsonl');
    await writeFile(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n\n');
    const ds = await loadJsonlDataset({
      name: 'px',
      format: 'jsonl',
      path,
      labelColumn: 'y',
      numClasses: 2,
      validationFraction: 0,
    });
    // Default features: the first row's other fields, in its key order.
    expect(ds.inputShape).toEqual([5]);
    const byLabel = new Map<number, number[]>();
    for (let i = 0; i < 2; i++)
      byLabel.set(ds.train.ys[i] as number, Array.from(ds.train.xs.subarray(i * 5, i * 5 + 5)));
    expect(byLabel.get(1)).toEqual([0, 0.5, 1, 0.25, 3]);
    expect(byLabel.get(0)).toEqual([1, 1, 0, 0, 4]);
  });

  it('names the row of a line that is not JSON or lacks a field', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, '{"y":0,"x":1}\n{"y":1,\n');
    const error = (await loadJsonlDataset({
      name: 'bad',
      format: 'jsonl',
      path,
      labelColumn: 'y',
      numClasses: 2,
    }).catch((e: unknown) => e)) as InvalidArgumentError;
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain('bad.jsonl row 2');

    await writeFile(path, '{"y":0,"x":1}\n{"y":1}\n');
    const missing = (await loadJsonlDataset({
      name: 'bad',
      format: 'jsonl',
      path,
      labelColumn: 'y',
      numClasses: 2,
    }).catch((e: unknown) => e)) as InvalidArgumentError;
    expect(missing.field).toBe('featureColumns');
    expect(missing.message).toContain('column x is missing');
  });
});
