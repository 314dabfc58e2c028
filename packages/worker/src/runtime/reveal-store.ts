/**
 * Persists each attempt's {@link RevealRecord} in the worker's state
 * directory, atomically (write a temporary file, fsync, rename), so a worker
 * that restarts after an unmask response never reveals the other secret of
 * the same peer. The worker saves the record BEFORE it sends the response,
 * and opens every attempt's session through {@link RevealStore.openSession},
 * which loads the record an earlier run of the worker left.
 *
 * @module
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ParticipantSession, RevealRecord } from '@fedra/secagg';
import type { ParticipantSessionOptions, RevealRecordJSON, RevealScope } from '@fedra/secagg';

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

  /**
   * Starts a participant session that carries the record persisted for its
   * attempt, so what an earlier run of the worker revealed still binds it.
   * `session.revealRecord.size > 0` means this participant already answered
   * an unmask request of the attempt (and, its secrets gone with the old
   * process, must not take part again).
   *
   * @throws what `ParticipantSession.create` and {@link RevealStore.load} throw.
   */
  async openSession(
    options: Omit<ParticipantSessionOptions, 'revealRecord'>,
  ): Promise<ParticipantSession> {
    const { config, signer, verifier } = options;
    const revealRecord = await this.load({
      experimentId: config.experimentId,
      roundNumber: config.roundNumber,
      attempt: config.attempt,
      participantId: signer.participantId,
    });
    return ParticipantSession.create({ config, signer, verifier, revealRecord });
  }
}
