/**
 * Input checks shared by the strategies. Messages carry sizes and indices,
 * never parameter values.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import type { StrategyKind, StrategyStepInput } from './strategy.js';

/**
 * Checks a step's input against the strategy that applies it: matching
 * kind, lengths, the vectors the strategy needs, and finite values.
 *
 * @returns the parameter count.
 */
export function checkStepInput(
  kind: StrategyKind,
  vectorNames: readonly string[],
  input: StrategyStepInput,
): number {
  const { model, meanDelta, state } = input;
  if (state.kind !== kind) {
    throw new FedraError(
      'INVALID_ARGUMENT',
      `strategy ${kind} cannot apply state written by ${state.kind}`,
      { metadata: { field: 'state.kind' } },
    );
  }
  const params = model.length;
  checkLength('meanDelta', meanDelta, params);
  if (state.params !== params) {
    throw lengthMismatch('state.params', state.params, params);
  }
  for (const name of vectorNames) {
    const vector = state.vectors[name];
    if (vector === undefined) {
      throw new FedraError('INVALID_ARGUMENT', `${kind} state has no ${name} vector`, {
        metadata: { field: `state.vectors.${name}` },
      });
    }
    checkLength(`state.vectors.${name}`, vector, params);
    checkFinite(`state.vectors.${name}`, vector);
  }
  checkFinite('model', model);
  checkFinite('meanDelta', meanDelta);
  return params;
}

/** Checks that `params` is a usable parameter count. */
export function checkParams(params: number): void {
  if (!Number.isSafeInteger(params) || params < 0) {
    throw new FedraError('INVALID_ARGUMENT', 'params must be a non-negative integer', {
      metadata: { field: 'params' },
    });
  }
}

/** Throws `NON_FINITE_INPUT` naming `field` and the first bad index. */
export function checkFinite(field: string, vector: ArrayLike<number>): void {
  for (let i = 0; i < vector.length; i += 1) {
    if (!Number.isFinite(vector[i])) {
      throw new FedraError('NON_FINITE_INPUT', `${field} has a non-finite element at ${i}`, {
        metadata: { field, index: String(i) },
      });
    }
  }
}

/** The error a step raises when its result does not fit in float32. */
export function overflow(kind: StrategyKind, index: number): FedraError {
  return new FedraError(
    'NON_FINITE_INPUT',
    `the ${kind} step overflowed float32 at parameter ${index}; lower the server learning rate or clip updates`,
    { metadata: { field: 'model', index: String(index) } },
  );
}

function checkLength(field: string, vector: ArrayLike<number>, expected: number): void {
  if (vector.length !== expected) throw lengthMismatch(field, vector.length, expected);
}

function lengthMismatch(field: string, actual: number, expected: number): FedraError {
  return new FedraError(
    'VECTOR_LENGTH_MISMATCH',
    `${field} has ${actual} elements, the model has ${expected}`,
    { metadata: { field, actual: String(actual), expected: String(expected) } },
  );
}
