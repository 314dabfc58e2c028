import { InvalidArgumentError } from '@fedra/common';
import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.js';
import { validateDataset } from './dataset.js';

function dataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    name: 'toy',
    inputShape: [2, 2],
    numClasses: 3,
    train: { xs: new Float32Array(3 * 4).fill(0.5), ys: Int32Array.of(0, 1, 2) },
    validation: { xs: new Float32Array(4), ys: Int32Array.of(2) },
    ...overrides,
  };
}

function fieldOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const e = error as InvalidArgumentError;
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.metadata['dataset']).toBe('toy');
    return e.field;
  }
  throw new Error('expected validateDataset to throw');
}

describe('validateDataset', () => {
  it('accepts a consistent dataset that fits the model', () => {
    expect(() => {
      validateDataset(dataset(), { inputShape: [2, 2], numClasses: 3 });
    }).not.toThrow();
  });

  it('names inputShape when the model expects another shape, with both shapes in the message', () => {
    let message = '';
    const field = fieldOf(() => {
      try {
        validateDataset(dataset(), { inputShape: [4], numClasses: 3 });
      } catch (error) {
        message = (error as Error).message;
        throw error;
      }
    });
    expect(field).toBe('inputShape');
    expect(message).toContain('[2, 2]');
    expect(message).toContain('[4]');
  });

  it('names the field of each other mismatch', () => {
    expect(
      fieldOf(() => {
        validateDataset(dataset(), { inputShape: [2, 2], numClasses: 10 });
      }),
    ).toBe('numClasses');
    expect(
      fieldOf(() => {
        validateDataset(dataset({ numClasses: 1 }));
      }),
    ).toBe('numClasses');
    expect(
      fieldOf(() => {
        validateDataset(dataset({ inputShape: [2, 0] }));
      }),
    ).toBe('inputShape');
    expect(
      fieldOf(() => {
        validateDataset(dataset({ train: { xs: new Float32Array(5), ys: Int32Array.of(0) } }));
      }),
    ).toBe('train.xs');
    expect(
      fieldOf(() => {
        validateDataset(dataset({ validation: { xs: new Float32Array(4), ys: Int32Array.of(3) } }));
      }),
    ).toBe('validation.ys');
    const nan = new Float32Array(12);
    nan[7] = Number.NaN;
    expect(
      fieldOf(() => {
        validateDataset(dataset({ train: { xs: nan, ys: Int32Array.of(0, 1, 2) } }));
      }),
    ).toBe('train.xs');
    expect(
      fieldOf(() => {
        validateDataset(dataset({ train: { xs: new Float32Array(0), ys: new Int32Array(0) } }));
      }),
    ).toBe('train');
  });

  it('skips the value scan when asked', () => {
    const nan = new Float32Array(12).fill(Number.NaN);
    expect(() => {
      validateDataset(dataset({ train: { xs: nan, ys: Int32Array.of(0, 1, 2) } }), undefined, {
        checkValues: false,
      });
    }).not.toThrow();
  });
});
