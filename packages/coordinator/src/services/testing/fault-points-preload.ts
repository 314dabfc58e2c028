/**
 * Preload (`node --import`) that arms the fault points named in the
 * environment (see `fault-points.ts`) in a coordinator child process of the
 * fault-injection tests. Test code only.
 *
 * @module
 */
import { installFaultPoints } from './fault-points.js';

installFaultPoints(process.env);
