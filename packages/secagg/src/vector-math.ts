/**
 * Element-wise arithmetic modulo 2^32 on Uint32Arrays, the inner loop of
 * masking, folding and unmasking.
 *
 * Two kernels: a WebAssembly SIMD one (i32x4.add / i32x4.sub, 4 lanes per
 * instruction, about 20x a scalar JS loop) whose few bytes are assembled
 * below, and a scalar JS loop on Int32Array views (int32 arithmetic stays in
 * V8's fast path, where Uint32 arithmetic spills to doubles) used when
 * WebAssembly SIMD is unavailable or on big-endian hosts (wasm memory is
 * little-endian, typed arrays are host-endian).
 *
 * The SIMD kernel works on wasm memory, so data is copied in and out in
 * 64 KiB pieces; that pays off most when many streams fold into one piece
 * ({@link createPieceFolder}, used by the mask PRG), and is still faster
 * than the scalar loop for a single add.
 *
 * @module
 */
import { FedraError } from '@fedra/common';

/** Elements per piece: 64 KiB of uint32, the size AES-CTR is fastest at. */
export const PIECE_ELEMENTS = 16384;
const PIECE_BYTES = PIECE_ELEMENTS * 4;

/** True on little-endian hosts, where typed arrays and wasm agree on byte order. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

// ---------------------------------------------------------------------------
// The SIMD kernel, assembled by hand. Module: one memory (3 pages, exported
// as "m") and two functions f(dst, src, nBytes) that do
// mem32[dst..] (+|-)= mem32[src..] over nBytes rounded up to 64 (4 vectors
// per iteration), assuming nBytes > 0 and both regions padded to 64 bytes.

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

const UNROLL = 4;
const STEP = UNROLL * 16;
const SIMD_PREFIX = 0xfd;
const V128_LOAD = 0x00;
const V128_STORE = 0x0b;
const I32X4_ADD = [0xae, 0x01]; // 174, LEB128
const I32X4_SUB = [0xb1, 0x01]; // 177, LEB128
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;

function kernelBody(op: number[]): number[] {
  // params: 0 = dst, 1 = src, 2 = nBytes; local 3 = end
  const b: number[] = [1, 1, 0x7f]; // one local of type i32
  b.push(LOCAL_GET, 0, LOCAL_GET, 2, 0x6a, LOCAL_SET, 3); // end = dst + n
  b.push(0x03, 0x40); // loop (no result)
  for (let u = 0; u < UNROLL; u++) {
    const memarg = [4, ...uleb(u * 16)]; // align 2^4, offset
    b.push(LOCAL_GET, 0); // store address
    b.push(LOCAL_GET, 0, SIMD_PREFIX, V128_LOAD, ...memarg);
    b.push(LOCAL_GET, 1, SIMD_PREFIX, V128_LOAD, ...memarg);
    b.push(SIMD_PREFIX, ...op);
    b.push(SIMD_PREFIX, V128_STORE, ...memarg);
  }
  b.push(LOCAL_GET, 0, 0x41, ...sleb(STEP), 0x6a, LOCAL_SET, 0); // dst += STEP (i32.const is signed LEB128)
  b.push(LOCAL_GET, 1, 0x41, ...sleb(STEP), 0x6a, LOCAL_SET, 1); // src += STEP
  b.push(LOCAL_GET, 0, LOCAL_GET, 3, 0x49, 0x0d, 0); // br_if loop (dst < end, unsigned)
  b.push(0x0b, 0x0b); // end loop, end function
  return [...uleb(b.length), ...b];
}

const ACC_OFFSET = 0;
const SRC_OFFSET = PIECE_BYTES;
const MEMORY_PAGES = 3; // two 64 KiB regions (+ one spare page for unroll overshoot)

function kernelModuleBytes(): Uint8Array {
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version 1
    ...section(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 0]), // type: (i32 i32 i32) -> ()
    ...section(3, [2, 0, 0]), // two functions of type 0
    ...section(5, [1, 0, MEMORY_PAGES]), // memory: min 3 pages, no max
    ...section(7, [3, ...name('m'), 2, 0, ...name('add'), 0, 0, ...name('sub'), 0, 1]),
    ...section(10, [2, ...kernelBody(I32X4_ADD), ...kernelBody(I32X4_SUB)]),
  ]);
}

interface Kernel {
  add: (dst: number, src: number, nBytes: number) => void;
  sub: (dst: number, src: number, nBytes: number) => void;
  acc: Uint32Array;
  src: Uint32Array;
  srcBytes: Uint8Array;
}

// The subset of the WebAssembly JS API used here. The compile target's lib
// (ES2023, no DOM) does not declare the global, so it is typed locally.
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

function instantiateKernel(): Kernel | undefined {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!HOST_LITTLE_ENDIAN || wasm === undefined) return undefined;
  try {
    const bytes = kernelModuleBytes();
    if (!wasm.validate(bytes)) return undefined; // no SIMD in this engine
    const { exports } = new wasm.Instance(new wasm.Module(bytes));
    const memory = exports['m'] as { buffer?: unknown } | undefined;
    const add = exports['add'];
    const sub = exports['sub'];
    const buffer = memory?.buffer;
    if (
      !(buffer instanceof ArrayBuffer) ||
      typeof add !== 'function' ||
      typeof sub !== 'function'
    ) {
      return undefined;
    }
    return {
      add: add as Kernel['add'],
      sub: sub as Kernel['sub'],
      acc: new Uint32Array(buffer, ACC_OFFSET, PIECE_ELEMENTS),
      src: new Uint32Array(buffer, SRC_OFFSET, PIECE_ELEMENTS),
      srcBytes: new Uint8Array(buffer, SRC_OFFSET, PIECE_BYTES),
    };
  } catch {
    return undefined;
  }
}

// One instance per thread; every use is synchronous, so sharing its scratch
// memory between callers is safe.
let kernel: Kernel | undefined = instantiateKernel();

/** True when the WebAssembly SIMD kernel is in use. */
export function simdAvailable(): boolean {
  return kernel !== undefined;
}

/**
 * Switches the SIMD kernel off (false) or back on (true, if the engine has
 * it), for tests and benchmarks that compare the two kernels.
 *
 * @returns whether SIMD is now in use.
 */
export function setSimdEnabled(enabled: boolean): boolean {
  kernel = enabled ? instantiateKernel() : undefined;
  return kernel !== undefined;
}

// ---------------------------------------------------------------------------

function checkLengths(target: Uint32Array, source: Uint32Array): void {
  if (target.length !== source.length) {
    throw new FedraError(
      'VECTOR_LENGTH_MISMATCH',
      `vectors differ in length (${target.length} vs ${source.length})`,
      { metadata: { expected: String(target.length), actual: String(source.length) } },
    );
  }
}

function int32View(a: Uint32Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.length);
}

function scalar(target: Uint32Array, source: Uint32Array, sign: 1 | -1): void {
  const t = int32View(target);
  const s = int32View(source);
  const n = t.length;
  if (sign === 1) {
    for (let i = 0; i < n; i++) t[i] = ((t[i] as number) + (s[i] as number)) | 0;
  } else {
    for (let i = 0; i < n; i++) t[i] = ((t[i] as number) - (s[i] as number)) | 0;
  }
}

function simd(k: Kernel, target: Uint32Array, source: Uint32Array, sign: 1 | -1): void {
  const op = sign === 1 ? k.add : k.sub;
  for (let at = 0; at < target.length; at += PIECE_ELEMENTS) {
    const end = Math.min(at + PIECE_ELEMENTS, target.length);
    const piece = target.subarray(at, end);
    k.acc.set(piece);
    k.src.set(source.subarray(at, end));
    op(ACC_OFFSET, SRC_OFFSET, (end - at) * 4);
    piece.set(k.acc.subarray(0, end - at));
  }
}

// Below this many elements the copies into wasm memory cost more than they save.
const SIMD_MIN_ELEMENTS = 64;

/**
 * `target[i] = (target[i] + source[i]) mod 2^32` for every i.
 *
 * @throws FedraError `VECTOR_LENGTH_MISMATCH` when the lengths differ.
 */
export function addInto(target: Uint32Array, source: Uint32Array): void {
  checkLengths(target, source);
  if (kernel !== undefined && target.length >= SIMD_MIN_ELEMENTS) simd(kernel, target, source, 1);
  else scalar(target, source, 1);
}

/**
 * `target[i] = (target[i] - source[i]) mod 2^32` for every i.
 *
 * @throws FedraError `VECTOR_LENGTH_MISMATCH` when the lengths differ.
 */
export function subInto(target: Uint32Array, source: Uint32Array): void {
  checkLengths(target, source);
  if (kernel !== undefined && target.length >= SIMD_MIN_ELEMENTS) simd(kernel, target, source, -1);
  else scalar(target, source, -1);
}

/**
 * Folds many little-endian uint32 byte streams into one piece of a vector
 * (at most {@link PIECE_ELEMENTS} elements): `begin`, then `fold` once per
 * stream, then `end`. With SIMD the piece stays in wasm memory between
 * folds, so each stream costs one copy and one vector add.
 *
 * Not re-entrant: use one piece at a time, synchronously.
 */
export interface PieceFolder {
  /** Starts a piece with the current values of `target`. */
  begin(target: Uint32Array): void;
  /**
   * Adds (sign 1) or subtracts (sign -1) the words of `bytes`, read as
   * little-endian uint32; `bytes.length` must be 4 x the piece length.
   */
  fold(bytes: Uint8Array, sign: 1 | -1): void;
  /** Writes the piece back into the `target` given to `begin`. */
  end(): void;
}

function checkFold(current: Uint32Array | undefined, bytes: Uint8Array): Uint32Array {
  if (current === undefined) {
    throw new FedraError('INTERNAL', 'PieceFolder.fold called outside begin/end');
  }
  if (bytes.length !== current.length * 4) {
    throw new FedraError('VECTOR_LENGTH_MISMATCH', 'folded stream length differs from the piece', {
      metadata: { expected: String(current.length * 4), actual: String(bytes.length) },
    });
  }
  return current;
}

function leWords(bytes: Uint8Array): Uint32Array {
  if (HOST_LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  }
  const copy = Buffer.from(bytes);
  if (!HOST_LITTLE_ENDIAN) copy.swap32();
  return new Uint32Array(copy.buffer, copy.byteOffset, copy.length >>> 2);
}

/** A {@link PieceFolder} on the fastest available kernel. */
export function createPieceFolder(): PieceFolder {
  const k = kernel;
  let current: Uint32Array | undefined;
  if (k === undefined) {
    return {
      begin(target) {
        current = target;
      },
      fold(bytes, sign) {
        scalar(checkFold(current, bytes), leWords(bytes), sign);
      },
      end() {
        current = undefined;
      },
    };
  }
  let bytesLength = 0;
  return {
    begin(target) {
      if (target.length > PIECE_ELEMENTS) {
        throw new FedraError(
          'INVALID_ARGUMENT',
          `a piece holds at most ${PIECE_ELEMENTS} elements`,
        );
      }
      current = target;
      bytesLength = target.length * 4;
      k.acc.set(target);
    },
    fold(bytes, sign) {
      checkFold(current, bytes);
      if (bytesLength === 0) return;
      k.srcBytes.set(bytes);
      (sign === 1 ? k.add : k.sub)(ACC_OFFSET, SRC_OFFSET, bytesLength);
    },
    end() {
      if (current !== undefined) current.set(k.acc.subarray(0, current.length));
      current = undefined;
    },
  };
}
