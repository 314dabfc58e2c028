/**
 * `pnpm demo`: runs {@link runDemo} and narrates it. Flags: `--workers N`
 * (3), `--rounds N` (3), `--redis URL` (`FEDRA_REDIS_URL`, else
 * redis://127.0.0.1:6379), `--keep` (keep the model store). The coordinator's
 * and workers' JSON logs go to a file whose path is printed, so they do not
 * interleave with the narration. Ctrl-C stops cleanly; a second one exits.
 *
 * @module
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, FedraError, redactPaths } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { runDemo } from './demo.js';
import type { DemoEvent, DemoOptions } from './demo.js';

const USAGE =
  'usage: pnpm demo [--workers 3] [--rounds 3] [--redis redis://127.0.0.1:6379] [--keep]';

/** Parses the demo's flags; `FEDRA_REDIS_URL` sets the Redis URL when `--redis` is absent. */
export function parseDemoArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Pick<DemoOptions, 'workers' | 'rounds' | 'redisUrl' | 'keep'> & { readonly help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        workers: { type: 'string' },
        rounds: { type: 'string' },
        redis: { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError('argv', `${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const integer = (key: 'workers' | 'rounds', fallback: number): number => {
    const text = values[key];
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text))
      throw new ConfigError(key, `--${key} must be a whole number, got ${text}`);
    return Number(text);
  };
  return {
    workers: integer('workers', 3),
    rounds: integer('rounds', 3),
    redisUrl: values.redis ?? env['FEDRA_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    keep: values.keep ?? false,
    help: values.help ?? false,
  };
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Turns each progress event into the lines a person watching reads. */
export function describeEvent(event: DemoEvent): string[] {
  switch (event.type) {
    case 'coordinator':
      return [
        `coordinator  listening on 127.0.0.1:${event.port} (insecure mode: local demo only)`,
        `             Redis keys under ${event.keyPrefix}; model store in ${event.workDir}`,
      ];
    case 'worker': {
      const w = event.worker;
      return [
        `worker ${w.workerId.padEnd(4)} region ${w.region.padEnd(5)} mostly digits ${w.majorityDigits.join(',').padEnd(8)} ` +
          `${String(w.examples).padStart(5)} examples  backend ${w.backend}: ${w.backendReason}`,
      ];
    }
    case 'experiment':
      return [
        `experiment   ${event.experimentId}: demo MLP, ${event.parameters} parameters, ${event.rounds} rounds of FedAvg with secure aggregation`,
        `             held-out accuracy before training: ${percent(event.initialAccuracy)}`,
        '',
        'round  participants  survivors  mean loss  held-out acc  seconds',
      ];
    case 'round': {
      const r = event.round;
      return [
        `${String(r.roundNumber).padStart(5)}  ${String(r.participants).padStart(12)}  ${String(r.survivors).padStart(9)}  ` +
          `${r.meanLoss.toFixed(4).padStart(9)}  ${percent(r.accuracy).padStart(12)}  ${r.seconds.toFixed(1).padStart(7)}`,
      ];
    }
    case 'cleanup':
      return [
        '',
        `cleanup      stopping workers and coordinator, deleting the demo's Redis keys${event.kept ? '' : ' and files'}`,
      ];
  }
}

/**
 * Runs the demo from the command line; resolves with the exit code.
 * Only this entry reads `process.env` and installs signal handlers.
 */
export async function demoMain(
  argv: readonly string[] = process.argv.slice(2),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  let args;
  try {
    args = parseDemoArgs(argv, env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const logFile = join(
    tmpdir(),
    `fedra-demo-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
  );
  // Synchronous: a few hundred lines per run, and an async stream cannot be flushed before it opens.
  const destination = pino.destination({ dest: logFile, sync: true, mkdir: true });
  const logger: Logger = pino(
    { level: 'info', redact: { paths: [...redactPaths], censor: '[redacted]' } },
    destination,
  );
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(130);
    console.log('\nstopping (Ctrl-C again to exit at once)…');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  console.log(
    `Fedra demo: ${args.workers} regional workers learn MNIST together; raw data never leaves a region.`,
  );
  console.log(`logs         ${logFile}`);
  try {
    const result = await runDemo({
      ...args,
      logger,
      signal: stop.signal,
      onProgress: (event) => {
        for (const line of describeEvent(event)) console.log(line);
      },
    });
    const first = result.rounds[0];
    const last = result.rounds[result.rounds.length - 1];
    console.log('');
    if (first !== undefined && last !== undefined)
      console.log(
        `summary      held-out accuracy ${percent(result.initialAccuracy)} before training, ` +
          `${percent(first.accuracy)} after round 1, ${percent(last.accuracy)} after round ${last.roundNumber}`,
      );
    const regions = [...new Set(result.workers.map((w) => w.region))].join(', ');
    console.log(
      `             what left each region (${regions}): signed public keys, encrypted key shares and masked\n` +
        "             updates; the coordinator only ever unmasked their sum, never one region's update or data",
    );
    if (args.keep) console.log(`             model store kept in ${result.workDir}`);
    return 0;
  } catch (error) {
    const e = FedraError.from(error);
    if (e.code === 'CANCELLED') {
      console.log('stopped; everything the demo started was cleaned up');
      return 130;
    }
    logger.error({ code: e.code, err: e.cause ?? e }, 'demo failed');
    console.error(`demo failed: ${error instanceof FedraError ? e.message : String(error)}`);
    if (e.code !== 'UNAVAILABLE') console.error(`details in ${logFile}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// Run only as the entry, so tests can import the helpers above.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Exit explicitly: tfjs and gRPC can leave handles that would keep the process up.
  process.exit(await demoMain());
}
