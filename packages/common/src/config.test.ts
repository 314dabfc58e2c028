import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineConfigSchema,
  envVarName,
  flagName,
  formatDuration,
  formatHostPort,
  parseConfig,
  parseDuration,
  parseHostPort,
} from './config.js';
import type { HostPort } from './config.js';
import { ConfigError, FedraError } from './errors.js';

const schema = defineConfigSchema({
  listenAddress: { type: 'hostport', default: '0.0.0.0:50051', description: 'gRPC listen address' },
  redisUrl: {
    type: 'url',
    protocols: ['redis:', 'rediss:'],
    required: true,
    description: 'Redis connection URL',
  },
  stageTimeout: { type: 'duration', default: '5m', description: 'default stage deadline' },
  maxParams: { type: 'int', min: 1, max: 100_000_000, default: 10_000_000, description: 'cap' },
  learningRate: { type: 'number', min: 0, description: 'server learning rate' },
  insecure: { type: 'bool', default: false, description: 'no TLS (development only)' },
  logLevel: {
    type: 'enum',
    values: ['trace', 'debug', 'info', 'warn', 'error'],
    default: 'info',
    description: 'log level',
  },
  modelStore: { type: 'path', default: './models', description: 'model store directory' },
  region: { type: 'string', description: 'region name' },
  redisPassword: { type: 'string', secret: true, description: 'Redis password' },
  shares: { type: 'int', env: 'CUSTOM_SHARES', description: 'a key with its own env var' },
});

const redis = { redisUrl: 'redis://127.0.0.1:6379' };

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies defaults and types every value', () => {
    const config = parseConfig(schema, redis);
    // Compile-time checks of the inferred types.
    const address: HostPort = config.listenAddress;
    const timeout: number = config.stageTimeout;
    const level: 'trace' | 'debug' | 'info' | 'warn' | 'error' = config.logLevel;
    const region: string | undefined = config.region;
    expect({ address, timeout, level, region }).toEqual({
      address: { host: '0.0.0.0', port: 50051 },
      timeout: 300_000,
      level: 'info',
      region: undefined,
    });
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      maxParams: 10_000_000,
      insecure: false,
      modelStore: './models',
    });
  });

  it('takes flags over FEDRA_* variables over defaults', () => {
    const config = parseConfig(
      schema,
      { ...redis, 'stage-timeout': '30s', logLevel: 'debug' },
      {
        env: {
          FEDRA_STAGE_TIMEOUT: '1h',
          FEDRA_MAX_PARAMS: '5000',
          FEDRA_INSECURE: 'yes',
          FEDRA_LEARNING_RATE: '0.5',
          CUSTOM_SHARES: '3',
          PATH: '/usr/bin',
        },
      },
    );
    expect(config).toMatchObject({
      stageTimeout: 30_000,
      logLevel: 'debug',
      maxParams: 5000,
      insecure: true,
      learningRate: 0.5,
      shares: 3,
    });
  });

  it('returns a deep-frozen object', () => {
    const config = parseConfig(schema, redis);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.listenAddress)).toBe(true);
    expect(Object.isFrozen(schema)).toBe(true);
  });

  it('names the key, flag and variable of a bad value', () => {
    const error = configError(() =>
      parseConfig(schema, redis, { env: { FEDRA_LISTEN_ADDRESS: 'localhost' } }),
    );
    expect(error).toBeInstanceOf(FedraError);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.key).toBe('listenAddress');
    expect(error.envVar).toBe('FEDRA_LISTEN_ADDRESS');
    expect(error.metadata).toEqual({ key: 'listenAddress', envVar: 'FEDRA_LISTEN_ADDRESS' });
    expect(error.message).toContain('listenAddress');
    expect(error.message).toContain('--listen-address');
    expect(error.message).toContain('FEDRA_LISTEN_ADDRESS');
    expect(error.message).toContain('"localhost"');
  });

  it.each([
    ['maxParams', '0'],
    ['maxParams', '1.5'],
    ['maxParams', '1e3'],
    ['maxParams', '0x10'],
    ['learningRate', '-1'],
    ['learningRate', 'NaN'],
    ['insecure', 'maybe'],
    ['logLevel', 'INFO'],
    ['stageTimeout', '5'],
    ['stageTimeout', '-5s'],
    ['redisUrl', 'http://redis:6379'],
    ['redisUrl', 'not a url'],
    ['listenAddress', '::1:50051'],
    ['listenAddress', 'host:70000'],
    ['modelStore', 'a\0b'],
  ])('rejects %s = %j', (key, value) => {
    const error = configError(() => parseConfig(schema, { ...redis, [key]: value }));
    expect(error.key).toBe(key);
    expect(error.message).toContain(flagName(key));
  });

  it('never repeats a secret value', () => {
    const error = configError(() =>
      parseConfig(
        defineConfigSchema({ token: { type: 'int', secret: true, description: 'token' } }),
        { token: 'hunter2' },
      ),
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('value hidden');
  });

  it('requires required keys, naming flag and variable', () => {
    const error = configError(() => parseConfig(schema, {}));
    expect(error.key).toBe('redisUrl');
    expect(error.message).toContain('--redis-url');
    expect(error.message).toContain('FEDRA_REDIS_URL');
  });

  it('treats empty strings as not set', () => {
    expect(
      parseConfig(schema, { ...redis, region: '' }, { env: { FEDRA_REGION: '' } }).region,
    ).toBe(undefined);
  });

  it('rejects unknown FEDRA_* variables, with a suggestion, unless told to ignore them', () => {
    const error = configError(() =>
      parseConfig(schema, redis, { env: { FEDRA_LISTEN_ADRESS: '0.0.0.0:1' } }),
    );
    expect(error.key).toBe('FEDRA_LISTEN_ADRESS');
    expect(error.message).toContain('did you mean FEDRA_LISTEN_ADDRESS');
    const config = parseConfig(schema, redis, {
      env: { FEDRA_OTHER_PROCESS: 'x' },
      ignoreUnknownEnv: true,
    });
    expect(config.region).toBeUndefined();
  });

  it('rejects a key given twice (camelCase and kebab-case)', () => {
    expect(
      configError(() => parseConfig(schema, { ...redis, region: 'eu', 'region-x': 'x' })).key,
    ).toBe('region-x');
    const error = configError(() =>
      parseConfig(schema, { ...redis, logLevel: 'info', 'log-level': 'debug' }),
    );
    expect(error.key).toBe('logLevel');
  });

  it('always rejects unknown keys', () => {
    const known = new Set(Object.keys(schema));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((name) => {
          const key = name.replace(/-([a-z0-9])/g, (_m, letter: string) => letter.toUpperCase());
          return !known.has(key);
        }),
        fc.string(),
        (name, value) => {
          const error = configError(() => parseConfig(schema, { ...redis, [name]: value }));
          expect(error.key).toBe(name);
          expect(error.message).toContain('unknown config key');
        },
      ),
    );
  });

  it('round-trips every safe integer within bounds', () => {
    const ints = defineConfigSchema({ n: { type: 'int', description: 'any integer' } });
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(parseConfig(ints, { n: String(n) }).n).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noDefaultInfinity: true, noNaN: true }), (x) => {
        const numbers = defineConfigSchema({ x: { type: 'number', description: 'any number' } });
        // String(-0) is '0', so compare with ===, which equates the zeros.
        expect(parseConfig(numbers, { x: String(x) }).x === x).toBe(true);
      }),
    );
  });

  it('checks the schema where it is declared', () => {
    expect(
      configError(() =>
        defineConfigSchema({ port: { type: 'int', max: 10, default: 11, description: 'p' } }),
      ).key,
    ).toBe('port');
    expect(
      configError(() => defineConfigSchema({ 'bad-key': { type: 'string', description: 'k' } }))
        .key,
    ).toBe('bad-key');
    expect(
      configError(() => defineConfigSchema({ e: { type: 'enum', values: [], description: 'e' } }))
        .key,
    ).toBe('e');
  });
});

describe('names', () => {
  it('derives env variables and flags from camelCase keys', () => {
    expect(envVarName('listenAddress')).toBe('FEDRA_LISTEN_ADDRESS');
    expect(envVarName('maxParams2d', 'X_')).toBe('X_MAX_PARAMS2D');
    expect(flagName('redisUrl')).toBe('--redis-url');
  });
});

describe('parseDuration', () => {
  it('reads the documented forms', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('1.1s')).toBe(1100);
    expect(parseDuration('0')).toBe(0);
  });

  it.each(['', '5', 's', '1.5ms', '-1s', '1 s', '1s ', '1x', '1.s', 'ms1'])(
    'rejects %j',
    (text) => {
      expect(() => parseDuration(text)).toThrow(FedraError);
    },
  );

  it('round-trips through formatDuration for every safe millisecond count', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
    expect(formatDuration(90_061_001)).toBe('1d1h1m1s1ms');
    expect(formatDuration(0)).toBe('0s');
  });

  it('sums any sequence of parts', () => {
    const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom('ms', 's', 'm', 'h', 'd')),
          { minLength: 1, maxLength: 6 },
        ),
        (parts) => {
          const text = parts.map(([count, unit]) => `${count}${unit}`).join('');
          const total = parts.reduce((sum, [count, unit]) => sum + count * units[unit], 0);
          expect(parseDuration(text)).toBe(total);
        },
      ),
    );
  });
});

describe('parseHostPort', () => {
  it('reads names, IPv4 and bracketed IPv6', () => {
    expect(parseHostPort('localhost:0')).toEqual({ host: 'localhost', port: 0 });
    expect(parseHostPort('10.0.0.1:50051')).toEqual({ host: '10.0.0.1', port: 50051 });
    expect(parseHostPort('[::1]:443')).toEqual({ host: '::1', port: 443 });
    expect(parseHostPort('coordinator.fedra.svc.cluster.local:50051').port).toBe(50051);
  });

  it.each([
    'localhost',
    ':50051',
    'host:',
    'host:65536',
    'host:-1',
    '::1:80',
    '[::1]80',
    '[nope]:1',
    'a b:1',
  ])('rejects %j', (text) => {
    expect(() => parseHostPort(text)).toThrow(FedraError);
  });

  it('can refuse port 0, and formats back', () => {
    expect(() => parseHostPort('localhost:0', { allowPortZero: false })).toThrow(FedraError);
    fc.assert(
      fc.property(
        fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain()),
        fc.integer({ min: 0, max: 65_535 }),
        (host, port) => {
          expect(parseHostPort(formatHostPort({ host, port }))).toEqual({ host, port });
        },
      ),
    );
  });
});
