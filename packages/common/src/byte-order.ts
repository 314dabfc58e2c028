/**
 * Little-endian conversion for 32-bit tensors. Every host Fedra runs on
 * today is little-endian, where all of this is a no-copy view; the swap
 * path keeps the wire format fixed on a big-endian host.
 *
 * @module
 */

/** True when this host stores multi-byte numbers little-endian first. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Bytes `[start, end)` of a 32-bit typed array as little-endian bytes: a view
 * (no copy) on a little-endian host, a byte-swapped copy otherwise.
 *
 * @param hostIsLittleEndian - for tests; @default HOST_IS_LITTLE_ENDIAN
 */
export function littleEndianBytes(
  tensor: Float32Array | Uint32Array,
  start: number,
  end: number,
  hostIsLittleEndian: boolean = HOST_IS_LITTLE_ENDIAN,
): Uint8Array {
  const view = new Uint8Array(tensor.buffer, tensor.byteOffset + start, end - start);
  if (hostIsLittleEndian) return view;
  const copy = Buffer.from(view);
  copy.swap32();
  return copy;
}

/**
 * Reverses the byte order of every 32-bit word in place (little-endian wire
 * bytes to host order on a big-endian host, and back).
 */
export function swap32InPlace(bytes: Uint8Array): void {
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).swap32();
}
