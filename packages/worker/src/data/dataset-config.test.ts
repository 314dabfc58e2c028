import { ConfigError } from '@fedra/common';
import { describe, expect, it } from 'vitest';
import { parseDatasetConfig } from './dataset-config.js';

function keyOf(value: unknown): string {
  try {
    parseDatasetConfig(value, { baseDir: '/data', keyPrefix: 'datasets[0].' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain((error as ConfigError).key);
    return (error as ConfigError).key;
  }
  throw new Error('expected a ConfigError');
}

describe('parseDatasetConfig', () => {
  it('accepts each format, resolving relative paths and freezing the result', () => {
    const csv = parseDatasetConfig(
      {
        name: 'claims',
        format: 'csv',
        path: 'claims.csv',
        labelColumn: 'outcome',
        classNames: ['paid', 'denied'],
      },
      { baseDir: '/data' },
    );
    expect(csv).toEqual({
      name: 'claims',
      format: 'csv',
      path: '/data/claims.csv',
      labelColumn: 'outcome',
      classNames: ['paid', 'denied'],
    });
    expect(Object.isFrozen(csv)).toBe(true);
    const images = parseDatasetConfig({
      name: 'scans',
      format: 'image-folder',
      path: '/abs/scans',
      inputShape: [32, 32, 3],
    });
    expect(images).toMatchObject({ path: '/abs/scans', inputShape: [32, 32, 3] });
    const mnist = parseDatasetConfig({
      name: 'mnist',
      format: 'mnist',
      shard: 2,
      shards: 6,
      minorityFraction: 0.2,
    });
    expect(mnist).toMatchObject({ format: 'mnist', shard: 2, shards: 6, minorityFraction: 0.2 });
    const jsonl = parseDatasetConfig({
      name: 'j',
      format: 'jsonl',
      path: 'x.jsonl',
      labelColumn: 'y',
      numClasses: 4,
    });
    expect(jsonl).toMatchObject({ format: 'jsonl', numClasses: 4 });
  });

  it('names the key that is wrong', () => {
    const csv = { name: 'c', format: 'csv', path: 'c.csv', labelColumn: 'y', numClasses: 2 };
    expect(keyOf({ ...csv, format: 'parquet' })).toBe('datasets[0].format');
    expect(keyOf({ ...csv, colour: 'blue' })).toBe('datasets[0].colour');
    expect(keyOf({ ...csv, labelColumn: undefined })).toBe('datasets[0].labelColumn');
    expect(keyOf({ ...csv, numClasses: undefined })).toBe('datasets[0].numClasses');
    expect(keyOf({ ...csv, classNames: ['a', 'b', 'c'] })).toBe('datasets[0].numClasses');
    expect(keyOf({ ...csv, validationFraction: 1 })).toBe('datasets[0].validationFraction');
    expect(keyOf({ ...csv, name: '../etc' })).toBe('datasets[0].name');
    expect(keyOf({ ...csv, inputShape: [2, -1] })).toBe('datasets[0].inputShape');
    expect(keyOf({ name: 'i', format: 'image-folder', path: 'p', inputShape: [8, 8, 4] })).toBe(
      'datasets[0].inputShape',
    );
    expect(keyOf({ name: 'm', format: 'mnist', shard: 6, shards: 6 })).toBe('datasets[0].shard');
    expect(keyOf({ name: 'm', format: 'mnist', shards: 6 })).toBe('datasets[0].shard');
    expect(keyOf({ name: 'm', format: 'mnist', shard: 0, shards: 6, classes: [12] })).toBe(
      'datasets[0].classes',
    );
    expect(keyOf('csv')).toBe('datasets[0].');
  });
});
