import { describe, expect, it } from 'vitest';
import { coordinatorOptions, loadCoordinatorConfig } from './coordinator-config.js';

describe('loadCoordinatorConfig', () => {
  it('reads flags over FEDRA_* variables over defaults', () => {
    const config = loadCoordinatorConfig(['--', '--listen', '0.0.0.0:7443', '--insecure'], {
      FEDRA_REDIS: 'redis://127.0.0.1:6379',
      FEDRA_LISTEN: '127.0.0.1:1',
      FEDRA_LOG_LEVEL: 'debug',
    });
    expect(config.listen).toEqual({ host: '0.0.0.0', port: 7443 });
    expect(config.logLevel).toBe('debug');
    expect(config.insecure).toBe(true);
    expect(config.runEngine).toBe(true);
    expect(config.metricsPort).toBeUndefined();
    expect(coordinatorOptions(config, undefined)).toMatchObject({
      listen: '0.0.0.0:7443',
      redisUrl: 'redis://127.0.0.1:6379',
      insecure: true,
    });
  });

  it('accepts --run-engine=false', () => {
    const config = loadCoordinatorConfig(
      ['--redis=redis://r:6379', '--insecure', '--run-engine=false'],
      {},
    );
    expect(config.runEngine).toBe(false);
  });

  it('reads --metrics-port 0 (a free port) and --unmask-threads', () => {
    const config = loadCoordinatorConfig(
      ['--redis=redis://r:6379', '--insecure', '--metrics-port', '0', '--unmask-threads', '2'],
      {},
    );
    expect(coordinatorOptions(config, undefined)).toMatchObject({
      metricsPort: 0,
      unmaskThreads: 2,
    });
  });

  it('reads the round engine timing from flags and FEDRA_* variables', () => {
    const config = loadCoordinatorConfig(
      [
        '--redis=redis://r:6379',
        '--insecure',
        '--lock-duration',
        '2s',
        '--stalled-interval=500ms',
        '--max-stalled-count',
        '50',
      ],
      { FEDRA_SWEEP_INTERVAL: '250ms', FEDRA_CLOSING_TIMEOUT: '1m30s' },
    );
    expect(coordinatorOptions(config, undefined).engine).toEqual({
      lockDurationMs: 2_000,
      stalledIntervalMs: 500,
      maxStalledCount: 50,
      sweepIntervalMs: 250,
      closingTimeoutMs: 90_000,
    });
  });

  it.each([
    [['--insecure'], {}, 'redis'],
    [['--redis', 'http://x', '--insecure'], {}, 'redis'],
    [['--redis', 'redis://x'], {}, 'tlsCa'],
    [['--redis', 'redis://x', '--insecure', '--tls-key', 'k.pem'], {}, 'insecure'],
    [['--redis', 'redis://x', '--insecure'], { FEDRA_LISTN: 'x' }, 'FEDRA_LISTN'],
    [['--redis', 'redis://x', '--insecure', '--metrics-port', '70000'], {}, 'metricsPort'],
    [['--redis', 'redis://x', '--insecure', '--unmask-threads', '0'], {}, 'unmaskThreads'],
    [['--redis', 'redis://x', '--insecure', '--lock-duration', '2'], {}, 'lockDuration'],
    [['--redis', 'redis://x', '--insecure', '--lock-duration', '10ms'], {}, 'lockDuration'],
    [['--redis', 'redis://x', '--insecure'], { FEDRA_SWEEP_INTERVAL: 'soon' }, 'sweepInterval'],
    [['--redis', 'redis://x', '--insecure', '--max-stalled-count', '0'], {}, 'maxStalledCount'],
  ])('refuses %j %j naming %s', (argv, env, key) => {
    expect(() => loadCoordinatorConfig(argv, env)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', key }) as Error,
    );
  });

  it('refuses unknown flags', () => {
    expect(() =>
      loadCoordinatorConfig(['--redis', 'redis://x', '--insecure', '--nope'], {}),
    ).toThrow(/nope/);
  });
});
