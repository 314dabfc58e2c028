/**
 * Gradient kernels the tfjs wasm backend (4.22) lacks, so convolutional
 * models train there instead of failing with "Cannot find registered kernel
 * 'Conv2DBackpropFilter' for backend 'wasm'".
 *
 * Each kernel is registered in the tfjs kernel registry for backend `wasm`
 * and computes its result with ops the wasm backend runs natively
 * (XNNPACK convolutions, transposes, pads), so it is as fast as a forward
 * convolution rather than a JavaScript loop:
 *
 * - `Conv2DBackpropFilter`: the filter gradient is itself a convolution. With
 *   the batch as channels (x -> [inC, H, W, batch]) and dy as a filter
 *   dilated by the stride (dy -> [outH, outW, batch, outC]), one conv2d
 *   gives [inC, fH, fW, outC]. (tfjs-wasm's own Conv3DBackpropFilterV2,
 *   the obvious shortcut, is 10x slower and wrong for strides > 1.)
 * - `Conv2DBackpropInput` (stride 1 only; wasm has a native kernel, kept for
 *   strides > 1): a full correlation of dy with the flipped filter, 3-13x
 *   faster than the native loop on training shapes.
 * - `DepthwiseConv2dNativeBackpropFilter` / `…Input`: the same two ideas
 *   with depthwise convolutions (batch folded into channels for the filter;
 *   dy dilated by the stride for the input).
 *
 * Kernels run inside `engine.runKernel`, so tape recording is off; the ops
 * they call are tidied and only the result survives.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';
import type {
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropInputAttrs,
  DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';

/** What {@link registerWasmKernels} did. */
export interface WasmKernelRegistration {
  /** Kernels registered by this call. */
  readonly registered: readonly string[];
  /** Kernels Fedra had already registered (an earlier call); left as they are. */
  readonly alreadyRegistered: readonly string[];
  /** Kernels the wasm backend already provides natively; left as they are. */
  readonly native: readonly string[];
}

const BACKEND = 'wasm';
const MARK = Symbol.for('fedra.wasmKernel');

/**
 * Registers Fedra's wasm gradient kernels. Idempotent: a kernel Fedra
 * already registered, or one the wasm backend provides natively, is left
 * alone (except `Conv2DBackpropInput`, whose native kernel is wrapped once
 * so stride 1 takes the faster path). Safe to call before or after the
 * wasm backend initialises.
 */
export function registerWasmKernels(): WasmKernelRegistration {
  const registered: string[] = [];
  const alreadyRegistered: string[] = [];
  const native: string[] = [];
  const missingKernels: [string, KernelFunc][] = [
    ['Conv2DBackpropFilter', conv2dBackpropFilter],
    ['DepthwiseConv2dNativeBackpropFilter', depthwiseBackpropFilter],
    ['DepthwiseConv2dNativeBackpropInput', depthwiseBackpropInput],
  ];
  for (const [kernelName, kernelFunc] of missingKernels) {
    const existing = findKernel(kernelName);
    if (existing !== undefined) {
      (isFedraKernel(existing) ? alreadyRegistered : native).push(kernelName);
      continue;
    }
    tf.registerKernel(mark({ kernelName, backendName: BACKEND, kernelFunc }));
    registered.push(kernelName);
  }

  const inputKernel = findKernel('Conv2DBackpropInput');
  if (inputKernel !== undefined && isFedraKernel(inputKernel)) {
    alreadyRegistered.push('Conv2DBackpropInput');
  } else {
    const nativeInput = inputKernel?.kernelFunc;
    if (inputKernel !== undefined) tf.unregisterKernel('Conv2DBackpropInput', BACKEND);
    tf.registerKernel(
      mark({
        kernelName: 'Conv2DBackpropInput',
        backendName: BACKEND,
        // The native kernel's setup (its cwrap) must still run when the
        // backend initialises after this registration.
        ...(inputKernel?.setupFunc === undefined ? {} : { setupFunc: inputKernel.setupFunc }),
        kernelFunc: (args) => {
          const { strides } = args.attrs as unknown as Conv2DBackpropInputAttrs;
          const [sh, sw] = pair(strides);
          return (sh === 1 && sw === 1) || nativeInput === undefined
            ? conv2dBackpropInput(args)
            : nativeInput(args);
        },
      }),
    );
    registered.push('Conv2DBackpropInput');
  }
  return { registered, alreadyRegistered, native };
}

/** The registered wasm kernel, if any (tf.getKernel is typed as never missing). */
function findKernel(kernelName: string): KernelConfig | undefined {
  return tf.getKernel(kernelName, BACKEND);
}

function mark(config: KernelConfig): KernelConfig {
  Object.defineProperty(config.kernelFunc, MARK, { value: true });
  return config;
}

function isFedraKernel(config: KernelConfig): boolean {
  return (config.kernelFunc as unknown as Record<symbol, unknown>)[MARK] === true;
}

type KernelArgs = Parameters<KernelFunc>[0];

/** dW = conv2d(x as [inC, H, W, batch], dy as [outH, outW, batch, outC], dilation = stride). */
function conv2dBackpropFilter({ inputs, attrs }: KernelArgs): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  requireChannelsLast(dataFormat, 'Conv2DBackpropFilter');
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return tf.tidy(() => {
    const xt = tf.transpose(asTensor(x), [3, 1, 2, 0]);
    const dyt = tf.transpose(asTensor(dy), [1, 2, 0, 3]) as tf.Tensor4D;
    const windowed = padToFilterWindow(xt, info);
    const dw = tf.conv2d(windowed, dyt, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
    return tf.transpose(dw, [1, 2, 0, 3]);
  });
}

/** dx = conv2d(dy padded for a full correlation, filter flipped with in/out swapped); stride 1. */
function conv2dBackpropInput({ inputs, attrs }: KernelArgs): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
    attrs as unknown as Conv2DBackpropInputAttrs;
  requireChannelsLast(dataFormat, 'Conv2DBackpropInput');
  const dy = input(inputs, 'dy');
  const filter = input(inputs, 'filter');
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return tf.tidy(() => {
    const flipped = tf.transpose(tf.reverse(asTensor(filter), [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    const padded = padForFullCorrelation(asTensor(dy) as tf.Tensor4D, info);
    return tf.conv2d(padded, flipped, 1, 'valid');
  });
}

/** dW = depthwise(x as [1, H, W, batch*C], dy as [outH, outW, batch*C, M], dilation = stride), summed over batch. */
function depthwiseBackpropFilter({ inputs, attrs }: KernelArgs): TensorInfo {
  const { strides, pad, dimRoundingMode, filterShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    true,
  );
  const [fh, fw, channels, multiplier] = filterShape;
  const { batchSize, inHeight, inWidth, outHeight, outWidth } = info;
  return tf.tidy(() => {
    const xr = tf.reshape(tf.transpose(asTensor(x), [1, 2, 0, 3]), [
      1,
      inHeight,
      inWidth,
      batchSize * channels,
    ]);
    const dyr = tf.reshape<tf.Rank.R4>(tf.transpose(asTensor(dy), [1, 2, 0, 3]), [
      outHeight,
      outWidth,
      batchSize * channels,
      multiplier,
    ]);
    const windowed = padToFilterWindow(xr, info);
    const perExample = tf.depthwiseConv2d(windowed, dyr, 1, 'valid', 'NHWC', [
      info.strideHeight,
      info.strideWidth,
    ]);
    return tf.sum(tf.reshape(perExample, [fh, fw, batchSize, channels, multiplier]), 2);
  });
}

/** dx = depthwise(dy dilated by the stride and padded, filter flipped), summed over the multiplier. */
function depthwiseBackpropInput({ inputs, attrs }: KernelArgs): TensorInfo {
  const { strides, pad, dimRoundingMode, inputShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const dy = input(inputs, 'dy');
  const filter = input(inputs, 'filter');
  const [fh, fw, channels, multiplier] = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    [fh, fw, channels, multiplier],
    strides,
    1,
    pad,
    dimRoundingMode,
    true,
  );
  return tf.tidy(() => {
    const flipped = tf.reshape<tf.Rank.R4>(tf.reverse(asTensor(filter), [0, 1]), [
      fh,
      fw,
      channels * multiplier,
      1,
    ]);
    const dilated = dilate(asTensor(dy) as tf.Tensor4D, info.strideHeight, info.strideWidth);
    const padded = padForFullCorrelation(dilated, info);
    const perMultiplier = tf.depthwiseConv2d(padded, flipped, 1, 'valid');
    return tf.sum(
      tf.reshape(perMultiplier, [
        info.batchSize,
        info.inHeight,
        info.inWidth,
        channels,
        multiplier,
      ]),
      4,
    );
  });
}

/**
 * Pads (or crops) axes 1 and 2 of `t` (whose spatial size is the forward
 * input's) so that a 'valid' correlation with the stride-dilated dy yields
 * exactly filterHeight x filterWidth outputs.
 */
function padToFilterWindow(t: tf.Tensor, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  const rows = info.filterHeight + (info.outHeight - 1) * info.strideHeight;
  const cols = info.filterWidth + (info.outWidth - 1) * info.strideWidth;
  const { top, left } = info.padInfo;
  return padOrCrop(
    t as tf.Tensor4D,
    top,
    rows - info.inHeight - top,
    left,
    cols - info.inWidth - left,
  );
}

/**
 * Pads (or crops) a stride-1 dy so that a 'valid' correlation with the
 * flipped filter yields the forward input's spatial size.
 */
function padForFullCorrelation(dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  const top = info.filterHeight - 1 - info.padInfo.top;
  const left = info.filterWidth - 1 - info.padInfo.left;
  const [, rows, cols] = dy.shape;
  return padOrCrop(
    dy,
    top,
    info.inHeight + info.filterHeight - 1 - top - rows,
    left,
    info.inWidth + info.filterWidth - 1 - left - cols,
  );
}

/** Inserts stride-1 zeros between rows and columns: [b, h, w, c] -> [b, (h-1)s+1, (w-1)s+1, c]. */
function dilate(t: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return t;
  const [b, h, w, c] = t.shape;
  const spread = tf.pad(tf.reshape(t, [b, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return tf.slice(
    tf.reshape<tf.Rank.R4>(spread, [b, h * sh, w * sw, c]),
    [0, 0, 0, 0],
    [b, (h - 1) * sh + 1, (w - 1) * sw + 1, c],
  );
}

/** Pads axes 1 and 2 by the positive amounts and crops by the negative ones. */
function padOrCrop(
  t: tf.Tensor4D,
  top: number,
  bottom: number,
  left: number,
  right: number,
): tf.Tensor4D {
  let out = t;
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [b, h, w, c] = out.shape;
    const t0 = Math.max(0, -top);
    const l0 = Math.max(0, -left);
    out = tf.slice(
      out,
      [0, t0, l0, 0],
      [b, h - t0 - Math.max(0, -bottom), w - l0 - Math.max(0, -right), c],
    );
  }
  if (top > 0 || bottom > 0 || left > 0 || right > 0) {
    out = tf.pad(out, [
      [0, 0],
      [Math.max(0, top), Math.max(0, bottom)],
      [Math.max(0, left), Math.max(0, right)],
      [0, 0],
    ]);
  }
  return out;
}

function pair(value: number | readonly [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

function input(inputs: KernelArgs['inputs'], name: string): TensorInfo {
  const info = inputs[name];
  if (info === undefined) throw new FedraError('INTERNAL', `wasm kernel input ${name} is missing`);
  return info;
}

/** The engine hands kernels Tensors; wrap anything else so ops accept it. */
function asTensor(info: TensorInfo): tf.Tensor {
  return isTensor(info) ? info : tf.engine().makeTensorFromTensorInfo(info);
}

function isTensor(info: TensorInfo): info is tf.Tensor {
  return info instanceof tf.Tensor;
}

function requireChannelsLast(dataFormat: string, kernel: string): void {
  // The wasm forward Conv2D itself only supports NHWC, so NCHW never gets here
  // from a model that ran forward on wasm.
  if (dataFormat !== 'NHWC') {
    throw new FedraError(
      'UNIMPLEMENTED',
      `${kernel} on wasm supports dataFormat NHWC only, got ${dataFormat}`,
    );
  }
}
