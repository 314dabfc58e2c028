/**
 * The coordinator's configuration: command-line flags and `FEDRA_*`
 * environment variables, parsed once against one schema into a validated,
 * frozen object (flags win over the environment, which wins over
 * defaults). Unknown flags or variables and bad values are ConfigErrors
 * naming the key, its flag and its variable.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import {
  ConfigError,
  defineConfigSchema,
  flagName,
  formatHostPort,
  parseConfig,
} from '@fedra/common';
import type { ConfigValues } from '@fedra/common';
import type { CoordinatorOptions } from './server.js';

/** Every coordinator setting. */
export const COORDINATOR_CONFIG = defineConfigSchema({
  listen: {
    type: 'hostport',
    default: '127.0.0.1:50051',
    description: 'gRPC listen address (host:port)',
  },
  redis: {
    type: 'url',
    protocols: ['redis:', 'rediss:'],
    required: true,
    description: 'Redis URL holding all coordinator state and the job queues',
  },
  insecure: {
    type: 'bool',
    default: false,
    description: 'serve without TLS; callers name their own identity (local development only)',
  },
  tlsCa: { type: 'path', description: 'PEM file of the CAs client certificates must chain to' },
  tlsCert: { type: 'path', description: "PEM file of the coordinator's certificate" },
  tlsKey: { type: 'path', secret: true, description: "PEM file of the coordinator's private key" },
  federation: {
    type: 'string',
    default: 'fedra.local',
    description: 'the federation (SPIFFE trust domain)',
  },
  modelStore: {
    type: 'path',
    default: '.fedra/models',
    description: 'model store directory (shared by replicas)',
  },
  keyPrefix: { type: 'string', default: 'fedra', description: 'prefix of every Redis key' },
  metricsPort: {
    type: 'int',
    min: 0,
    max: 65_535,
    description:
      'serve Prometheus /metrics and /healthz over HTTP on this port (0: a free port; unset: off)',
  },
  metricsHost: {
    type: 'string',
    description: 'host the metrics server binds (default: the host of --listen)',
  },
  unmaskThreads: {
    type: 'int',
    min: 1,
    max: 256,
    description: 'threads that remove masks at the end of a round (default: the CPU count)',
  },
  logLevel: {
    type: 'enum',
    values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'],
    default: 'info',
    description: 'log level',
  },
  replicaId: { type: 'string', description: 'this replica id (default: host name and process id)' },
  runEngine: { type: 'bool', default: true, description: 'run round jobs on this replica' },
  lockDuration: {
    type: 'duration',
    min: 100,
    max: 3_600_000,
    description:
      "how long a round job's lock lasts without renewal; a replica stalled longer loses the job to another (default 30s)",
  },
  stalledInterval: {
    type: 'duration',
    min: 50,
    max: 3_600_000,
    description: 'how often this replica looks for round jobs whose lock expired (default 15s)',
  },
  maxStalledCount: {
    type: 'int',
    min: 1,
    max: 1_000_000,
    description: 'how often one round job may stall before it fails (default 20)',
  },
  sweepInterval: {
    type: 'duration',
    min: 50,
    max: 3_600_000,
    description:
      'how often this replica re-queues what a crashed step left undone in running experiments (default 5s)',
  },
  closingTimeout: {
    type: 'duration',
    min: 100,
    max: 86_400_000,
    description:
      'how long a driver may hold a stage before the sweep lets another replica take it over (default 2m)',
  },
});

/** The parsed configuration. */
export type CoordinatorConfig = ConfigValues<typeof COORDINATOR_CONFIG>;

const BOOLEAN_FLAGS = new Set(['insecure', 'run-engine']);

/**
 * Parses flags (`--listen 0.0.0.0:50051`, `--insecure`, `--run-engine=false`)
 * and the environment.
 *
 * @throws ConfigError naming the offending key; also for TLS files given
 *   with `--insecure`, or missing without it.
 */
export function loadCoordinatorConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CoordinatorConfig {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const key of Object.keys(COORDINATOR_CONFIG)) {
    const flag = flagName(key).slice(2);
    options[flag] = { type: BOOLEAN_FLAGS.has(flag) ? 'boolean' : 'string' };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    // Boolean flags may also be written --flag=false.
    const normalized = args.map((arg) => {
      const match = /^--([a-z-]+)=(.*)$/.exec(arg);
      return match !== null && BOOLEAN_FLAGS.has(match[1] ?? '')
        ? `--${match[2] === 'false' ? 'no-' : ''}${match[1] ?? ''}`
        : arg;
    });
    ({ values } = parseArgs({
      args: normalized,
      options,
      strict: true,
      allowPositionals: false,
      allowNegative: true,
    }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (error) {
    throw new ConfigError(
      'argv',
      error instanceof Error ? error.message : 'cannot parse the command line',
      { cause: error },
    );
  }
  const inputs: Record<string, string | undefined> = {};
  for (const [flag, value] of Object.entries(values)) {
    inputs[flag] = value === undefined ? undefined : String(value);
  }
  const config = parseConfig(COORDINATOR_CONFIG, inputs, { env });
  const tls = [config.tlsCa, config.tlsCert, config.tlsKey];
  if (config.insecure && tls.some((path) => path !== undefined)) {
    throw new ConfigError(
      'insecure',
      '--insecure contradicts --tls-ca/--tls-cert/--tls-key; choose one',
    );
  }
  if (!config.insecure) {
    for (const [key, path] of [
      ['tlsCa', config.tlsCa],
      ['tlsCert', config.tlsCert],
      ['tlsKey', config.tlsKey],
    ] as const) {
      if (path === undefined) {
        throw new ConfigError(
          key,
          `${key} (${flagName(key)}) is required unless --insecure is set`,
        );
      }
    }
  }
  return config;
}

/** The {@link CoordinatorOptions} of a configuration (TLS PEM read by the caller). */
export function coordinatorOptions(
  config: CoordinatorConfig,
  tls: CoordinatorOptions['tls'],
): Omit<CoordinatorOptions, 'logger'> {
  return {
    redisUrl: config.redis,
    listen: formatHostPort(config.listen),
    insecure: config.insecure,
    tls,
    federation: config.federation,
    modelStore: config.modelStore,
    keyPrefix: config.keyPrefix,
    replicaId: config.replicaId,
    runEngine: config.runEngine,
    metricsPort: config.metricsPort,
    metricsHost: config.metricsHost,
    unmaskThreads: config.unmaskThreads,
    engine: {
      lockDurationMs: config.lockDuration,
      stalledIntervalMs: config.stalledInterval,
      maxStalledCount: config.maxStalledCount,
      sweepIntervalMs: config.sweepInterval,
      closingTimeoutMs: config.closingTimeout,
    },
  };
}
