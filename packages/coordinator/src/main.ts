/**
 * The coordinator's entry point: `pnpm coordinator -- --listen
 * 127.0.0.1:50051 --redis redis://127.0.0.1:6379 --insecure` (and, later,
 * `fedra coordinator`). Reads flags and `FEDRA_*` variables, logs JSON
 * with pino (credentials redacted), serves until SIGINT/SIGTERM, then
 * shuts down gracefully. The only module of the package that reads
 * `process.env`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { setDefaultHighWaterMark } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { ConfigError, FedraError, redactPaths, shutdownOnSignals } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { coordinatorOptions, loadCoordinatorConfig } from './coordinator-config.js';
import { Coordinator } from './server.js';

function readPem(key: string, path: string | undefined): string {
  if (path === undefined) throw new ConfigError(key, `${key} is required`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(key, `${key}: cannot read ${path}`, { cause: error });
  }
}

/**
 * grpc-js reads a client stream into an object-mode Readable, which by
 * default reads 16 messages ahead of the handler: with 1 MiB upload chunks
 * and n workers uploading at once, up to n x 16 MiB waiting in memory. One
 * message ahead is enough to keep the handler busy. Process-wide (Node has
 * no per-stream knob that grpc-js exposes), so only the entry points set it:
 * this one and the round benchmark's coordinator.
 */
export function bufferOneMessagePerStream(): void {
  setDefaultHighWaterMark(true, 1);
}

/**
 * Starts a coordinator from the command line and environment.
 *
 * @returns the running coordinator (tests and the CLI stop it themselves).
 * @throws ConfigError for bad configuration.
 */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Coordinator> {
  const config = loadCoordinatorConfig(argv, env);
  bufferOneMessagePerStream();
  const logger: Logger = pino({
    level: config.logLevel,
    base: { service: 'fedra-coordinator' },
    redact: { paths: [...redactPaths], censor: '[redacted]' },
  });
  const tls = config.insecure
    ? undefined
    : {
        caPem: readPem('tlsCa', config.tlsCa),
        certPem: readPem('tlsCert', config.tlsCert),
        keyPem: readPem('tlsKey', config.tlsKey),
      };
  const coordinator = await Coordinator.create({ ...coordinatorOptions(config, tls), logger });
  await coordinator.start();
  shutdownOnSignals(() => coordinator.shutdown(), logger);
  return coordinator;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    const message = error instanceof FedraError ? `${error.code}: ${error.message}` : String(error);
    process.stderr.write(`fedra coordinator: ${message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
