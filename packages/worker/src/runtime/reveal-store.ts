/**
 * Persists each attempt's {@link RevealRecord} in the worker's state
 * directory, atomically (write a temporary file, fsync, rename), so a worker
 * that restarts after an unmask response never reveals the other secret of
 * the same peer. The worker saves the record BEFORE it sends the response.
 *
 * @module
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { RevealRecord } from '@fedra/secagg';
import type { RevealRecordJSON, RevealScope } from '@fedra/secagg';

/** Reveal records under `<stateDir>/reveal/`. */
export class RevealStore {
  readonly #dir: string;

  /** @param stateDir - the worker's writable state directory. */
  constructor(stateDir: string) {
    this.#dir = join(stateDir, 'reveal');
  }

  #path(scope: RevealScope): string {
    // Ids are validated SPIFFE path segments; encoding keeps any other byte out of the name.
    const name = [scope.experimentId, scope.roundNumber, scope.attempt, scope.participantId]
      .map((part) => encodeURIComponent(String(part)))
      .join('_');
    return join(this.#dir, `${name}.json`);
  }

  /** Writes `record` durably, replacing an earlier one of the same attempt. */
  async save(record: RevealRecord): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const path = this.#path(record.scope);
    const temporary = `${path}.${process.pid}.tmp`;
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify(record.toJSON()));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  }

  /** The record saved for `scope`, if any. */
  async load(scope: RevealScope): Promise<RevealRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.#path(scope), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return RevealRecord.fromJSON(JSON.parse(text) as RevealRecordJSON);
  }
}
