import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@fedra/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsvDataset } from './csv-dataset.js';
import type { TabularDatasetConfig } from './dataset-config.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fedra-csv-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csv(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

function config(
  path: string,
  extra: Partial<Omit<TabularDatasetConfig, 'format'>> = {},
): TabularDatasetConfig & { format: 'csv' } {
  return {
    name: 'rows',
    format: 'csv',
    path,
    labelColumn: 'label',
    validationFraction: 0,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}

describe('loadCsvDataset', () => {
  it('round-trips rows: label column and feature columns in order', async () => {
    const path = await csv('a.csv', 'f1,label,f2\n0.5,1,2\n-1,0,3.25\n7,2,8\n');
    const ds = await loadCsvDataset(config(path, { numClasses: 3 }));
    expect(ds.name).toBe('rows');
    expect(ds.inputShape).toEqual([2]);
    expect(ds.numClasses).toBe(3);
    // The split shuffles rows; each row keeps its features and label together.
    const rows = Array.from(ds.train.ys, (label, i) => [
      label,
      ...ds.train.xs.subarray(i * 2, i * 2 + 2),
    ]);
    expect(rows.sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [0, -1, 3.25],
      [1, 0.5, 2],
      [2, 7, 8],
    ]);
  });

  it('maps class names and honours featureColumns, inputShape and the split', async () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) => `${i % 2 === 0 ? 'cat' : 'dog'},${i},${i + 1},${i + 2},${i + 3},x`,
    );
    const path = await csv('b.csv', ['kind,a,b,c,d,note', ...rows].join('\n'));
    const ds = await loadCsvDataset(
      config(path, {
        labelColumn: 'kind',
        featureColumns: ['d', 'c', 'b', 'a'],
        inputShape: [2, 2],
        classNames: ['dog', 'cat'],
        validationFraction: 0.25,
        seed: 3,
      }),
    );
    expect(ds.inputShape).toEqual([2, 2]);
    expect(ds.classNames).toEqual(['dog', 'cat']);
    expect(ds.train.ys.length).toBe(15);
    expect(ds.validation.ys.length).toBe(5);
    for (const split of [ds.train, ds.validation]) {
      for (let i = 0; i < split.ys.length; i++) {
        const a = split.xs[i * 4 + 3] as number;
        expect(split.xs[i * 4]).toBe(a + 3);
        expect(split.ys[i]).toBe(a % 2 === 0 ? 1 : 0);
      }
    }
  });

  it('names the file, row and column of a bad value, without echoing it', async () => {
    const path = await csv('bad.csv', 'label,x\n1,2\n0,secret-value\n');
    const error = await failure(loadCsvDataset(config(path, { numClasses: 2 })));
    expect(error.field).toBe('featureColumns');
    expect(error.message).toContain('bad.csv row 2');
    expect(error.message).toContain('column x');
    expect(error.message).not.toContain('secret-value');
    expect(error.metadata['row']).toBe('2');
  });

  it('rejects labels outside the classes, missing columns and unreadable files', async () => {
    const labels = await csv('labels.csv', 'label,x\n5,1\n');
    expect((await failure(loadCsvDataset(config(labels, { numClasses: 3 })))).field).toBe(
      'labelColumn',
    );
    const names = await csv('names.csv', 'label,x\nbird,1\n');
    expect((await failure(loadCsvDataset(config(names, { classNames: ['a', 'b'] })))).field).toBe(
      'labelColumn',
    );
    const cols = await csv('cols.csv', 'label,x\n1,1\n');
    const missing = await failure(
      loadCsvDataset(config(cols, { numClasses: 2, featureColumns: ['y'] })),
    );
    expect(missing.field).toBe('featureColumns');
    expect(missing.message).toContain('no column y');
    expect(
      (await failure(loadCsvDataset(config(join(dir, 'none.csv'), { numClasses: 2 })))).field,
    ).toBe('path');
    const ragged = await csv('ragged.csv', 'label,x\n1,1\n0\n');
    const raggedError = await failure(loadCsvDataset(config(ragged, { numClasses: 2 })));
    expect(raggedError.field).toBe('path');
    expect(raggedError.message).toContain('not valid CSV');
    const shape = await csv('shape.csv', 'label,x,y\n1,1,2\n');
    expect(
      (await failure(loadCsvDataset(config(shape, { numClasses: 2, inputShape: [3] })))).field,
    ).toBe('inputShape');
  });
});
