import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { resolveModuleWorkerEntry, startModuleWorker } from './start-module-worker.js';

function roundTrip(worker: Worker, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(message);
  });
}

describe('resolveModuleWorkerEntry', () => {
  it('maps a .js specifier to the .ts sibling when the caller is a source file', () => {
    const entry = resolveModuleWorkerEntry('./x-thread.js', 'file:///repo/src/engine/pool.ts');
    expect(entry).toEqual({
      url: new URL('file:///repo/src/engine/x-thread.ts'),
      fromSource: true,
    });
  });

  it('keeps the .js entry when the caller is compiled', () => {
    const entry = resolveModuleWorkerEntry('../x-thread.js', 'file:///repo/dist/engine/pool.js');
    expect(entry).toEqual({ url: new URL('file:///repo/dist/x-thread.js'), fromSource: false });
  });
});

describe('startModuleWorker', () => {
  it('runs a TypeScript entry and its workspace imports from sources', async () => {
    const worker = startModuleWorker('./testing/echo-thread.js', import.meta.url);
    try {
      expect(await roundTrip(worker, { n: 7 })).toEqual({
        echo: { n: 7 },
        env: 'FEDRA_LISTEN_ADDRESS',
        execArgv: expect.arrayContaining(['--conditions=@fedra/source']) as unknown,
      });
    } finally {
      await worker.terminate();
    }
  });

  it('runs a compiled .js entry directly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedra-module-worker-'));
    try {
      await writeFile(
        join(dir, 'echo.mjs'),
        "import { parentPort } from 'node:worker_threads';\n" +
          'parentPort.on("message", (m) => parentPort.postMessage({ doubled: m * 2 }));\n',
      );
      const parent = pathToFileURL(join(dir, 'caller.js'));
      const worker = startModuleWorker('./echo.mjs', parent);
      try {
        expect(await roundTrip(worker, 21)).toEqual({ doubled: 42 });
      } finally {
        await worker.terminate();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
