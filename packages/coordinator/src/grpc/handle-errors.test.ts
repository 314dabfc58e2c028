import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  decodeErrorInfo,
  FedraError,
  PermissionDeniedError,
  RoundNotOpenError,
} from '@fedra/common';
import type { Logger } from '@fedra/common';
import { handleErrors } from './handle-errors.js';

function recorder(): { logger: Logger; levels: string[]; objects: Array<Record<string, unknown>> } {
  const levels: string[] = [];
  const objects: Array<Record<string, unknown>> = [];
  const at = (level: string) => (obj: object | string) => {
    levels.push(level);
    objects.push(typeof obj === 'string' ? {} : (obj as Record<string, unknown>));
  };
  const logger: Logger = {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    child: () => logger,
  };
  return { logger, levels, objects };
}

describe('handleErrors', () => {
  it('builds a grpc-js error with the status, the code trailer and the ErrorInfo', () => {
    const { logger } = recorder();
    const error = handleErrors(new RoundNotOpenError('e1', 3), {
      logger,
      rpc: '/x/Y',
      domain: 'coordinator.test',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.details).toBe(error.message);
    expect(error.metadata).toBeInstanceOf(Metadata);
    expect(error.metadata?.get('fedra-error-code')).toEqual(['ROUND_NOT_OPEN']);
    const [details] = error.metadata?.get('grpc-status-details-bin') ?? [];
    expect(details).toBeInstanceOf(Buffer);
    expect(decodeErrorInfo(details as Buffer)).toEqual({
      reason: 'ROUND_NOT_OPEN',
      domain: 'coordinator.test',
      metadata: { experimentId: 'e1', roundNumber: '3' },
    });
  });

  it('logs by kind: bugs as error with the cause, refusals as warn, the rest as debug', () => {
    const { logger, levels, objects } = recorder();
    const bug = new TypeError('x is undefined');
    handleErrors(bug, { logger, rpc: '/x/A' });
    handleErrors(new FedraError('INTERNAL', 'store broken', { cause: bug }), {
      logger,
      rpc: '/x/B',
    });
    handleErrors(new PermissionDeniedError('spiffe://acme/admin/a', '/x/C'), {
      logger,
      rpc: '/x/C',
    });
    handleErrors(new RoundNotOpenError('e1', 1), { logger, rpc: '/x/D' });
    expect(levels).toEqual(['error', 'error', 'warn', 'debug']);
    expect(objects[0]).toEqual({ rpc: '/x/A', code: 'INTERNAL', err: bug });
    expect(objects[2]).toMatchObject({ rpc: '/x/C', code: 'PERMISSION_DENIED' });
  });

  it('sends nothing of an unknown error but a generic INTERNAL', () => {
    const { logger } = recorder();
    const error = handleErrors(new Error('password=hunter2'), { logger, rpc: '/x/Y' });
    expect(error.code).toBe(status.INTERNAL);
    expect(error.details).toBe('internal error');
    expect(JSON.stringify(error.metadata?.toJSON())).not.toContain('hunter2');
  });
});
