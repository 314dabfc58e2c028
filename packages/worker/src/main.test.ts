import { describe, expect, it } from 'vitest';
import { ConfigError } from '@fedra/common';
import { DEFAULT_FEDERATION, loadWorkerConfig } from './main.js';

describe('loadWorkerConfig', () => {
  it('parses the documented insecure command line', () => {
    const { config, federation } = loadWorkerConfig(
      [
        '--',
        '--coordinator',
        '127.0.0.1:50051',
        '--data',
        '/tmp/d',
        '--insecure',
        '--region',
        'eu',
        '--worker-id',
        'w1',
      ],
      {},
    );
    expect(config.connection).toEqual({ mode: 'insecure', region: 'eu', workerId: 'w1' });
    expect(config.coordinator.port).toBe(50051);
    expect(federation).toBe(DEFAULT_FEDERATION);
  });

  it('takes the federation from the flag or FEDRA_FEDERATION', () => {
    const argv = ['--coordinator', 'h:1', '--insecure', '--region', 'eu', '--worker-id', 'w1'];
    expect(loadWorkerConfig(argv, { FEDRA_FEDERATION: 'acme' }).federation).toBe('acme');
    expect(loadWorkerConfig([...argv, '--federation', 'x'], {}).federation).toBe('x');
  });

  it('refuses unknown flags and contradictions with a ConfigError', () => {
    expect(() => loadWorkerConfig(['--coordinator', 'h:1', '--bogus', 'x'], {})).toThrow(
      ConfigError,
    );
    expect(() => loadWorkerConfig(['--coordinator', 'h:1', '--insecure'], {})).toThrow(/region/);
  });
});
