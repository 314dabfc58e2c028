/**
 * gRPC server reflection (v1 and v1alpha) that documents every RPC: the
 * descriptors come from buf's descriptor set (see `descriptors.ts`), so
 * `grpcurl describe fedra.v1.FleetService.Register` prints the proto
 * comment.
 *
 * `@grpc/reflection` indexes the `fileDescriptorProtos` of the package
 * definition it is given and re-serializes each file with protobufjs'
 * complete `descriptor.proto` (source code info included), so handing it
 * buf's files instead of proto-loader's is all it takes to keep comments.
 * The health and reflection services are added from the descriptors their
 * own packages load (without comments), so clients list them too.
 *
 * @module
 */
import type { Server } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { service as healthServiceDefinition } from 'grpc-health-check';
import { loadDescriptorSet, parseFileDescriptor } from './descriptors.js';
import type { DescriptorFile } from './descriptors.js';

/** What `@grpc/reflection` accepts: a proto-loader package definition. */
type ReflectionPackage = ConstructorParameters<typeof ReflectionService>[0];

/** Options for {@link addReflection}. */
export interface ReflectionOptions {
  /**
   * The descriptors to serve.
   * @default loadDescriptorSet() (the committed buf descriptor set)
   */
  readonly files?: readonly DescriptorFile[] | undefined;
}

/** What {@link addReflection} registered. */
export interface ReflectionInfo {
  /** Every service a reflection client lists, sorted. */
  readonly services: readonly string[];
  /** Every file a reflection client can fetch, sorted. */
  readonly files: readonly string[];
}

/**
 * Adds `grpc.reflection.v1.ServerReflection` and
 * `grpc.reflection.v1alpha.ServerReflection` to `server`, serving Fedra's
 * descriptors with comments plus descriptors for the health and reflection
 * services themselves.
 *
 * @example
 * ```ts
 * const server = new Server();
 * addReflection(server);
 * // grpcurl -plaintext localhost:7443 describe fedra.v1.FleetService
 * ```
 *
 * @throws ConfigError (key `descriptorSetPath`) when the default descriptor
 *   set is missing; run `pnpm gen`.
 */
export function addReflection(
  server: Pick<Server, 'addService'>,
  options: ReflectionOptions = {},
): ReflectionInfo {
  const files = mergeFiles([...(options.files ?? loadDescriptorSet()), ...infrastructureFiles()]);
  new ReflectionService(reflectionPackage(files)).addToServer(server);
  return Object.freeze({
    services: Object.freeze(files.flatMap((file) => file.services).sort()),
    files: Object.freeze(files.map((file) => file.name).sort()),
  });
}

/**
 * Keeps the first file of each name, so Fedra's commented descriptors win
 * over any same-named copy a library loaded.
 */
function mergeFiles(files: readonly DescriptorFile[]): DescriptorFile[] {
  const byName = new Map<string, DescriptorFile>();
  for (const file of files) {
    if (!byName.has(file.name)) byName.set(file.name, file);
  }
  return [...byName.values()];
}

/**
 * Descriptors of `grpc.health.v1` and of both reflection versions, taken
 * from the service definitions grpc-health-check and `@grpc/reflection`
 * build with proto-loader (each method's `requestType` carries its files).
 * The reflection definitions are only reachable through `addToServer`, so a
 * throw-away instance registers them on a recording stand-in.
 */
function infrastructureFiles(): DescriptorFile[] {
  const definitions: unknown[] = [healthServiceDefinition];
  new ReflectionService(reflectionPackage([])).addToServer({
    addService: (definition: unknown) => {
      definitions.push(definition);
    },
  });
  return definitions.flatMap(descriptorsOfService);
}

function descriptorsOfService(definition: unknown): DescriptorFile[] {
  if (typeof definition !== 'object' || definition === null) return [];
  const buffers = Object.values(definition).flatMap((method: unknown) => {
    const requestType: unknown =
      typeof method === 'object' && method !== null
        ? Reflect.get(method, 'requestType')
        : undefined;
    const protos: unknown =
      typeof requestType === 'object' && requestType !== null
        ? Reflect.get(requestType, 'fileDescriptorProtos')
        : undefined;
    return Array.isArray(protos) ? protos.filter((value) => value instanceof Uint8Array) : [];
  });
  return buffers.map(parseFileDescriptor);
}

/**
 * A package definition `@grpc/reflection` can index: it reads nothing but
 * each entry's `fileDescriptorProtos` (reflection-v1's constructor), and
 * deduplicates files by name, so one entry carrying every file is complete.
 */
function reflectionPackage(files: readonly DescriptorFile[]): ReflectionPackage {
  const entry = {
    format: 'Protocol Buffer 3 FileDescriptorSet',
    type: {},
    fileDescriptorProtos: files.map((file) => file.bytes),
  };
  // The one cast: the entry has exactly the fields reflection reads, but no
  // proto-loader definition type describes a bare file list.
  return { 'fedra.reflection.files': entry } as unknown as ReflectionPackage;
}
