/**
 * Preload (`node --import`) of the coordinator child processes of the
 * fault-injection tests (see `coordinator-process.ts`): arms the fault
 * points named in the environment (see `fault-points.ts`), and ends the
 * process when the test process that spawned it goes away (it holds our
 * stdin), so that a crashed test run leaves no replica behind. Test code
 * only.
 *
 * @module
 */
import { installFaultPoints } from './fault-points.js';

installFaultPoints(process.env);
process.stdin.on('end', () => {
  process.exit(1);
});
process.stdin.resume();
