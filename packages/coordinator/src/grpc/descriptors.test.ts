import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, InvalidArgumentError } from '@fedra/common';
import { DESCRIPTOR_SET_PATH, PROTO_FILES, PROTO_ROOT } from '@fedra/proto';
import {
  hasSourceCodeInfo,
  loadDescriptorSet,
  parseDescriptorSet,
  parseFileDescriptor,
} from './descriptors.js';

const BUF = join(PROTO_ROOT, '..', 'node_modules', '.bin', 'buf');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fedra-descriptors-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function configKey(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.key;
    throw error;
  }
  return undefined;
}

describe('loadDescriptorSet', () => {
  it('loads every Fedra proto and the well-known types it imports, with comments', () => {
    const files = loadDescriptorSet();
    const names = files.map((file) => file.name);
    expect(names).toEqual(
      expect.arrayContaining([...PROTO_FILES, 'google/protobuf/timestamp.proto']),
    );
    for (const file of files) expect(hasSourceCodeInfo(file), file.name).toBe(true);
    expect(files.flatMap((file) => file.services).sort()).toEqual([
      'fedra.v1.AdminService',
      'fedra.v1.ExperimentService',
      'fedra.v1.FleetService',
    ]);
    expect(files.find((file) => file.name === 'fedra/v1/fleet.proto')?.package).toBe('fedra.v1');
  });

  it('reads the descriptor set @fedra/proto ships by default', () => {
    expect(DESCRIPTOR_SET_PATH).toMatch(
      /packages[\\/]proto[\\/]src[\\/]generated[\\/]fedra\.binpb$/,
    );
    const explicit = loadDescriptorSet(DESCRIPTOR_SET_PATH);
    const byDefault = loadDescriptorSet();
    expect(byDefault.map((file) => file.name)).toEqual(explicit.map((file) => file.name));
    expect(
      byDefault.every((file, index) =>
        file.bytes.equals(explicit[index]?.bytes ?? Buffer.alloc(0)),
      ),
    ).toBe(true);
  });

  it('says to run pnpm gen when the file is missing, malformed or serviceless', () => {
    expect(configKey(() => loadDescriptorSet(join(dir, 'absent.binpb')))).toBe('descriptorSetPath');
    const malformed = join(dir, 'malformed.binpb');
    writeFileSync(malformed, Uint8Array.from([0x0a, 0x05, 0x01]));
    expect(configKey(() => loadDescriptorSet(malformed))).toBe('descriptorSetPath');
    const empty = join(dir, 'empty.binpb');
    writeFileSync(empty, new Uint8Array(0));
    expect(() => loadDescriptorSet(empty)).toThrow(/pnpm gen/);
  });
});

describe('parseDescriptorSet', () => {
  it("passes each file's bytes on exactly as buf wrote them", () => {
    const set = readFileSync(DESCRIPTOR_SET_PATH);
    // Framing the files again as FileDescriptorSet.file entries must give
    // back buf's set byte for byte: nothing was re-encoded or dropped.
    const writer = protobuf.Writer.create();
    for (const file of parseDescriptorSet(set)) writer.uint32((1 << 3) | 2).bytes(file.bytes);
    expect(Buffer.from(writer.finish()).equals(set)).toBe(true);
  });

  it('decodes name, package and fully qualified services with the descriptor types', () => {
    const bytes = descriptor.FileDescriptorProto.encode(
      descriptor.FileDescriptorProto.fromObject({
        name: 'demo/v1/demo.proto',
        package: 'demo.v1',
        service: [{ name: 'Alpha' }, { name: 'Beta' }],
      }),
    ).finish();
    const [file] = parseDescriptorSet(
      protobuf.Writer.create()
        .uint32((1 << 3) | 2)
        .bytes(bytes)
        .finish(),
    );
    expect(file?.name).toBe('demo/v1/demo.proto');
    expect(file?.package).toBe('demo.v1');
    expect(file?.services).toEqual(['demo.v1.Alpha', 'demo.v1.Beta']);
    expect(file?.bytes.equals(bytes)).toBe(true);
    expect(file === undefined ? true : hasSourceCodeInfo(file)).toBe(false);
  });

  it('qualifies services of a file without a package by their bare name', () => {
    const bytes = descriptor.FileDescriptorProto.encode(
      descriptor.FileDescriptorProto.fromObject({
        name: 'bare.proto',
        service: [{ name: 'Bare' }],
      }),
    ).finish();
    expect(parseFileDescriptor(bytes).services).toEqual(['Bare']);
  });

  it('sees comments only where source code info carries them', () => {
    const withSpansOnly = descriptor.FileDescriptorProto.encode(
      descriptor.FileDescriptorProto.fromObject({
        name: 'spans.proto',
        sourceCodeInfo: { location: [{ path: [4, 0], span: [1, 0, 3, 1] }] },
      }),
    ).finish();
    const commented = descriptor.FileDescriptorProto.encode(
      descriptor.FileDescriptorProto.fromObject({
        name: 'commented.proto',
        sourceCodeInfo: {
          location: [{ path: [4, 0], span: [1, 0, 3, 1], leadingComments: ' Hi.\n' }],
        },
      }),
    ).finish();
    expect(hasSourceCodeInfo(parseFileDescriptor(withSpansOnly))).toBe(false);
    expect(hasSourceCodeInfo(parseFileDescriptor(commented))).toBe(true);
  });

  it('refuses truncated sets and files, and invalid wire types', () => {
    const truncatedEntry = Uint8Array.from([0x0a, 0x05, 0x01]);
    const truncatedFile = Uint8Array.from([0x0a, 0x02, 0x0a, 0x05]);
    const badWireType = Uint8Array.from([(1 << 3) | 7]);
    for (const bytes of [truncatedEntry, truncatedFile, badWireType]) {
      expect(() => parseDescriptorSet(bytes)).toThrow(InvalidArgumentError);
    }
  });

  it('throws nothing but InvalidArgumentError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          for (const file of parseDescriptorSet(bytes)) expect(file.bytes).toBeInstanceOf(Buffer);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
        }
      }),
    );
  });
});

describe('buf build', () => {
  it('is deterministic, so the committed descriptor set can be checked like generated code', () => {
    const outputs = ['a.binpb', 'b.binpb'].map((name) => {
      const out = join(dir, name);
      execFileSync(BUF, ['build', PROTO_ROOT, '-o', out]);
      return readFileSync(out);
    });
    expect(outputs[0]?.length).toBeGreaterThan(10_000);
    expect(outputs[0]?.equals(outputs[1] ?? Buffer.alloc(0))).toBe(true);
    expect(parseDescriptorSet(outputs[0] ?? new Uint8Array(0)).map((file) => file.name)).toEqual(
      loadDescriptorSet().map((file) => file.name),
    );
  });
});
