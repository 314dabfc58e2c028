/**
 * A worker as a real child process: `packages/worker/src/main.ts` (the
 * `pnpm worker` entry point) in insecure mode, its pino JSON log parsed line
 * by line so a test can wait for (and act on) what it logs, and SIGKILLed
 * for a real crash. Test code only.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One parsed line of the worker's stdout (a non-JSON line becomes `{ msg: line }`). */
export interface WorkerLogLine {
  readonly msg?: string;
  readonly [field: string]: unknown;
}

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
const STDERR_TAIL = 4_000;

/** A worker child process; see the module doc. */
export class WorkerProcess {
  readonly child: ChildProcess;
  /** Every line it wrote to stdout so far. */
  readonly lines: WorkerLogLine[] = [];
  readonly exited: Promise<void>;
  readonly #waiters = new Set<(line: WorkerLogLine) => boolean>();
  #stderr = '';

  private constructor(child: ChildProcess) {
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.#stderr = (this.#stderr + text).slice(-STDERR_TAIL);
    });
    if (child.stdout !== null)
      createInterface({ input: child.stdout }).on('line', (text) => {
        let line: WorkerLogLine;
        try {
          const parsed = JSON.parse(text) as unknown;
          line =
            typeof parsed === 'object' && parsed !== null
              ? (parsed as WorkerLogLine)
              : { msg: text };
        } catch {
          line = { msg: text };
        }
        this.lines.push(line);
        for (const waiter of [...this.#waiters]) if (waiter(line)) this.#waiters.delete(waiter);
      });
  }

  /** Starts `main.ts` with the options as flags (health endpoint on a free port). */
  static spawn(options: WorkerProcessOptions): WorkerProcess {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env))
      if (value !== undefined && !name.startsWith('FEDRA_') && name !== 'NODE_OPTIONS')
        env[name] = value;
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
      spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  /**
   * The first line (already written or yet to come) that matches.
   *
   * @throws Error after `timeoutMs`, or when the process exits first (with its stderr).
   */
  waitForLine(
    predicate: (line: WorkerLogLine) => boolean,
    what: string,
    timeoutMs = 120_000,
  ): Promise<WorkerLogLine> {
    const seen = this.lines.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = (line: WorkerLogLine): boolean => {
        if (!predicate(line)) return false;
        clearTimeout(timer);
        resolve(line);
        return true;
      };
      const fail = (why: string): void => {
        if (!this.#waiters.delete(waiter)) return;
        clearTimeout(timer);
        reject(new Error(`worker process: ${why} waiting for ${what}; stderr: ${this.#stderr}`));
      };
      const timer = setTimeout(() => {
        fail(`nothing in ${timeoutMs} ms`);
      }, timeoutMs);
      this.#waiters.add(waiter);
      void this.exited.then(() => {
        fail('exited');
      });
    });
  }

  /** SIGKILL (no graceful leave) and wait for the exit. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
