/**
 * Messages between `TrainingHost` (main thread) and the training thread.
 * Typed arrays travel as structured clones or transfers, never as JSON.
 *
 * @module
 */
import { FedraError, isFedraErrorCode } from '@fedra/common';
import type { Dataset, DatasetSplit } from '../data/dataset.js';
import type { DatasetConfig } from '../data/dataset-config.js';
import type { BackendChoice } from './backend.js';
import type { ModelTopology } from './model.js';
import type { TrainRequest } from './trainer.js';

/** A dataset as the training thread holds it, without its examples. */
export interface DatasetSummary {
  /** The dataset name. */
  readonly name: string;
  /** Shape of one example. */
  readonly inputShape: readonly number[];
  /** Number of classes. */
  readonly numClasses: number;
  /** Examples in the training split. */
  readonly trainExamples: number;
  /** Examples in the validation split. */
  readonly validationExamples: number;
  /** Class names by label, when the source had them. */
  readonly classNames?: readonly string[];
}

/** A train job for a dataset the training thread holds. */
export interface HostTrainRequest extends TrainRequest {
  /** The name of a dataset added or loaded earlier. */
  readonly dataset: string;
}

/** An evaluation job: on a held dataset's split, or on examples sent with it. */
export type HostEvaluateRequest = {
  /** The model topology. */
  readonly topology: ModelTopology;
  /** Its flat weights. */
  readonly weights: Float32Array;
  /** @default 256 */
  readonly batchSize?: number;
  /** @default Infinity */
  readonly lossClip?: number;
} & (
  | {
      /** A dataset held by the thread. */
      readonly dataset: string;
      /** Which of its splits. @default 'validation' */
      readonly split?: 'train' | 'validation';
    }
  | {
      /** Examples to evaluate on. */
      readonly data: DatasetSplit;
    }
);

/** Main thread -> training thread. */
export type ThreadRequest =
  | { readonly id: number; readonly op: 'init'; readonly backend: BackendChoice }
  | { readonly id: number; readonly op: 'addDataset'; readonly dataset: Dataset }
  | { readonly id: number; readonly op: 'loadDataset'; readonly config: DatasetConfig }
  | { readonly id: number; readonly op: 'removeDataset'; readonly name: string }
  | { readonly id: number; readonly op: 'train'; readonly request: HostTrainRequest }
  | { readonly id: number; readonly op: 'evaluate'; readonly request: HostEvaluateRequest }
  | { readonly id: number; readonly op: 'memory' }
  | { readonly id: number; readonly op: 'close' };

/** An error as it crosses the thread boundary. */
export interface ThreadError {
  /** A Fedra error code, or `INTERNAL` for anything else. */
  readonly code: string;
  /** The message. */
  readonly message: string;
  /** The error's metadata (identifiers only). */
  readonly metadata: Readonly<Record<string, string>>;
}

/** Training thread -> main thread. */
export type ThreadReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: ThreadError };

/** Serialises an error for the main thread; non-Fedra errors become INTERNAL with their first line. */
export function toThreadError(error: unknown): ThreadError {
  if (error instanceof FedraError) {
    return { code: error.code, message: error.message, metadata: { ...error.metadata } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `training thread: ${(message.split('\n', 1)[0] ?? '').slice(0, 300)}`,
    metadata: {},
  };
}

/** Rebuilds a thread error as the matching FedraError subclass. */
export function fromThreadError(error: ThreadError): FedraError {
  const code = isFedraErrorCode(error.code) ? error.code : 'INTERNAL';
  return FedraError.fromWire(code, error.message, error.metadata);
}
