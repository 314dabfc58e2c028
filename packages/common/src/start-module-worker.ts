/**
 * Starting a `worker_threads` thread on an ES module of a Fedra package,
 * the same way from TypeScript sources (vitest, `tsx`) and from compiled
 * `dist`.
 *
 * From `dist` the entry is a plain `.js` file and `new Worker(url)` is
 * enough. From sources the entry is `.ts`, and Node 20 applies neither the
 * parent's `--import tsx` nor loader flags to a worker's entry module, so
 * the thread starts on a one-line bootstrap that registers tsx's ESM hooks
 * in the thread (`tsx/esm/api` `register()`) and then imports the `.ts`
 * entry with the `@fedra/source` condition, so workspace packages resolve
 * to their sources as they do in the parent.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';
import { FedraError } from './errors.js';

/** The export condition that resolves workspace packages to their TypeScript sources. */
export const SOURCE_CONDITION = '@fedra/source';

/** Options of {@link startModuleWorker}: those of `new Worker()`, without `eval`. */
export type ModuleWorkerOptions = Omit<WorkerOptions, 'eval'>;

/** Where a module worker starts: the entry file and whether it runs from TypeScript sources. */
export interface ModuleWorkerEntry {
  /** The entry module's file URL (`.ts` from sources, `.js` from `dist`). */
  readonly url: URL;
  /** The entry is TypeScript and needs tsx's hooks in the thread. */
  readonly fromSource: boolean;
}

/**
 * Resolves a worker entry written as a relative import (`'./x-thread.js'`)
 * against the calling module's `import.meta.url`. When the caller is itself
 * a `.ts` source, the entry is its `.ts` sibling (the NodeNext convention:
 * a `.js` specifier names a `.ts` source).
 */
export function resolveModuleWorkerEntry(
  specifier: string,
  parentUrl: string | URL,
): ModuleWorkerEntry {
  const parent = new URL(parentUrl);
  const fromSource = /\.[mc]?ts$/.test(parent.pathname);
  const url = new URL(specifier, parent);
  if (fromSource) url.pathname = url.pathname.replace(/\.([mc]?)js$/, '.$1ts');
  return { url, fromSource };
}

/**
 * Starts a worker thread on the module `specifier` (relative to
 * `parentUrl`, usually the caller's `import.meta.url`); see the module doc.
 *
 * @example
 * ```ts
 * const worker = startModuleWorker('./unmask-thread.js', import.meta.url, { name: 'fedra-unmask' });
 * ```
 *
 * @throws FedraError `UNAVAILABLE` when started from sources and `tsx`
 *   cannot be resolved from the entry's package.
 */
export function startModuleWorker(
  specifier: string,
  parentUrl: string | URL,
  options: ModuleWorkerOptions = {},
): Worker {
  const entry = resolveModuleWorkerEntry(specifier, parentUrl);
  if (!entry.fromSource) return new Worker(entry.url, options);
  let api: string;
  try {
    api = tsxEsmApi(entry.url);
  } catch (error) {
    throw new FedraError('UNAVAILABLE', 'starting a worker thread from sources needs tsx', {
      cause: error,
      metadata: { dependency: 'tsx' },
    });
  }
  const bootstrap =
    `import(${JSON.stringify(api)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.url.href)}); });`;
  const execArgv = [...(options.execArgv ?? [])];
  if (!execArgv.some((arg) => arg === `--conditions=${SOURCE_CONDITION}`)) {
    execArgv.push(`--conditions=${SOURCE_CONDITION}`);
  }
  return new Worker(bootstrap, { ...options, eval: true, execArgv });
}

/**
 * The file URL of tsx's ESM `register()` API, resolved from `from`'s
 * package. Its CommonJS build cannot register hooks in an eval'd thread
 * (it resolves its loader against the wrong folder), so this reads the
 * `import` target of `./esm/api` from tsx's export map.
 */
function tsxEsmApi(from: URL): string {
  const require = createRequire(from);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as {
    exports?: Record<string, { import?: { default?: string } } | string>;
  };
  const api = manifest.exports?.['./esm/api'];
  const relative = typeof api === 'object' ? api.import?.default : undefined;
  if (relative === undefined) {
    throw new FedraError('UNAVAILABLE', 'tsx has no ./esm/api import entry', {
      metadata: { dependency: 'tsx' },
    });
  }
  return new URL(relative, pathToFileURL(manifestPath)).href;
}
