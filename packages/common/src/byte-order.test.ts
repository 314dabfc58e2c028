import { describe, expect, it } from 'vitest';
import { HOST_IS_LITTLE_ENDIAN, littleEndianBytes, swap32InPlace } from './byte-order.js';

describe('byte order', () => {
  it('detects the host order', () => {
    const probe = new DataView(new Uint32Array([1]).buffer);
    expect(HOST_IS_LITTLE_ENDIAN).toBe(probe.getUint8(0) === 1);
  });

  it('gives little-endian bytes for either host order', () => {
    const tensor = Uint32Array.from([0x01020304, 0x0a0b0c0d]);
    const native = littleEndianBytes(tensor, 0, 8);
    // Simulates a big-endian host: its in-memory words are the reverse of ours.
    const reversed = Uint8Array.from(native);
    swap32InPlace(reversed);
    const bigEndianHost = new Uint32Array(reversed.buffer);
    expect(Array.from(littleEndianBytes(bigEndianHost, 4, 8, false))).toEqual([
      0x0d, 0x0c, 0x0b, 0x0a,
    ]);
    if (HOST_IS_LITTLE_ENDIAN) {
      expect(Array.from(native)).toEqual([4, 3, 2, 1, 0x0d, 0x0c, 0x0b, 0x0a]);
      expect(native.buffer).toBe(tensor.buffer);
    }
  });

  it('swaps every 32-bit word in place, including inside a larger buffer', () => {
    const backing = Uint8Array.from([9, 9, 9, 9, 1, 2, 3, 4, 5, 6, 7, 8]);
    swap32InPlace(backing.subarray(4));
    expect(Array.from(backing)).toEqual([9, 9, 9, 9, 4, 3, 2, 1, 8, 7, 6, 5]);
  });
});
