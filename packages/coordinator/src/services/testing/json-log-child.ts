/**
 * A child process whose stdout is a pino JSON log, read line by line so a
 * test can wait for (and act on) what it logs, and signal or SIGKILL it.
 * The coordinator replicas of the fault tests and the worker processes of
 * the end-to-end kill test are both this. Test code only.
 *
 * @module
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One parsed line of a child's stdout (a non-JSON line becomes `{ msg: line }`). */
export interface LogLine {
  readonly msg?: string;
  readonly level?: number;
  readonly [field: string]: unknown;
}

/** Most stderr kept for error messages. */
const STDERR_TAIL = 4_000;

interface Waiter {
  readonly predicate: (line: LogLine) => boolean;
  readonly resolve: (line: LogLine) => void;
}

/** See the module doc. */
export class JsonLogChild {
  /** Names the process in error messages, e.g. `coordinator r1`. */
  readonly label: string;
  readonly child: ChildProcess;
  /** Every line it wrote to stdout so far. */
  readonly lines: LogLine[] = [];
  /** Called with every new stdout line. */
  onLine: ((line: LogLine) => void) | undefined;
  /** Resolves when it exited. */
  readonly exit: Promise<void>;
  readonly #waiters = new Set<Waiter>();
  #stderr = '';
  #exited = false;

  constructor(label: string, child: ChildProcess) {
    this.label = label;
    this.child = child;
    this.exit = new Promise((resolve) => {
      child.once('exit', () => {
        this.#exited = true;
        resolve();
      });
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.#stderr = (this.#stderr + text).slice(-STDERR_TAIL);
    });
    if (child.stdout !== null) {
      createInterface({ input: child.stdout }).on('line', (text) => {
        this.#line(text);
      });
    }
  }

  /** The process id. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** True once it exited. */
  get exited(): boolean {
    return this.#exited;
  }

  /** The end of its stderr, for error messages. */
  get stderr(): string {
    return this.#stderr;
  }

  #line(text: string): void {
    let line: LogLine;
    try {
      const parsed = JSON.parse(text) as unknown;
      line = typeof parsed === 'object' && parsed !== null ? (parsed as LogLine) : { msg: text };
    } catch {
      line = { msg: text };
    }
    this.lines.push(line);
    this.onLine?.(line);
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate(line)) {
        this.#waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  }

  /**
   * The first line (already written or yet to come) that matches.
   *
   * @throws Error after `timeoutMs`, or when the process exits first (with its stderr).
   */
  waitForLine(
    predicate: (line: LogLine) => boolean,
    timeoutMs: number,
    what = 'a log line',
  ): Promise<LogLine> {
    const seen = this.lines.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const fail = (why: string): void => {
        this.#waiters.delete(waiter);
        clearTimeout(timer);
        reject(new Error(`${this.label}: ${why} waiting for ${what}; stderr: ${this.#stderr}`));
      };
      const waiter: Waiter = {
        predicate,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        fail(`no match in ${timeoutMs} ms`);
      }, timeoutMs);
      this.#waiters.add(waiter);
      void this.exit.then(() => {
        if (this.#waiters.has(waiter)) fail('exited');
      });
    });
  }

  /** Sends `signal` (SIGSTOP, SIGCONT…) unless it exited. */
  signal(signal: NodeJS.Signals): void {
    if (!this.#exited) this.child.kill(signal);
  }

  /** SIGKILLs it (no graceful leave) and waits until it is gone. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exit;
  }
}

/** Our environment without FEDRA_* and NODE_OPTIONS: a child's config must come from its flags. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('FEDRA_') || name === 'NODE_OPTIONS') continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}
