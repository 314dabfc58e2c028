import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@fedra/common';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageFolderDataset } from './image-folder-dataset.js';

let dir: string;

/** A solid image of one RGB colour. */
function rgba(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([r, g, b, 255], p * 4);
  return data;
}

function png(width: number, height: number, colour: [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  image.data = rgba(width, height, colour);
  return PNG.sync.write(image);
}

function jpeg(width: number, height: number, colour: [number, number, number]): Buffer {
  return encodeJpeg({ width, height, data: rgba(width, height, colour) }, 95).data;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fedra-images-'));
  const root = join(dir, 'ok');
  await mkdir(join(root, 'dark'), { recursive: true });
  await mkdir(join(root, 'red'), { recursive: true });
  for (let i = 0; i < 3; i++) {
    await writeFile(join(root, 'dark', `d${i}.png`), png(4, 3, [10, 10, 10]));
    await writeFile(join(root, 'red', `r${i}.jpg`), jpeg(4, 3, [250, 0, 0]));
  }
  await writeFile(join(root, 'red', 'notes.txt'), 'ignored');
  await writeFile(join(root, 'red', '.hidden.png'), 'ignored');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadImageFolderDataset', () => {
  it('reads PNG and JPEG images as RGB, one class per subfolder', async () => {
    const ds = await loadImageFolderDataset({
      name: 'img',
      format: 'image-folder',
      path: join(dir, 'ok'),
      inputShape: [3, 4, 3],
      validationFraction: 0,
    });
    expect(ds.classNames).toEqual(['dark', 'red']);
    expect(ds.numClasses).toBe(2);
    expect(ds.train.ys.length).toBe(6);
    for (let i = 0; i < 6; i++) {
      const pixels = ds.train.xs.subarray(i * 36, i * 36 + 36);
      const [r, g, b] = [pixels[0] as number, pixels[1] as number, pixels[2] as number];
      if (ds.train.ys[i] === 0) {
        expect(r).toBeCloseTo(10 / 255, 5);
        expect(g).toBeCloseTo(10 / 255, 5);
      } else {
        // JPEG is lossy: close to pure red, not exact.
        expect(r).toBeGreaterThan(0.9);
        expect(g).toBeLessThan(0.1);
        expect(b).toBeLessThan(0.1);
      }
    }
  });

  it('converts to grayscale and follows the given class order', async () => {
    const ds = await loadImageFolderDataset({
      name: 'gray',
      format: 'image-folder',
      path: join(dir, 'ok'),
      inputShape: [3, 4, 1],
      classNames: ['red', 'dark'],
      validationFraction: 0,
    });
    for (let i = 0; i < 6; i++) {
      const value = ds.train.xs[i * 12] as number;
      if (ds.train.ys[i] === 1) expect(value).toBeCloseTo(10 / 255, 5);
      else expect(value).toBeCloseTo((0.299 * 250) / 255, 1);
    }
  });

  it('rejects an image of another size, naming the file', async () => {
    const root = join(dir, 'sizes');
    await mkdir(join(root, 'a'), { recursive: true });
    await mkdir(join(root, 'b'), { recursive: true });
    await writeFile(join(root, 'a', 'fine.png'), png(4, 3, [0, 0, 0]));
    await writeFile(join(root, 'b', 'big.jpg'), jpeg(5, 3, [0, 0, 0]));
    const error = (await loadImageFolderDataset({
      name: 'sizes',
      format: 'image-folder',
      path: root,
      inputShape: [3, 4, 1],
    }).catch((e: unknown) => e)) as InvalidArgumentError;
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.field).toBe('inputShape');
    expect(error.message).toContain('b/big.jpg is 5x3');
    expect(error.metadata['file']).toBe('b/big.jpg');
  });

  it('rejects corrupt images and missing class folders', async () => {
    const root = join(dir, 'corrupt');
    await mkdir(join(root, 'a'), { recursive: true });
    await mkdir(join(root, 'b'), { recursive: true });
    await writeFile(join(root, 'a', 'x.png'), Buffer.from('not a png'));
    const corrupt = (await loadImageFolderDataset({
      name: 'c',
      format: 'image-folder',
      path: root,
      inputShape: [3, 4, 1],
    }).catch((e: unknown) => e)) as InvalidArgumentError;
    expect(corrupt.field).toBe('path');
    expect(corrupt.message).toContain('a/x.png');
    const missing = (await loadImageFolderDataset({
      name: 'c',
      format: 'image-folder',
      path: root,
      inputShape: [3, 4, 1],
      classNames: ['a', 'zebra'],
    }).catch((e: unknown) => e)) as InvalidArgumentError;
    expect(missing.field).toBe('classNames');
  });
});
