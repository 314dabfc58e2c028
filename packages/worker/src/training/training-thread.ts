/**
 * The training thread's entry point (see `TrainingHost`). It owns the tfjs
 * backend and the region's datasets, and runs one job at a time in the
 * order they arrive, so a long training run never blocks the worker's main
 * thread (heartbeats, task stream) and tfjs-node is loaded by one thread
 * only.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { FedraError, InvalidArgumentError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset.js';
import { validateDataset } from '../data/dataset.js';
import { loadDataset } from '../data/load-dataset.js';
import { selectBackend } from './backend.js';
import type {
  DatasetSummary,
  HostEvaluateRequest,
  ThreadReply,
  ThreadRequest,
} from './training-protocol.js';
import { toThreadError } from './training-protocol.js';
import { evaluateLocal, trainLocal } from './trainer.js';

const port = parentPort;
if (port === null) {
  throw new FedraError('INTERNAL', 'training-thread must be started as a worker thread');
}

const datasets = new Map<string, Dataset>();
let initialised = false;
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: ThreadRequest) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: ThreadRequest): Promise<void> {
  let reply: ThreadReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const value = await dispatch(message, transfer);
    reply = { id: message.id, ok: true, value };
  } catch (error) {
    reply = { id: message.id, ok: false, error: toThreadError(error) };
  }
  try {
    port?.postMessage(reply, transfer);
  } catch (error) {
    // A reply that cannot be cloned must still settle the caller's promise.
    port?.postMessage({
      id: message.id,
      ok: false,
      error: toThreadError(error),
    } satisfies ThreadReply);
  }
  if (message.op === 'close') port?.close();
}

async function dispatch(message: ThreadRequest, transfer: ArrayBuffer[]): Promise<unknown> {
  if (message.op === 'init') {
    const selection = await selectBackend({ backend: message.backend });
    initialised = true;
    return selection;
  }
  if (!initialised && message.op !== 'close') {
    throw new FedraError('INTERNAL', 'the training thread was used before init');
  }
  switch (message.op) {
    case 'addDataset':
      return hold(message.dataset);
    case 'loadDataset':
      return hold(await loadDataset(message.config));
    case 'removeDataset':
      return datasets.delete(message.name);
    case 'train': {
      const { dataset: name, ...request } = message.request;
      const result = await trainLocal(request, datasetNamed(name));
      transfer.push(result.delta.buffer as ArrayBuffer);
      return result;
    }
    case 'evaluate':
      return evaluate(message.request);
    case 'memory':
      return tf.memory().numTensors;
    case 'close':
      datasets.clear();
      tf.disposeVariables();
      return true;
  }
}

function hold(dataset: Dataset): DatasetSummary {
  validateDataset(dataset);
  datasets.set(dataset.name, dataset);
  return {
    name: dataset.name,
    inputShape: dataset.inputShape,
    numClasses: dataset.numClasses,
    trainExamples: dataset.train.ys.length,
    validationExamples: dataset.validation.ys.length,
    ...(dataset.classNames === undefined ? {} : { classNames: dataset.classNames }),
  };
}

function datasetNamed(name: string): Dataset {
  const dataset = datasets.get(name);
  if (dataset === undefined) {
    throw new InvalidArgumentError(
      'dataset',
      `the training thread holds no dataset named ${name}`,
      {
        metadata: { dataset: name },
      },
    );
  }
  return dataset;
}

function evaluate(request: HostEvaluateRequest): Promise<unknown> {
  const common = {
    topology: request.topology,
    weights: request.weights,
    ...(request.batchSize === undefined ? {} : { batchSize: request.batchSize }),
    ...(request.lossClip === undefined ? {} : { lossClip: request.lossClip }),
  };
  if ('data' in request) return evaluateLocal({ ...common, data: request.data });
  const dataset = datasetNamed(request.dataset);
  return evaluateLocal({ ...common, data: dataset[request.split ?? 'validation'] });
}
