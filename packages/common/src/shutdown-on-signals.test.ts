import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from './logger.js';
import { shutdownOnSignals } from './shutdown-on-signals.js';

// Remove only the handlers a test installed, never the runner's own.
const before = {
  SIGINT: new Set(process.listeners('SIGINT')),
  SIGTERM: new Set(process.listeners('SIGTERM')),
};

afterEach(() => {
  vi.restoreAllMocks();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].has(listener)) process.removeListener(signal, listener);
    }
  }
});

function exitSpy() {
  return vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
}

describe('shutdownOnSignals', () => {
  it('shuts down once on the first signal and exits 0', async () => {
    const exit = exitSpy();
    const shutdown = vi.fn(() => Promise.resolve());
    shutdownOnSignals(shutdown, silentLogger);
    process.emit('SIGTERM');
    process.emit('SIGINT');
    await vi.waitFor(() => {
      expect(exit).toHaveBeenCalledWith(0);
    });
    expect(shutdown).toHaveBeenCalledTimes(1);
  });

  it('exits 1 when shutting down fails, and logs why', async () => {
    const exit = exitSpy();
    const error = vi.fn();
    shutdownOnSignals(() => Promise.reject(new Error('stuck')), { ...silentLogger, error });
    process.emit('SIGINT');
    await vi.waitFor(() => {
      expect(exit).toHaveBeenCalledWith(1);
    });
    const [fields, message] = error.mock.calls[0] as unknown as [{ err: unknown }, string];
    expect(fields.err).toBeInstanceOf(Error);
    expect(message).toBe('shutdown failed');
  });
});
