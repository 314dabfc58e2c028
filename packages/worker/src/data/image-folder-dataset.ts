/**
 * Image-folder datasets: `<path>/<class name>/<image>.png|.jpg|.jpeg`.
 *
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidArgumentError } from '@fedra/common';
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Dataset } from './dataset.js';
import type { ImageFolderDatasetConfig } from './dataset-config.js';
import { splitDataset } from './split-dataset.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/**
 * Reads an image folder into a {@link Dataset}. Every image must be exactly
 * `inputShape[0] x inputShape[1]` pixels (no silent resizing: a wrong size
 * usually means the wrong data); the error names the file. Images are
 * converted to grayscale (ITU-R 601 luma) or RGB as `inputShape[2]` says,
 * alpha is dropped, and pixels are scaled to [0, 1]. Files with other
 * extensions and dot-files are skipped.
 */
export async function loadImageFolderDataset(config: ImageFolderDatasetConfig): Promise<Dataset> {
  const [height, width, channels] = config.inputShape;
  const meta = { dataset: config.name };
  let entries;
  try {
    entries = await readdir(config.path, { withFileTypes: true });
  } catch (error) {
    throw new InvalidArgumentError('path', `cannot read folder ${config.path}`, {
      cause: error,
      metadata: meta,
    });
  }
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const classNames = config.classNames ?? folders;
  for (const name of classNames) {
    if (!folders.includes(name)) {
      throw new InvalidArgumentError(
        'classNames',
        `class folder ${name} not found in ${config.path}`,
        {
          metadata: meta,
        },
      );
    }
  }
  if (classNames.length < 2) {
    throw new InvalidArgumentError(
      'classNames',
      `${config.path} needs at least two class folders, found ${classNames.length}`,
      { metadata: meta },
    );
  }
  const size = height * width * channels;
  const images: Float32Array[] = [];
  const labels: number[] = [];
  for (const [label, className] of classNames.entries()) {
    const dir = join(config.path, className);
    const files = (await readdir(dir, { withFileTypes: true }))
      .filter(
        (e) =>
          e.isFile() &&
          !e.name.startsWith('.') &&
          IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase()),
      )
      .map((e) => e.name)
      .sort();
    for (const file of files) {
      const shown = `${className}/${file}`;
      const rgba = decodeImage(await readFile(join(dir, file)), shown, meta);
      if (rgba.width !== width || rgba.height !== height) {
        throw new InvalidArgumentError(
          'inputShape',
          `${shown} is ${rgba.width}x${rgba.height} pixels but the dataset declares ${width}x${height} (width x height)`,
          { metadata: { ...meta, file: shown } },
        );
      }
      images.push(toPixels(rgba.data, width * height, channels));
      labels.push(label);
    }
  }
  if (images.length === 0) {
    throw new InvalidArgumentError('path', `${config.path} holds no PNG or JPEG images`, {
      metadata: meta,
    });
  }
  const xs = new Float32Array(images.length * size);
  images.forEach((image, i) => {
    xs.set(image, i * size);
  });
  const split = splitDataset(
    { xs, ys: Int32Array.from(labels) },
    { exampleSize: size, validationFraction: config.validationFraction, seed: config.seed },
  );
  return {
    name: config.name,
    inputShape: [height, width, channels],
    numClasses: classNames.length,
    classNames: [...classNames],
    ...split,
  };
}

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decodeImage(bytes: Buffer, shown: string, meta: Record<string, string>): Rgba {
  const isPng = bytes.subarray(0, 8).equals(PNG_SIGNATURE);
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  try {
    if (isPng) return PNG.sync.read(bytes);
    if (isJpeg) {
      return decodeJpeg(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: 64,
        maxMemoryUsageInMB: 256,
      });
    }
  } catch (error) {
    throw new InvalidArgumentError('path', `${shown} could not be decoded`, {
      cause: error,
      metadata: { ...meta, file: shown },
    });
  }
  throw new InvalidArgumentError('path', `${shown} is neither a PNG nor a JPEG image`, {
    metadata: { ...meta, file: shown },
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function toPixels(rgba: Uint8Array, pixels: number, channels: number): Float32Array {
  const out = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const r = rgba[p * 4] as number;
    const g = rgba[p * 4 + 1] as number;
    const b = rgba[p * 4 + 2] as number;
    if (channels === 1) {
      out[p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    } else {
      out[p * 3] = r / 255;
      out[p * 3 + 1] = g / 255;
      out[p * 3 + 2] = b / 255;
    }
  }
  return out;
}
