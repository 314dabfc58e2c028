/**
 * The entry of an {@link UnmaskPool} thread: applies a mask plan to one
 * slice of a running sum that lives on a SharedArrayBuffer, in place, and
 * answers with the job id. Jobs arrive on the port one at a time, so a
 * thread never works on two slices at once.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { FedraError } from '@fedra/common';
import { applyMaskPlan } from '@fedra/secagg';
import type { UnmaskSliceJob, UnmaskSliceReply } from './unmask-protocol.js';

const port = parentPort;
if (port === null) {
  throw new FedraError('INTERNAL', 'unmask-thread must be started as a worker thread');
}

port.on('message', (job: UnmaskSliceJob) => {
  let reply: UnmaskSliceReply;
  try {
    applyMaskPlan(
      job.plan,
      new Uint32Array(job.buffer, job.byteOffset, job.length),
      job.elementOffset,
    );
    reply = { id: job.id, ok: true };
  } catch (error) {
    // Codes and messages only: applyMaskPlan's messages name offsets, never keys.
    reply = {
      id: job.id,
      ok: false,
      code: error instanceof FedraError ? error.code : 'INTERNAL',
      message: error instanceof Error ? error.message : 'unmask failed',
    };
  } finally {
    // This thread's copies of the keys are not needed once the slice is done.
    for (const mask of job.plan.masks) mask.key.fill(0);
  }
  port.postMessage(reply);
});
port.postMessage({ id: 0, ok: true } satisfies UnmaskSliceReply);
