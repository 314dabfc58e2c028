/**
 * An attempt held open in setup, for tests of what the services say about a
 * live round: the workers register but never answer the invitation. Test
 * code only.
 *
 * @module
 */
import type { AttemptRecord } from '../../state/state-types.js';
import type { CoordinatorFixture } from './coordinator-fixture.js';
import { createAndStart, testSpec } from './coordinator-fixture.js';

/** How long the attempt may take to open before the test gives up. */
const OPEN_TIMEOUT_MS = 20_000;

/**
 * Starts `workers` workers that drop before setup, creates and starts a
 * one-round experiment whose setup deadline is a minute away, and waits
 * until round 1, attempt 1 exists.
 *
 * @returns the attempt as first stored (its `experimentId` names the experiment).
 */
export async function openStalledAttempt(
  f: CoordinatorFixture,
  workers: number,
): Promise<AttemptRecord> {
  await f.startWorkers(workers, { dropAt: () => 'before-setup' });
  const spec = testSpec({ rounds: 1 });
  const experimentId = await createAndStart(f, {
    ...spec,
    deadlines: { ...spec.deadlines, setup: { seconds: 60 } },
  });
  const until = Date.now() + OPEN_TIMEOUT_MS;
  for (;;) {
    const found = await f.coordinator.context.attempts.get({
      experimentId,
      roundNumber: 1,
      attempt: 1,
    });
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('the attempt did not open');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
