import { ConfigError } from '@fedra/common';
import { describe, expect, it } from 'vitest';
import { parseWorkerConfig, WORKER_CONFIG_SCHEMA } from './worker-config.js';

const TLS = {
  coordinator: 'coordinator.fedra.example:7443',
  'tls-ca': '/etc/fedra/tls/ca.pem',
  'tls-cert': '/etc/fedra/tls/worker.pem',
  'tls-key': '/etc/fedra/tls/worker.key',
  policy: '/etc/fedra/policy.yaml',
};

const INSECURE = {
  coordinator: '127.0.0.1:50051',
  insecure: 'true',
  region: 'eu-west',
  'worker-id': 'w1',
};

function errorOf(inputs: Record<string, string>, env: Record<string, string> = {}): ConfigError {
  try {
    parseWorkerConfig(inputs, { env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseWorkerConfig', () => {
  it('parses TLS mode with documented defaults and freezes the result', () => {
    const config = parseWorkerConfig(TLS);
    expect(config).toEqual({
      coordinator: { host: 'coordinator.fedra.example', port: 7443 },
      connection: {
        mode: 'tls',
        caFile: '/etc/fedra/tls/ca.pem',
        certFile: '/etc/fedra/tls/worker.pem',
        keyFile: '/etc/fedra/tls/worker.key',
      },
      policyFile: '/etc/fedra/policy.yaml',
      dataDir: '/data',
      backend: 'auto',
      healthPort: 9464,
      stateDir: '/var/lib/fedra',
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.connection)).toBe(true);
  });

  it('parses insecure mode, where the policy file may be left out', () => {
    const config = parseWorkerConfig({ ...INSECURE, data: './shards', backend: 'wasm' });
    expect(config.connection).toEqual({ mode: 'insecure', region: 'eu-west', workerId: 'w1' });
    expect(config.policyFile).toBeUndefined();
    expect(config.dataDir).toBe('./shards');
    expect(config.backend).toBe('wasm');
  });

  it('reads FEDRA_* variables, with flags winning', () => {
    const config = parseWorkerConfig(
      { ...TLS, 'log-level': 'debug' },
      {
        env: {
          FEDRA_HEALTH_PORT: '0',
          FEDRA_STATE_DIR: '/state',
          FEDRA_LOG_LEVEL: 'warn',
          FEDRA_BACKEND: 'cpu',
        },
      },
    );
    expect(config.healthPort).toBe(0);
    expect(config.stateDir).toBe('/state');
    expect(config.logLevel).toBe('debug');
    expect(config.backend).toBe('cpu');
  });

  it.each<[string, Record<string, string>, Record<string, string>, string]>([
    ['TLS files with --insecure', { ...INSECURE, 'tls-cert': '/c.pem' }, {}, 'tlsCert'],
    [
      'a TLS file from the environment with --insecure',
      INSECURE,
      { FEDRA_TLS_KEY: '/k' },
      'tlsKey',
    ],
    ['--insecure without --region', { ...INSECURE, region: '' }, {}, 'region'],
    ['--insecure without --worker-id', { ...INSECURE, 'worker-id': '' }, {}, 'workerId'],
    ['--region without --insecure', { ...TLS, region: 'eu-west' }, {}, 'region'],
    ['--worker-id without --insecure', { ...TLS, 'worker-id': 'w1' }, {}, 'workerId'],
    ['--region from the environment in TLS mode', TLS, { FEDRA_REGION: 'eu-west' }, 'region'],
    ['TLS mode without a CA', { ...TLS, 'tls-ca': '' }, {}, 'tlsCa'],
    ['TLS mode without a key', { ...TLS, 'tls-key': '' }, {}, 'tlsKey'],
    ['TLS mode without a policy', { ...TLS, policy: '' }, {}, 'policy'],
    ['a missing coordinator', { ...TLS, coordinator: '' }, {}, 'coordinator'],
    ['coordinator port 0', { ...TLS, coordinator: 'c:0' }, {}, 'coordinator'],
    ['an unknown backend', { ...TLS, backend: 'cuda' }, {}, 'backend'],
    ['a health port out of range', { ...TLS, 'health-port': '70000' }, {}, 'healthPort'],
    ['a malformed region', { ...INSECURE, region: 'eu west' }, {}, 'region'],
    ['an unknown flag', { ...TLS, 'data-dir': '/x' }, {}, 'data-dir'],
    ['an unknown variable', TLS, { FEDRA_DATA_DIRECTORY: '/x' }, 'FEDRA_DATA_DIRECTORY'],
  ])('refuses %s, naming the key', (_case, inputs, env, key) => {
    const error = errorOf(inputs, env);
    expect(error.key).toBe(key);
    expect(error.message).toContain(key);
  });

  it('never repeats the private key path in an error', () => {
    expect(WORKER_CONFIG_SCHEMA.tlsKey.secret).toBe(true);
    const error = errorOf({ ...INSECURE, 'tls-key': '/very/secret/place.key' });
    expect(error.key).toBe('tlsKey');
    expect(error.message).not.toContain('/very/secret/place.key');
  });
});
