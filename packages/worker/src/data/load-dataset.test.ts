import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatasetConfig } from './dataset-config.js';
import { loadDataset } from './load-dataset.js';

describe('loadDataset', () => {
  it('loads each format from a parsed config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedra-load-'));
    try {
      await writeFile(join(dir, 't.csv'), 'y,a,b\n1,0.5,0.25\n0,1,2\n');
      await writeFile(join(dir, 't.jsonl'), '{"y":1,"v":[0.5,0.25]}\n{"y":0,"v":[1,2]}\n');
      const csv = await loadDataset(
        parseDatasetConfig(
          {
            name: 'c',
            format: 'csv',
            path: 't.csv',
            labelColumn: 'y',
            numClasses: 2,
            validationFraction: 0,
          },
          { baseDir: dir },
        ),
      );
      const jsonl = await loadDataset(
        parseDatasetConfig(
          {
            name: 'j',
            format: 'jsonl',
            path: 't.jsonl',
            labelColumn: 'y',
            numClasses: 2,
            validationFraction: 0,
          },
          { baseDir: dir },
        ),
      );
      for (const ds of [csv, jsonl]) {
        expect(ds.inputShape).toEqual([2]);
        const label1 = Array.from(ds.train.ys).indexOf(1);
        expect(Array.from(ds.train.xs.subarray(label1 * 2, label1 * 2 + 2))).toEqual([0.5, 0.25]);
      }
      const mnist = await loadDataset(
        parseDatasetConfig({
          name: 'digits',
          format: 'mnist',
          shard: 0,
          shards: 20,
          inputShape: [784],
        }),
      );
      expect(mnist.name).toBe('digits');
      expect(mnist.inputShape).toEqual([784]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
