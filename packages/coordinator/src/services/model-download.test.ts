import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DownloadModelResponse } from '@fedra/proto';
import { DownloadSlots } from './model-download.js';
import type { ModelSink } from './model-download.js';

/** A stream whose writes complete only when the test says so. */
class HeldSink extends EventEmitter implements ModelSink {
  cancelled = false;
  readonly pending: Array<(error?: Error | null) => void> = [];
  write(_message: DownloadModelResponse, callback: (error?: Error | null) => void): boolean {
    this.pending.push(callback);
    return true;
  }
  flush(): void {
    for (const callback of this.pending.splice(0)) callback();
  }
}

const message: DownloadModelResponse = {
  chunk: { offset: 0, data: Buffer.alloc(4), totalBytes: 4, sha256: Buffer.alloc(0) },
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DownloadSlots', () => {
  it('hands at most `slots` messages to the streams until their writes complete', async () => {
    const slots = new DownloadSlots(2, 60_000);
    const sinks = [new HeldSink(), new HeldSink(), new HeldSink()];
    const done = sinks.map((sink) => slots.write(sink, message));
    await tick();
    expect(sinks.map((s) => s.pending.length)).toEqual([1, 1, 0]);
    sinks[0]?.flush();
    await done[0];
    await tick();
    expect(sinks[2]?.pending).toHaveLength(1);
    sinks[1]?.flush();
    sinks[2]?.flush();
    await Promise.all(done);
  });

  it('frees the slot of a stream that stops reading, which still waits for its own write', async () => {
    const slots = new DownloadSlots(1, 20);
    const stalled = new HeldSink();
    const other = new HeldSink();
    let stalledDone = false;
    const first = slots.write(stalled, message).then(() => {
      stalledDone = true;
    });
    const second = slots.write(other, message);
    while (other.pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    other.flush();
    await second;
    expect(stalledDone).toBe(false);
    stalled.flush();
    await first;
    expect(stalledDone).toBe(true);
  });

  it('passes a failed write to its stream and frees the slot', async () => {
    const slots = new DownloadSlots(1, 60_000);
    const failing = new HeldSink();
    const next = new HeldSink();
    const failed = slots.write(failing, message);
    const after = slots.write(next, message);
    await tick();
    failing.pending[0]?.(new Error('stream closed'));
    await expect(failed).rejects.toMatchObject({ code: 'CANCELLED' });
    await tick();
    next.flush();
    await after;
  });
});
