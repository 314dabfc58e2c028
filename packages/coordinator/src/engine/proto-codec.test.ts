import { describe, expect, it } from 'vitest';
import { decodeTask, encodeTask, fleetMethods } from './proto-codec.js';

describe('proto codec', () => {
  it('round-trips a task', () => {
    const task = decodeTask(encodeTask({ drain: { reason: 'maintenance' } }));
    expect(task.drain?.reason).toBe('maintenance');
    expect(task.task).toBe('drain');
  });

  it('exposes the Fleet serializers for stage messages', () => {
    const methods = fleetMethods();
    const bytes = methods.SubmitSetup.requestSerialize({ setup: { signature: Buffer.from([1]) } });
    const decoded = methods.SubmitSetup.requestDeserialize(bytes);
    expect(decoded.setup?.signature.equals(Buffer.from([1]))).toBe(true);
  });
});
