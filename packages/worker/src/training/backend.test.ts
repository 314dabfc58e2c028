import { InvalidArgumentError, UnavailableError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendChoice } from './backend.js';
import { importFailureReason, selectBackend } from './backend.js';

describe('selectBackend', () => {
  it('picks wasm here with SIMD, saying why tfjs-node-gpu and tfjs-node were skipped', async () => {
    const selection = await selectBackend({ backend: 'auto' });
    expect(selection.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selection.device).toMatchObject({ tfjsBackend: 'wasm', simd: true, threads: false });
    expect(selection.device.tfjsVersion).toBe(tf.version.tfjs);
    expect(selection.tried).toEqual([
      { backend: 'tfjs-node-gpu', reason: 'not installed' },
      { backend: 'tfjs-node', reason: 'not installed' },
    ]);
    // The wasm gradient kernels come with the wasm backend.
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('treats a native package without its binding, or without a backend, as unavailable', async () => {
    const importModule = (specifier: string): Promise<unknown> => {
      if (specifier === '@tensorflow/tfjs-node-gpu') {
        const error = Object.assign(
          new Error(
            "Cannot find module '/x/node_modules/@tensorflow/tfjs-node-gpu/lib/napi-v8/tfjs_binding.node'",
          ),
          { code: 'MODULE_NOT_FOUND' },
        );
        return Promise.reject(error);
      }
      // Imports "successfully" but registers no tensorflow backend.
      return Promise.resolve({});
    };
    const selection = await selectBackend({ importModule });
    expect(selection.backend).toBe('wasm');
    expect(selection.tried[0]?.reason).toMatch(/^native binding missing/);
    expect(selection.tried[1]?.reason).toMatch(/registered no tensorflow backend/);
  });

  it('refuses a forced backend that is not available, naming it', async () => {
    for (const backend of ['tfjs-node', 'tfjs-node-gpu'] as const) {
      const error: unknown = await selectBackend({ backend }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).dependency).toBe(backend);
      expect((error as Error).message).toBe(`backend ${backend} is not available: not installed`);
    }
    const unknown: unknown = await selectBackend({ backend: 'webgpu' as BackendChoice }).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(InvalidArgumentError);
    expect((unknown as InvalidArgumentError).field).toBe('backend');
  });

  it('switches to a forced cpu backend and back', async () => {
    const cpu = await selectBackend({ backend: 'cpu' });
    expect(cpu).toEqual({
      backend: 'cpu',
      device: { tfjsBackend: 'cpu', tfjsVersion: tf.version.tfjs },
      tried: [],
    });
    expect(tf.getBackend()).toBe('cpu');
    expect((await selectBackend({ backend: 'wasm' })).backend).toBe('wasm');
  });
});

describe('importFailureReason', () => {
  it('classifies import failures', () => {
    const err = (message: string, code?: string): Error =>
      Object.assign(new Error(message), { code });
    expect(
      importFailureReason(
        err("Cannot find package '@tensorflow/tfjs-node'", 'ERR_MODULE_NOT_FOUND'),
      ),
    ).toBe('not installed');
    expect(importFailureReason(err('Cannot find module x', 'MODULE_NOT_FOUND'))).toBe(
      'not installed',
    );
    expect(
      importFailureReason(
        err('libtensorflow.so.2: cannot open shared object file', 'ERR_DLOPEN_FAILED'),
      ),
    ).toBe('libtensorflow could not be loaded: libtensorflow.so.2: cannot open shared object file');
    expect(importFailureReason(err('boom\nstack'))).toBe('boom');
    expect(importFailureReason('x'.repeat(400)).length).toBeLessThan(310);
  });
});
