/**
 * The protos' descriptors **with their comments**, for server reflection.
 *
 * grpc-js reflection fed from proto-loader serves descriptors without
 * comments, so `grpcurl describe` would show bare signatures. `buf build`
 * keeps source code info (comments and spans) by default, so `pnpm gen`
 * writes a `FileDescriptorSet` beside the generated types, at `@fedra/proto`'s
 * `DESCRIPTOR_SET_PATH` (checked by `pnpm gen:check` like the generated
 * TypeScript, since buf's output is deterministic).
 *
 * This module loads that set and splits it into per-file descriptors with
 * protobufjs: its `Reader` cuts the set into the raw bytes of each file, and
 * its `google.protobuf` descriptor types decode each file for its name,
 * package and services.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import type { IFileDescriptorProto } from 'protobufjs/ext/descriptor/index.js';
import { ConfigError, InvalidArgumentError } from '@fedra/common';
import { DESCRIPTOR_SET_PATH } from '@fedra/proto';

/** One `.proto` file of a descriptor set. */
export interface DescriptorFile {
  /** The file's path relative to its proto root, e.g. `fedra/v1/fleet.proto`. */
  readonly name: string;
  /** The proto package, e.g. `fedra.v1` (empty when the file has none). */
  readonly package: string;
  /** Fully qualified names of the services the file declares. */
  readonly services: readonly string[];
  /** The serialized `google.protobuf.FileDescriptorProto`, source info included. */
  readonly bytes: Buffer;
}

/**
 * `google.protobuf.SourceCodeInfo` as protobufjs decodes it. The package's
 * typings leave `sourceCodeInfo` as `any`; this is the part Fedra reads.
 */
interface SourceCodeInfo {
  readonly location?: ReadonlyArray<{
    readonly leadingComments?: string;
    readonly trailingComments?: string;
    readonly leadingDetachedComments?: readonly string[];
  }>;
}

// FileDescriptorSet.file (google/protobuf/descriptor.proto), and the wire
// type of a length-delimited field.
const SET_FILE = 1;
const LENGTH_DELIMITED = 2;

function malformed(what: string, cause: unknown): InvalidArgumentError {
  return new InvalidArgumentError('bytes', `${what} is not a well-formed protobuf message`, {
    cause,
  });
}

/**
 * Splits a serialized `google.protobuf.FileDescriptorSet` into its files.
 * Each file's bytes are passed on exactly as buf wrote them (a protobufjs
 * `Reader` slices them out of the set rather than re-encoding), so source
 * code info and options reach reflection clients untouched.
 *
 * @throws InvalidArgumentError (field `bytes`) when the bytes are not a
 *   well-formed descriptor set.
 */
export function parseDescriptorSet(bytes: Uint8Array): readonly DescriptorFile[] {
  const files: Uint8Array[] = [];
  try {
    const reader = protobuf.Reader.create(bytes);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag >>> 3 === SET_FILE && (tag & 7) === LENGTH_DELIMITED) files.push(reader.bytes());
      else reader.skipType(tag & 7);
    }
  } catch (error) {
    throw malformed('FileDescriptorSet', error);
  }
  return Object.freeze(files.map(parseFileDescriptor));
}

/**
 * Decodes one serialized `google.protobuf.FileDescriptorProto` for its
 * name, package and services, keeping its bytes as they are.
 *
 * @throws InvalidArgumentError (field `bytes`) when the bytes are malformed.
 */
export function parseFileDescriptor(file: Uint8Array): DescriptorFile {
  const proto = decodeFile(file);
  const pkg = proto.package ?? '';
  const services = (proto.service ?? []).map((service) => {
    const name = service.name ?? '';
    return pkg === '' ? name : `${pkg}.${name}`;
  });
  return Object.freeze({
    name: proto.name ?? '',
    package: pkg,
    services: Object.freeze(services),
    bytes: Buffer.from(file),
  });
}

/**
 * True when the file descriptor carries at least one comment in its source
 * code info, i.e. reflection clients will see documentation for it.
 */
export function hasSourceCodeInfo(file: DescriptorFile): boolean {
  const info = decodeFile(file.bytes).sourceCodeInfo as SourceCodeInfo | undefined;
  return (info?.location ?? []).some(
    (location) =>
      (location.leadingComments ?? '') !== '' ||
      (location.trailingComments ?? '') !== '' ||
      (location.leadingDetachedComments ?? []).length > 0,
  );
}

function decodeFile(file: Uint8Array): IFileDescriptorProto {
  try {
    const message = descriptor.FileDescriptorProto.decode(file);
    // toObject yields a plain object with exactly the descriptor's fields,
    // which IFileDescriptorProto (protobufjs' own typing) describes.
    return descriptor.FileDescriptorProto.toObject(message);
  } catch (error) {
    throw malformed('FileDescriptorProto', error);
  }
}

/**
 * Loads the descriptor set `pnpm gen` builds with buf.
 *
 * @param path - @default `DESCRIPTOR_SET_PATH` from `@fedra/proto`
 * @throws ConfigError (key `descriptorSetPath`) when the file is missing,
 *   malformed, or holds no service; the message says to run `pnpm gen`.
 */
export function loadDescriptorSet(path: string = DESCRIPTOR_SET_PATH): readonly DescriptorFile[] {
  const hint = 'run `pnpm gen` to build it from protos/';
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError('descriptorSetPath', `descriptor set ${path} cannot be read; ${hint}`, {
      cause: error,
    });
  }
  let files: readonly DescriptorFile[];
  try {
    files = parseDescriptorSet(bytes);
  } catch (error) {
    throw new ConfigError('descriptorSetPath', `descriptor set ${path} is malformed; ${hint}`, {
      cause: error,
    });
  }
  if (!files.some((file) => file.services.length > 0)) {
    throw new ConfigError(
      'descriptorSetPath',
      `descriptor set ${path} declares no service; ${hint}`,
    );
  }
  return files;
}
