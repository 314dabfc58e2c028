import { describe, expect, it } from 'vitest';
import { redactPaths, silentLogger } from './logger.js';
import type { Logger } from './logger.js';

/** The shape of pino's level methods and `child`, restated without pino. */
interface PinoShapedLogFn {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- pino's own signature
  <T extends object>(obj: T, msg?: string, ...args: unknown[]): void;
  (obj: unknown, msg?: string, ...args: unknown[]): void;
  (msg: string, ...args: unknown[]): void;
}

function recordingLogger(lines: unknown[][], bindings: object = {}) {
  const at =
    (level: string): PinoShapedLogFn =>
    (...args: unknown[]) => {
      lines.push([level, bindings, ...args]);
    };
  const logger = {
    level: 'info',
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    child: (more: Record<string, unknown>, _options?: object) =>
      recordingLogger(lines, { ...bindings, ...more }),
  };
  return logger;
}

describe('Logger', () => {
  it('accepts a pino-shaped logger and passes data and message through', () => {
    const lines: unknown[][] = [];
    const log: Logger = recordingLogger(lines);
    log.child({ experimentId: 'e1' }).info({ participants: 12 }, 'round opened');
    log.warn('worker dropped');
    expect(lines).toEqual([
      ['info', { experimentId: 'e1' }, { participants: 12 }, 'round opened'],
      ['warn', {}, 'worker dropped'],
    ]);
  });

  it('silentLogger drops everything and its children are silent too', () => {
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) {
      expect(() => {
        silentLogger[level]({ a: 1 }, 'm');
        silentLogger[level]('m');
      }).not.toThrow();
    }
    expect(silentLogger.child({ workerId: 'w' })).toBe(silentLogger);
    expect(Object.isFrozen(silentLogger)).toBe(true);
  });
});

describe('redactPaths', () => {
  it('covers keys, shares, masks, tokens and passwords at several depths', () => {
    for (const key of ['secretKey', 'shares', 'masks', 'maskKey', 'token', 'password']) {
      expect(redactPaths).toContain(key);
      expect(redactPaths).toContain(`*.${key}`);
      expect(redactPaths).toContain(`*.*.${key}`);
    }
    expect(redactPaths).toContain('req.headers.authorization');
  });

  it('holds only unique paths in the dotted syntax pino accepts', () => {
    expect(new Set(redactPaths).size).toBe(redactPaths.length);
    for (const path of redactPaths) {
      expect(path).toMatch(/^(\*|[A-Za-z_$][\w$]*)(\.(\*|[A-Za-z_$][\w$]*))*$/);
    }
    expect(Object.isFrozen(redactPaths)).toBe(true);
  });
});
