/**
 * The one place Fedra loads its protos at run time. Every server and client
 * uses these options, which are the options `scripts/gen-proto.mjs` generates
 * the TypeScript types with, so the objects grpc-js hands out have exactly
 * the shape the generated types describe.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { Options, PackageDefinition } from '@grpc/proto-loader';

import type { ProtoGrpcType as AdminProto } from './generated/admin.js';
import type { ProtoGrpcType as CommonProto } from './generated/common.js';
import type { ProtoGrpcType as ExperimentProto } from './generated/experiment.js';
import type { ProtoGrpcType as FleetProto } from './generated/fleet.js';
import type { ProtoGrpcType as SecaggProto } from './generated/secagg.js';
import type { ProtoGrpcType as SpecProto } from './generated/spec.js';

/** A proto file every loader call must find, used to recognise a protos dir. */
const MARKER_FILE = join('fedra', 'v1', 'fleet.proto');

/**
 * Finds the protos directory from this file's location. In the repository
 * (from `src/` or `dist/`) it is the root `protos/`, three levels up. A packed
 * package ships them inside itself (`files: ["protos"]` in package.json), so
 * `../protos` is tried first; it does not exist in the repository.
 */
function findProtoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'protos'), join(here, '..', '..', '..', 'protos')];
  const found = candidates.find((dir) => existsSync(join(dir, MARKER_FILE)));
  // Falling back to the repository layout keeps the error that follows (a
  // proto-loader ENOENT naming the path it tried) pointing at the usual place.
  return found ?? (candidates[1] as string);
}

/**
 * Absolute path of the directory that holds `fedra/v1/*.proto` (the
 * repository's `protos/`). Pass it as an include dir to any tool that loads
 * Fedra's protos, e.g. buf or a reflection service.
 */
export const PROTO_ROOT: string = findProtoRoot();

/**
 * Absolute path of the serialized `google.protobuf.FileDescriptorSet` that
 * `pnpm gen` builds with buf from the protos. Unlike the descriptors
 * proto-loader makes, it keeps the protos' comments, so server reflection
 * built from it documents every service, RPC and field. Ships beside the
 * generated types (`generated/fedra.binpb` in `src/` and `dist/`).
 */
export const DESCRIPTOR_SET_PATH: string = join(
  dirname(fileURLToPath(import.meta.url)),
  'generated',
  'fedra.binpb',
);

/**
 * Every Fedra proto file, relative to {@link PROTO_ROOT}. The loader loads
 * them all, so one package definition holds the three services and every
 * message. A test checks this list against the files on disk.
 */
export const PROTO_FILES: readonly string[] = Object.freeze([
  'fedra/v1/admin.proto',
  'fedra/v1/common.proto',
  'fedra/v1/experiment.proto',
  'fedra/v1/fleet.proto',
  'fedra/v1/secagg.proto',
  'fedra/v1/spec.proto',
]);

/**
 * The proto-loader options Fedra loads its protos with. They must equal the
 * flags `scripts/gen-proto.mjs` passes to `proto-loader-gen-types`, or the
 * generated types lie about the runtime objects:
 *
 * - `keepCase: false`: fields are camelCase (`round_number` → `roundNumber`).
 * - `longs: Number`: 64-bit integers are JS numbers (byte counts and
 *   sequence numbers stay far below 2^53).
 * - `enums: String`: enum values decode as their names (`'STAGE_SETUP'`).
 * - `bytes: Buffer`: bytes fields decode as Node Buffers.
 * - `defaults: true`: absent fields decode to their defaults ('' / 0 / [] /
 *   null for messages), so readers need no undefined checks.
 * - `oneofs: true`: each oneof gets a virtual field naming the member set.
 * - `includeDirs: [PROTO_ROOT]`: imports resolve against the protos dir.
 */
export const LOADER_OPTIONS: Readonly<Options> = Object.freeze({
  keepCase: false,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
});

/**
 * The loaded `fedra.v1` package, typed: service client constructors (each
 * with its `.service` definition for `server.addService`) and message type
 * definitions (each with typed `serialize`/`deserialize`).
 */
export type FedraGrpcType = AdminProto &
  CommonProto &
  ExperimentProto &
  FleetProto &
  SecaggProto &
  SpecProto;

let cachedDefinition: PackageDefinition | undefined;
let cachedPackage: FedraGrpcType | undefined;

/**
 * Loads every Fedra proto with {@link LOADER_OPTIONS} into a raw
 * proto-loader package definition, once per process (later calls return the
 * same object: do not mutate it). Useful for reflection services and for
 * tools that need the method definitions or descriptors themselves.
 */
export function loadFedraPackageDefinition(): PackageDefinition {
  cachedDefinition ??= loadSync([...PROTO_FILES], { ...LOADER_OPTIONS });
  return cachedDefinition;
}

/**
 * Loads Fedra's protos into grpc-js objects, once per process.
 *
 * @example
 * ```ts
 * const { FleetService } = loadFedraPackage().fedra.v1;
 * server.addService(FleetService.service, handlers);
 * const client = new FleetService('localhost:7443', credentials);
 * ```
 */
export function loadFedraPackage(): FedraGrpcType {
  // loadPackageDefinition returns an untyped GrpcObject; the generated
  // ProtoGrpcType describes it exactly because the options match the gen flags.
  cachedPackage ??= loadPackageDefinition(loadFedraPackageDefinition()) as unknown as FedraGrpcType;
  return cachedPackage;
}
