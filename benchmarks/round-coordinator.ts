/**
 * The coordinator process of `round.bench.ts`: what `main.ts` runs (the same
 * flags through `loadCoordinatorConfig`, pino JSON logs on stdout at the
 * configured level), plus two things only a benchmark wants:
 *
 * - `--participant-keys FILE`: a JSON object `{ workerId: base64 SPKI DER }`
 *   of the scripted participants' Ed25519 keys, checked with a static
 *   verifier. An `--insecure` coordinator would otherwise accept their
 *   signatures unchecked, and the benchmark would miss that CPU. Bench only:
 *   this file is not the coordinator's entry point and is refused without
 *   `--insecure`.
 * - Over the IPC channel (the parent forks this file): `listening` with the
 *   bound port, then `round-opened`, `round-committed` and `attempt-aborted`
 *   with `process.cpuUsage()` (all threads: the unmask and fold workers are
 *   part of this process) and the time, taken inside the log call that marks
 *   the event, so no pipe latency lands in the figures.
 *
 * @module
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { pino } from 'pino';
import type { LogFn } from 'pino';
import { redactPaths, shutdownOnSignals } from '@fedra/common';
import type { Logger } from '@fedra/common';
import {
  bufferOneMessagePerStream,
  Coordinator,
  coordinatorOptions,
  loadCoordinatorConfig,
} from '@fedra/coordinator';
import { createStaticVerifier } from '@fedra/secagg';

/** A round event this process reports. */
export type RoundEventType = 'round-opened' | 'round-committed' | 'attempt-aborted';

/** A message from this process to the benchmark. */
export type CoordinatorEvent =
  | { type: 'listening'; port: number }
  | {
      type: RoundEventType;
      roundNumber: number;
      attempt: number;
      /** `process.cpuUsage()` user + system, microseconds. */
      cpuMicros: number;
      /** `performance.timeOrigin + performance.now()`, ms. */
      atMs: number;
      /** Numeric fields of the log line (`participants`, `k`, `t`, `survivors`, ...). */
      fields: Record<string, number>;
    };

const EVENTS: Readonly<Record<string, RoundEventType>> = {
  'round opened': 'round-opened',
  'round committed': 'round-committed',
  'attempt aborted': 'attempt-aborted',
};

function send(event: CoordinatorEvent): void {
  process.send?.(event);
}

/**
 * `--profile-round R:FILE`: a V8 CPU profile of the main thread from round
 * R's opening to its commit, written to FILE (diagnosis only).
 */
function roundProfiler(spec: string | undefined): (event: CoordinatorEvent) => void {
  if (spec === undefined) return () => undefined;
  const colon = spec.indexOf(':');
  const round = Number(spec.slice(0, colon));
  const file = spec.slice(colon + 1);
  const session = new Session();
  session.connect();
  return (event) => {
    if (event.type === 'listening' || event.roundNumber !== round) return;
    if (event.type === 'round-opened') {
      session.post('Profiler.enable', () => {
        session.post('Profiler.start');
      });
    } else if (event.type === 'round-committed') {
      session.post('Profiler.stop', (error, result) => {
        if (error === null) writeFileSync(file, JSON.stringify(result.profile));
      });
    }
  };
}

function loadParticipantKeys(file: string): ReturnType<typeof createStaticVerifier> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const keys = new Map(
    Object.entries(raw).map(([id, der]) => [
      id,
      createPublicKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'spki' }),
    ]),
  );
  return createStaticVerifier(keys);
}

async function run(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--participant-keys');
  const keysFile = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0) argv.splice(at, 2);
  const profileAt = argv.indexOf('--profile-round');
  const profile = roundProfiler(profileAt >= 0 ? argv[profileAt + 1] : undefined);
  if (profileAt >= 0) argv.splice(profileAt, 2);
  const config = loadCoordinatorConfig(argv, process.env);
  bufferOneMessagePerStream(); // as main.ts does
  if (keysFile !== undefined && !config.insecure)
    throw new Error('--participant-keys is for benchmarks against an --insecure coordinator');
  const logger: Logger = pino({
    level: config.logLevel,
    base: { service: 'fedra-coordinator' },
    redact: { paths: [...redactPaths], censor: '[redacted]' },
    hooks: {
      logMethod(this: pino.Logger, args: Parameters<LogFn>, method: LogFn): void {
        const message = args[1];
        const type = typeof message === 'string' ? EVENTS[message] : undefined;
        if (type !== undefined) {
          const cpu = process.cpuUsage();
          const bindings = this.bindings() as { roundNumber?: number; attempt?: number };
          const fields: Record<string, number> = {};
          const first: unknown = args[0];
          if (typeof first === 'object' && first !== null) {
            for (const [name, value] of Object.entries(first))
              if (typeof value === 'number') fields[name] = value;
          }
          const event: CoordinatorEvent = {
            type,
            roundNumber: bindings.roundNumber ?? 0,
            attempt: bindings.attempt ?? 0,
            cpuMicros: cpu.user + cpu.system,
            atMs: performance.timeOrigin + performance.now(),
            fields,
          };
          send(event);
          profile(event);
        }
        method.apply(this, args);
      },
    },
  });
  const coordinator = await Coordinator.create({
    ...coordinatorOptions(config, undefined),
    logger,
    ...(keysFile === undefined ? {} : { participantVerifier: loadParticipantKeys(keysFile) }),
  });
  const port = await coordinator.start();
  send({ type: 'listening', port });
  shutdownOnSignals(() => coordinator.shutdown(), logger);
  // The benchmark died or let go: never outlive it.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

run().catch((error: unknown) => {
  process.stderr.write(
    `round-coordinator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
