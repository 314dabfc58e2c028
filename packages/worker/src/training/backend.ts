/**
 * Picks the fastest TensorFlow.js backend this host has and reports what it
 * picked and why it skipped the others, for the worker's start-up log line
 * and for `Register`.
 *
 * Order for `auto`: `tfjs-node-gpu` (CUDA), `tfjs-node` (libtensorflow),
 * `wasm` (XNNPACK with SIMD; single-threaded, since the threaded build does
 * not run in Node), then `cpu` (plain JavaScript, always there). The native
 * packages are optional dependencies; a failed import of either (package
 * absent, or present without its built `tfjs_binding.node`, or libtensorflow
 * missing) means "not available".
 *
 * @module
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InvalidArgumentError, UnavailableError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from './wasm-kernels.js';

/** A backend Fedra can train on, fastest first. */
export type BackendName = 'tfjs-node-gpu' | 'tfjs-node' | 'wasm' | 'cpu';

/** What to ask {@link selectBackend} for: a backend, or the best available. */
export type BackendChoice = 'auto' | BackendName;

/** Every backend, in the order `auto` tries them. */
export const BACKEND_ORDER: readonly BackendName[] = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'];

/** What the chosen backend runs on. */
export interface BackendDevice {
  /** The tfjs backend name underneath (`tensorflow`, `wasm`, `cpu`). */
  readonly tfjsBackend: string;
  /** The tfjs version. */
  readonly tfjsVersion: string;
  /** wasm only: whether the SIMD build is in use. */
  readonly simd?: boolean;
  /** wasm only: whether the multi-threaded build is in use (never in Node). */
  readonly threads?: boolean;
  /** tfjs-node(-gpu) only: whether libtensorflow placed ops on a GPU. */
  readonly gpu?: boolean;
}

/** A backend that was tried and skipped. */
export interface BackendAttempt {
  /** The backend. */
  readonly backend: BackendName;
  /** Why it was skipped, e.g. `not installed`. */
  readonly reason: string;
}

/** The result of {@link selectBackend}. */
export interface BackendSelection {
  /** The backend now active in this thread. */
  readonly backend: BackendName;
  /** What it runs on. */
  readonly device: BackendDevice;
  /** The faster backends that were tried first, and why each was skipped. */
  readonly tried: readonly BackendAttempt[];
}

/** Options for {@link selectBackend}. */
export interface SelectBackendOptions {
  /**
   * The backend to use. A named backend that is not available is an error;
   * `auto` falls back through {@link BACKEND_ORDER}.
   * @default 'auto'
   */
  readonly backend?: BackendChoice;
  /**
   * Imports an optional native package; tests replace it to simulate a
   * package that is installed but broken.
   * @default (specifier) => import(specifier)
   */
  readonly importModule?: (specifier: string) => Promise<unknown>;
}

const NATIVE_PACKAGES = {
  'tfjs-node-gpu': '@tensorflow/tfjs-node-gpu',
  'tfjs-node': '@tensorflow/tfjs-node',
} as const;

/**
 * Activates a backend in this thread (tfjs state is per thread) and returns
 * what it chose. With `wasm`, also registers Fedra's wasm gradient kernels
 * (see `registerWasmKernels`) so convolutional models train there.
 *
 * @throws UnavailableError (`UNAVAILABLE`, `dependency` = the backend) when a
 *   named backend cannot be used; the message says why.
 * @throws InvalidArgumentError (`backend`) for a name that is not a backend.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendSelection> {
  const choice = options.backend ?? 'auto';
  if (choice !== 'auto' && !BACKEND_ORDER.includes(choice)) {
    throw new InvalidArgumentError(
      'backend',
      `unknown backend ${choice}; use auto, ${BACKEND_ORDER.join(', ')}`,
    );
  }
  const importModule = options.importModule ?? ((specifier: string) => import(specifier));
  // The banner tfjs prints on first use of the cpu backend in Node is noise in
  // a worker's log; production mode silences it.
  tf.enableProdMode();
  const candidates = choice === 'auto' ? BACKEND_ORDER : [choice];
  const tried: BackendAttempt[] = [];
  for (const backend of candidates) {
    const reason = await activate(backend, importModule);
    if (reason === undefined) {
      return { backend, device: describeDevice(backend), tried };
    }
    if (choice !== 'auto') {
      throw new UnavailableError(backend, {
        message: `backend ${backend} is not available: ${reason}`,
      });
    }
    tried.push({ backend, reason });
  }
  // cpu cannot fail to activate; reaching here means tfjs itself is broken.
  throw new UnavailableError('cpu', { message: 'no tfjs backend could be activated' });
}

/** Activates `backend`; returns why not, or undefined on success. */
async function activate(
  backend: BackendName,
  importModule: (specifier: string) => Promise<unknown>,
): Promise<string | undefined> {
  try {
    switch (backend) {
      case 'tfjs-node-gpu':
      case 'tfjs-node': {
        try {
          await importModule(NATIVE_PACKAGES[backend]);
        } catch (error) {
          return importFailureReason(error);
        }
        // Typed as always present; it is null when nothing registered the name.
        const factory = tf.findBackendFactory('tensorflow') as (() => unknown) | null;
        if (factory === null) {
          return 'the package loaded but registered no tensorflow backend';
        }
        return (await tf.setBackend('tensorflow'))
          ? undefined
          : 'the tensorflow backend failed to start';
      }
      case 'wasm': {
        prepareWasm();
        if (!(await tf.setBackend('wasm'))) return 'the wasm backend failed to start';
        registerWasmKernels();
        return undefined;
      }
      case 'cpu':
        return (await tf.setBackend('cpu')) ? undefined : 'the cpu backend failed to start';
    }
  } catch (error) {
    return firstLine(error);
  }
}

let wasmPrepared = false;

/**
 * Points the wasm backend at the `.wasm` files inside its npm package, so it
 * loads offline, and turns off the threaded build (it needs Web Workers).
 */
function prepareWasm(): void {
  if (wasmPrepared) return;
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(join(packageDir, 'dist') + '/');
  wasmPrepared = true;
}

function describeDevice(backend: BackendName): BackendDevice {
  const base = { tfjsBackend: tf.getBackend(), tfjsVersion: tf.version.tfjs };
  switch (backend) {
    case 'wasm':
      return {
        ...base,
        simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
        threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
      };
    case 'tfjs-node':
    case 'tfjs-node-gpu': {
      // NodeJSKernelBackend exposes whether libtensorflow found a CUDA device.
      const native = tf.backend() as unknown as { isUsingGpuDevice?: unknown };
      return { ...base, gpu: native.isUsingGpuDevice === true };
    }
    case 'cpu':
      return base;
  }
}

/**
 * Says why an optional native package did not import, in words an operator
 * can act on. Both "absent" and "linked but unbuilt" are expected here.
 */
export function importFailureReason(error: unknown): string {
  const text = firstLine(error);
  if (/tfjs_binding\.node/.test(text)) {
    return 'native binding missing (tfjs_binding.node was not built; libtensorflow download failed at install?)';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (package|module)|Failed to load url/i.test(text)
  ) {
    return 'not installed';
  }
  if (code === 'ERR_DLOPEN_FAILED') return `libtensorflow could not be loaded: ${text}`;
  return text;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
