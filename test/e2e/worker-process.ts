/**
 * A worker as a real child process: `packages/worker/src/main.ts` (the
 * `pnpm worker` entry point) in insecure mode, its pino JSON log read line
 * by line (`JsonLogChild`) so a test can wait for (and act on) what it
 * logs, and SIGKILLed for a real crash. Test code only.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv, JsonLogChild } from '@fedra/coordinator/testing';

/** Options of {@link WorkerProcess.spawn}. */
export interface WorkerProcessOptions {
  readonly coordinator: string;
  readonly federation: string;
  readonly region: string;
  readonly workerId: string;
  readonly stateDir: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../packages/worker/src/main.ts', import.meta.url));

/** A worker child process; see the module doc. */
export class WorkerProcess extends JsonLogChild {
  /** Starts `main.ts` with the options as flags (health endpoint on a free port). */
  static spawn(options: WorkerProcessOptions): WorkerProcess {
    const args = [
      '--conditions=@fedra/source',
      '--import',
      'tsx',
      MAIN,
      '--coordinator',
      options.coordinator,
      '--insecure',
      '--federation',
      options.federation,
      '--region',
      options.region,
      '--worker-id',
      options.workerId,
      '--state-dir',
      options.stateDir,
      '--health-port',
      '0',
      '--log-level',
      'info',
    ];
    return new WorkerProcess(
      `worker ${options.workerId}`,
      spawn(process.execPath, args, {
        cwd: REPO_ROOT,
        env: childEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }
}
