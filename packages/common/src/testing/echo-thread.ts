/**
 * Test-only worker entry for `startModuleWorker`: answers each message with
 * the message, a value computed by an imported TypeScript module and the
 * thread's `execArgv`, so the test sees that the entry and its imports
 * resolved and that the source condition was passed on.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { envVarName } from '../config.js';
import { FedraError } from '../errors.js';

const port = parentPort;
if (port === null) throw new FedraError('INTERNAL', 'echo-thread must run as a worker thread');
port.on('message', (message: unknown) => {
  port.postMessage({ echo: message, env: envVarName('listenAddress'), execArgv: process.execArgv });
});
