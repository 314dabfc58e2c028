/**
 * The worker's entry point: `pnpm worker -- --coordinator 127.0.0.1:50051
 * --data <dir> --insecure --region eu --worker-id w1` (and, later, `fedra
 * worker`). Reads flags and `FEDRA_*` variables once ({@link parseWorkerConfig}),
 * logs JSON with pino (credentials redacted), runs until SIGINT/SIGTERM,
 * then shuts down gracefully. Exits 2 on bad configuration. The only module
 * of the package that reads `process.env`.
 *
 * `--federation` (`FEDRA_FEDERATION`, default `fedra.local`, the
 * coordinator's default) names the SPIFFE trust domain an insecure worker
 * claims its identity in; with TLS the policy's trust bundle names it.
 *
 * With TLS (`--tls-ca`, `--tls-cert`, `--tls-key`, `--policy`) the worker
 * takes its id and region from its certificate, signs its secure-aggregation
 * messages with the key behind it, and admits peers only when their
 * certificates chain to the region CAs the policy pins. The health and
 * metrics endpoint listens on `--health-port` (default 9464).
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, FedraError, flagName, redactPaths, shutdownOnSignals } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { createEd25519Identity } from '@fedra/secagg';
import type { IdentityVerifier } from '@fedra/secagg';
import type { DatasetConfig } from './data/dataset-config.js';
import { loadRegionPolicy } from './policy/load-region-policy.js';
import type { RegionPolicy } from './policy/region-policy.js';
import { startHealthServer } from './runtime/health-server.js';
import type { HealthServer } from './runtime/health-server.js';
import { Worker } from './runtime/worker.js';
import type { WorkerOptions } from './runtime/worker.js';
import { loadTlsIdentity } from './runtime/worker-certificate.js';
import { WorkerMetrics } from './runtime/worker-metrics.js';
import { parseWorkerConfig, WORKER_CONFIG_SCHEMA } from './worker-config.js';
import type { WorkerConfig } from './worker-config.js';

/** The federation an insecure worker claims when none is named (the coordinator's default). */
export const DEFAULT_FEDERATION = 'fedra.local';

/** Exit status for bad configuration. */
export const EXIT_BAD_CONFIG = 2;

/**
 * Parses `argv` (flags as `--coordinator host:port`, booleans as `--insecure`)
 * and `env` into the worker's configuration and the federation.
 *
 * @throws ConfigError naming the flag for unknown flags and bad values.
 */
export function loadWorkerConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { config: WorkerConfig; federation: string } {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    federation: { type: 'string' },
  };
  const booleans = new Set<string>();
  for (const [key, field] of Object.entries(WORKER_CONFIG_SCHEMA)) {
    const flag = flagName(key).slice(2);
    const boolean = (field as { type: string }).type === 'bool';
    if (boolean) booleans.add(key);
    options[flag] = { type: boolean ? 'boolean' : 'string' };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (error) {
    throw new ConfigError('argv', (error as Error).message, { cause: error });
  }
  const inputs: Record<string, string | undefined> = {};
  for (const key of Object.keys(WORKER_CONFIG_SCHEMA)) {
    const value = values[flagName(key).slice(2)];
    if (value !== undefined) inputs[key] = String(value);
  }
  const federation =
    (typeof values['federation'] === 'string' ? values['federation'] : undefined) ??
    env['FEDRA_FEDERATION'] ??
    DEFAULT_FEDERATION;
  const filteredEnv = Object.fromEntries(
    Object.entries(env).filter(([name]) => name !== 'FEDRA_FEDERATION'),
  );
  return { config: parseWorkerConfig(inputs, { env: filteredEnv }), federation };
}

// Insecure peers have no certificates to check signatures against; an
// insecure coordinator accepts any too. Never used with TLS.
const INSECURE_VERIFIER: IdentityVerifier = { verify: () => Promise.resolve(true) };

/**
 * Starts a worker from the command line and environment.
 *
 * @returns the running worker, its `run()` promise and its health endpoint.
 * @throws ConfigError for bad configuration (including unreadable
 *   certificate files, and a certificate its peers would refuse).
 */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<{ worker: Worker; done: Promise<void>; health: HealthServer }> {
  const { config, federation } = loadWorkerConfig(argv, env);
  const logger: Logger = pino({
    level: config.logLevel,
    base: { service: 'fedra-worker' },
    redact: { paths: [...redactPaths], censor: '[redacted]' },
  });
  const policy: RegionPolicy | undefined =
    config.policyFile === undefined
      ? undefined
      : await loadRegionPolicy(config.policyFile, { dataDir: config.dataDir });
  const metrics = new WorkerMetrics();
  const common = {
    coordinator: `${config.coordinator.host}:${config.coordinator.port}`,
    backend: config.backend,
    stateDir: config.stateDir,
    logger,
    metrics,
  } satisfies Partial<WorkerOptions>;
  let worker: Worker;
  if (config.connection.mode === 'tls') {
    if (policy === undefined)
      throw new ConfigError('policy', 'policy (--policy) is required with TLS');
    const {
      credentials,
      certificate: own,
      peerVerifier,
    } = await loadTlsIdentity(config.connection, policy);
    logger.info(
      {
        workerId: own.workerId,
        region: own.region,
        certificateNotAfter: own.notAfter,
        pinnedRegions: peerVerifier.regions,
      },
      'identity from the certificate; peers checked against the pinned region CAs',
    );
    worker = await Worker.create({
      ...common,
      credentials,
      signer: own.signer,
      peerVerifier,
      policy,
      datasets: Object.values(policy.datasets),
    });
  } else {
    const { workerId, region } = config.connection;
    const datasets: DatasetConfig[] =
      policy !== undefined
        ? Object.values(policy.datasets)
        : [{ name: 'mnist', format: 'mnist', shard: 0, shards: 1, inputShape: [784] }];
    if (policy === undefined)
      logger.warn({ datasets: ['mnist'] }, 'no policy file: offering the MNIST demo dataset only');
    worker = await Worker.create({
      ...common,
      credentials: { mode: 'insecure', federation, region, workerId },
      signer: createEd25519Identity(workerId).signer,
      verifier: INSECURE_VERIFIER,
      policy,
      datasets,
    });
  }
  let health: HealthServer;
  try {
    health = await startHealthServer({
      registry: metrics.registry,
      state: () => worker.state,
      port: config.healthPort,
      logger,
    });
  } catch (error) {
    await worker.shutdown();
    throw error;
  }
  const done = worker.run();
  shutdownOnSignals(async () => {
    await worker.shutdown();
    await health.close();
  }, logger);
  return { worker, done, health };
}

async function cli(): Promise<void> {
  try {
    const { done } = await main();
    await done;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`fedra worker: ${error.message}\n`);
      process.exit(EXIT_BAD_CONFIG);
    }
    const code = error instanceof FedraError ? error.code : 'INTERNAL';
    process.stderr.write(`fedra worker: failed (${code}): ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await cli();
}
