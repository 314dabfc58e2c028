/**
 * The worker's own configuration: command-line flags and `FEDRA_*`
 * environment variables, parsed once by the worker's entry point into a
 * frozen {@link WorkerConfig}. What the region allows lives elsewhere, in
 * the policy file this config points to.
 *
 * Two connection modes, never mixed:
 * - TLS (production): `--tls-ca`, `--tls-cert`, `--tls-key`. The worker's
 *   identity and region come from its certificate.
 * - `--insecure` (local development only): no TLS; `--region` and
 *   `--worker-id` stand in for the certificate.
 *
 * @example
 * ```ts
 * const config = parseWorkerConfig(flags, { env: process.env });
 * if (config.connection.mode === 'insecure') log.warn({ region: config.connection.region }, 'insecure mode');
 * ```
 *
 * @module
 */
import { ConfigError, defineConfigSchema, envVarName, flagName, parseConfig } from '@fedra/common';
import type { HostPort, ParseConfigOptions } from '@fedra/common';

/** The training backends `--backend` accepts; `auto` picks the best available. */
export const WORKER_BACKENDS = ['auto', 'tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;

/** A value of `--backend`. */
export type WorkerBackend = (typeof WORKER_BACKENDS)[number];

/** Log levels, as pino names them. */
export const WORKER_LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;

/** A value of `--log-level`. */
export type WorkerLogLevel = (typeof WORKER_LOG_LEVELS)[number];

/**
 * The worker's flags. Each key is a flag (`healthPort` -> `--health-port`)
 * and an environment variable (`FEDRA_HEALTH_PORT`); flags win.
 */
export const WORKER_CONFIG_SCHEMA = defineConfigSchema({
  coordinator: {
    type: 'hostport',
    required: true,
    allowPortZero: false,
    description: "the coordinator's gRPC address, host:port",
  },
  tlsCa: {
    type: 'path',
    description: "PEM bundle that authenticates the coordinator's TLS certificate",
  },
  tlsCert: {
    type: 'path',
    description: "this worker's client certificate (PEM), issued by the region CA",
  },
  tlsKey: {
    type: 'path',
    secret: true,
    description: "the client certificate's private key (PEM)",
  },
  insecure: {
    type: 'bool',
    default: false,
    description: 'connect without TLS, for local development only; needs --region and --worker-id',
  },
  region: {
    type: 'string',
    description:
      'with --insecure only: the region this worker claims (TLS takes it from the certificate)',
  },
  workerId: {
    type: 'string',
    description: 'with --insecure only: the worker id this worker claims',
  },
  policy: {
    type: 'path',
    description: "the region's policy file (YAML or JSON); required unless --insecure",
  },
  data: {
    type: 'path',
    default: '/data',
    description: 'the directory holding the datasets the policy names (mounted read-only)',
  },
  backend: {
    type: 'enum',
    values: WORKER_BACKENDS,
    default: 'auto',
    description: 'training backend; auto tries tfjs-node-gpu, tfjs-node, wasm, then cpu',
  },
  healthPort: {
    type: 'int',
    min: 0,
    max: 65_535,
    default: 9464,
    description: 'port of the HTTP health and Prometheus metrics endpoint; 0 picks a free one',
  },
  stateDir: {
    type: 'path',
    default: '/var/lib/fedra',
    description:
      'writable directory where the unmask reveal record and secure-aggregation snapshot persist',
  },
  logLevel: {
    type: 'enum',
    values: WORKER_LOG_LEVELS,
    default: 'info',
    description: 'log level',
  },
});

/** Production connection: mutual TLS; identity and region come from the certificate. */
export interface TlsConnection {
  /** Always `'tls'`. */
  readonly mode: 'tls';
  /** Path of the CA bundle (PEM) that authenticates the coordinator. */
  readonly caFile: string;
  /** Path of this worker's client certificate (PEM). */
  readonly certFile: string;
  /** Path of the certificate's private key (PEM). */
  readonly keyFile: string;
}

/** Development connection: plaintext; region and worker id are claimed, not proven. */
export interface InsecureConnection {
  /** Always `'insecure'`. */
  readonly mode: 'insecure';
  /** The region this worker claims (`--region`). */
  readonly region: string;
  /** The worker id this worker claims (`--worker-id`). */
  readonly workerId: string;
}

/** A validated, frozen worker configuration. */
export interface WorkerConfig {
  /** The coordinator's gRPC address. */
  readonly coordinator: HostPort;
  /** How the worker authenticates; the union keeps TLS and insecure settings apart. */
  readonly connection: TlsConnection | InsecureConnection;
  /**
   * Path of the region policy file. Always set in TLS mode; in insecure
   * mode it may be absent, and what the worker then allows is the worker
   * runtime's decision.
   */
  readonly policyFile: string | undefined;
  /**
   * The data directory; relative dataset paths in the policy resolve against it.
   * @default '/data'
   */
  readonly dataDir: string;
  /**
   * The training backend.
   * @default 'auto'
   */
  readonly backend: WorkerBackend;
  /**
   * Port of the health and metrics HTTP endpoint.
   * @default 9464
   */
  readonly healthPort: number;
  /**
   * Writable directory for state that must survive a restart: the record of
   * shares revealed at unmask (so a restarted worker never reveals both
   * shares of one peer) and the secure-aggregation session snapshot.
   * @default '/var/lib/fedra'
   */
  readonly stateDir: string;
  /**
   * Log level.
   * @default 'info'
   */
  readonly logLevel: WorkerLogLevel;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Parses the worker's flags and environment into a {@link WorkerConfig}.
 * `inputs` are flag values keyed by schema key or flag name; pass
 * `process.env` as `options.env`.
 *
 * @throws ConfigError naming the key for unknown keys, bad values, a
 *   missing required key, and contradictions: TLS files with `--insecure`,
 *   `--region`/`--worker-id` without it, an incomplete TLS set, or no
 *   policy file in TLS mode.
 */
export function parseWorkerConfig(
  inputs: Readonly<Record<string, string | undefined>>,
  options: ParseConfigOptions = {},
): WorkerConfig {
  const raw = parseConfig(WORKER_CONFIG_SCHEMA, inputs, options);
  const fail = (key: string, message: string): never => {
    throw new ConfigError(key, message, { envVar: envVarName(key, options.envPrefix) });
  };
  let connection: TlsConnection | InsecureConnection;
  if (raw.insecure) {
    for (const key of ['tlsCa', 'tlsCert', 'tlsKey'] as const) {
      if (raw[key] !== undefined) {
        fail(
          key,
          `${key} (${flagName(key)}) cannot be combined with --insecure; choose TLS or insecure mode`,
        );
      }
    }
    const region =
      raw.region ??
      fail(
        'region',
        'region (--region) is required with --insecure: it stands in for the certificate',
      );
    const workerId =
      raw.workerId ??
      fail(
        'workerId',
        'workerId (--worker-id) is required with --insecure: it stands in for the certificate',
      );
    if (!ID.test(region)) fail('region', `region must match ${ID.source}`);
    if (!ID.test(workerId)) fail('workerId', `workerId must match ${ID.source}`);
    connection = { mode: 'insecure', region, workerId };
  } else {
    for (const key of ['region', 'workerId'] as const) {
      if (raw[key] !== undefined) {
        fail(
          key,
          `${key} (${flagName(key)}) is only for --insecure; with TLS the ${key === 'region' ? 'region' : 'worker id'} comes from the certificate`,
        );
      }
    }
    const caFile = raw.tlsCa ?? fail('tlsCa', missingTls('tlsCa'));
    const certFile = raw.tlsCert ?? fail('tlsCert', missingTls('tlsCert'));
    const keyFile = raw.tlsKey ?? fail('tlsKey', missingTls('tlsKey'));
    connection = { mode: 'tls', caFile, certFile, keyFile };
  }
  if (connection.mode === 'tls' && raw.policy === undefined) {
    fail(
      'policy',
      'policy (--policy or FEDRA_POLICY) is required: the region policy decides what trains on this data',
    );
  }
  return Object.freeze({
    coordinator: raw.coordinator,
    connection: Object.freeze(connection),
    policyFile: raw.policy,
    dataDir: raw.data,
    backend: raw.backend,
    healthPort: raw.healthPort,
    stateDir: raw.stateDir,
    logLevel: raw.logLevel,
  });
}

function missingTls(key: 'tlsCa' | 'tlsCert' | 'tlsKey'): string {
  return `${key} (${flagName(key)}) is required: give --tls-ca, --tls-cert and --tls-key, or --insecure for local development`;
}
