/**
 * Messages between an {@link UnmaskPool} and its threads.
 *
 * @module
 */
import type { FedraErrorCode } from '@fedra/common';
import type { MaskPlan } from '@fedra/secagg';

/** Apply `plan` to elements [elementOffset, elementOffset + length) held at `byteOffset` of `buffer`. */
export interface UnmaskSliceJob {
  /** Job id (> 0), echoed in the reply. */
  readonly id: number;
  /** The plan; cloned into the thread (keys included) and zeroed there afterwards. */
  readonly plan: MaskPlan;
  /** The running sum's shared memory. */
  readonly buffer: SharedArrayBuffer;
  /** Where the slice starts in `buffer`, bytes. */
  readonly byteOffset: number;
  /** Elements in the slice. */
  readonly length: number;
  /** The vector index of the slice's first element. */
  readonly elementOffset: number;
}

/** A thread's answer: id 0 once it is ready, then one per job. */
export type UnmaskSliceReply =
  | { readonly id: number; readonly ok: true }
  | {
      readonly id: number;
      readonly ok: false;
      readonly code: FedraErrorCode;
      readonly message: string;
    };
