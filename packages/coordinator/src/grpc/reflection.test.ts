import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client, credentials, Server, ServerCredentials } from '@grpc/grpc-js';
import { Client as ReflectionClient } from 'grpc-reflection-js';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import type {
  IDescriptorProto,
  IFileDescriptorProto,
  IServiceDescriptorProto,
} from 'protobufjs/ext/descriptor/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTO_ROOT } from '@fedra/proto';
import { bindServer, shutdownServer } from './bind-server.js';
import { addHealth } from './health.js';
import { addReflection } from './reflection.js';
import type { ReflectionInfo } from './reflection.js';

const EXPECTED_SERVICES = [
  'fedra.v1.AdminService',
  'fedra.v1.ExperimentService',
  'fedra.v1.FleetService',
  'grpc.health.v1.Health',
  'grpc.reflection.v1.ServerReflection',
  'grpc.reflection.v1alpha.ServerReflection',
];

let server: Server;
let address: string;
let info: ReflectionInfo;

beforeAll(async () => {
  server = new Server();
  info = addReflection(server);
  addHealth(server);
  address = `localhost:${await bindServer(server, 'localhost:0', ServerCredentials.createInsecure())}`;
});

afterAll(async () => {
  await shutdownServer(server, { graceMs: 1000 });
});

/** grpc-reflection-js types its grpc-js client loosely; it is a plain grpc-js Client. */
function closeReflectionClient(client: ReflectionClient): void {
  (client.grpcClient as unknown as Client).close();
}

type ReflectionVersion = 'v1' | 'v1alpha';

/**
 * The reflection protos `@grpc/reflection` ships and serves from, loaded
 * with protobufjs so the test decodes responses independently of the
 * server's own (proto-loader) serializers.
 */
const REFLECTION_PROTO_ROOT = join(
  dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
  '..',
  'proto',
);

function reflectionTypes(version: ReflectionVersion): {
  request: protobuf.Type;
  response: protobuf.Type;
} {
  const root = protobuf.loadSync(
    join(REFLECTION_PROTO_ROOT, 'grpc', 'reflection', version, 'reflection.proto'),
  );
  return {
    request: root.lookupType(`grpc.reflection.${version}.ServerReflectionRequest`),
    response: root.lookupType(`grpc.reflection.${version}.ServerReflectionResponse`),
  };
}

/** The request's `message_request` oneof members the tests send. */
type ReflectionRequest = { listServices: string } | { fileContainingSymbol: string };

/** `ServerReflectionResponse` as protobufjs' `toObject` returns it (the fields read here). */
interface ReflectionResponse {
  readonly fileDescriptorResponse?: { readonly fileDescriptorProto?: readonly Uint8Array[] };
  readonly listServicesResponse?: { readonly service?: ReadonlyArray<{ readonly name?: string }> };
  readonly errorResponse?: { readonly errorCode?: number; readonly errorMessage?: string };
}

/** One ServerReflectionInfo exchange over `version`, encoded and decoded with protobufjs. */
function reflect(
  version: ReflectionVersion,
  request: ReflectionRequest,
): Promise<ReflectionResponse> {
  const types = reflectionTypes(version);
  const client = new Client(address, credentials.createInsecure());
  const call = client.makeBidiStreamRequest(
    `/grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`,
    (message: ReflectionRequest) =>
      Buffer.from(types.request.encode(types.request.fromObject(message)).finish()),
    (bytes: Buffer) => types.response.toObject(types.response.decode(bytes)) as ReflectionResponse,
  );
  return new Promise((resolve, reject) => {
    call.on('data', (response: ReflectionResponse) => {
      resolve(response);
      call.end();
      client.close();
    });
    call.on('error', reject);
    call.write(request);
  });
}

async function listServices(version: ReflectionVersion): Promise<string[]> {
  const response = await reflect(version, { listServices: '*' });
  return (response.listServicesResponse?.service ?? []).map((service) => service.name ?? '');
}

/** `google.protobuf.SourceCodeInfo` as protobufjs decodes it (its typings say `any`). */
interface SourceCodeInfo {
  readonly location?: ReadonlyArray<{
    readonly path?: readonly number[];
    readonly leadingComments?: string;
  }>;
}

/** The files of a file-containing-symbol answer, decoded with protobufjs' descriptor types. */
async function fileContainingSymbol(
  version: ReflectionVersion,
  symbol: string,
): Promise<IFileDescriptorProto[]> {
  const response = await reflect(version, { fileContainingSymbol: symbol });
  const files = response.fileDescriptorResponse?.fileDescriptorProto;
  if (files === undefined) throw new TypeError(`no descriptor for ${symbol}`);
  return files.map(
    (bytes) =>
      descriptor.FileDescriptorProto.toObject(
        descriptor.FileDescriptorProto.decode(bytes),
      ) as IFileDescriptorProto,
  );
}

/** Leading comments by location path ("6,0,2,0"), from a FileDescriptorProto's source_code_info. */
function leadingComments(file: IFileDescriptorProto): Map<string, string> {
  const info = file.sourceCodeInfo as SourceCodeInfo | undefined;
  const comments = new Map<string, string>();
  for (const location of info?.location ?? []) {
    if (location.leadingComments !== undefined) {
      comments.set((location.path ?? []).join(','), location.leadingComments);
    }
  }
  return comments;
}

/** Index of the entry named `name`, failing the test when there is none. */
function indexOfNamed(
  entries: ReadonlyArray<{ readonly name?: string }> | undefined,
  name: string,
): number {
  const index = (entries ?? []).findIndex((entry) => entry.name === name);
  expect(index, name).toBeGreaterThanOrEqual(0);
  return index;
}

/** The `//` comment block right above `line` in a proto file, as protoc stores it. */
function commentAbove(protoFile: string, line: RegExp): string {
  const lines = readFileSync(join(PROTO_ROOT, protoFile), 'utf8').split('\n');
  const at = lines.findIndex((text) => line.test(text));
  const block: string[] = [];
  for (let index = at - 1; index >= 0 && /^\s*\/\//.test(lines[index] ?? ''); index -= 1) {
    block.unshift((lines[index] ?? '').replace(/^\s*\/\//, ''));
  }
  expect(block.length).toBeGreaterThan(0);
  return `${block.join('\n')}\n`;
}

describe('addReflection', () => {
  it('reports what it serves', () => {
    expect(info.services).toEqual(EXPECTED_SERVICES);
    expect(info.files).toContain('fedra/v1/fleet.proto');
  });

  it('lists the three Fedra services, health and reflection (grpc-reflection-js, v1alpha)', async () => {
    const client = new ReflectionClient(address, credentials.createInsecure());
    expect((await client.listServices()).sort()).toEqual(EXPECTED_SERVICES);
    closeReflectionClient(client);
  });

  it.each(['v1', 'v1alpha'] as const)('lists the same services over %s', async (version) => {
    expect((await listServices(version)).sort()).toEqual(EXPECTED_SERVICES);
  });

  it('describes every service with its dependencies resolved (grpc-reflection-js)', async () => {
    const client = new ReflectionClient(address, credentials.createInsecure());
    for (const name of EXPECTED_SERVICES) {
      const root = await client.fileContainingSymbol(name);
      expect(root.lookupService(name).methodsArray.length, name).toBeGreaterThan(0);
    }
    const root = await client.fileContainingSymbol('fedra.v1.FleetService');
    const register = root.lookupService('fedra.v1.FleetService').methods['Register'];
    expect(register?.requestType).toBe('.fedra.v1.RegisterRequest');
    expect(
      root.lookupType('fedra.v1.RegisterRequest').fieldsArray.map((field) => field.name),
    ).toContain('protocol_version');
    closeReflectionClient(client);
  });

  it.each(['v1', 'v1alpha'] as const)(
    'keeps the proto comments of an RPC and a field over %s',
    async (version) => {
      const [fleet] = await fileContainingSymbol(version, 'fedra.v1.FleetService.Register');
      if (fleet === undefined) throw new TypeError('no file');
      expect(fleet.name).toBe('fedra/v1/fleet.proto');
      const comments = leadingComments(fleet);

      const service = indexOfNamed(fleet.service, 'FleetService');
      const serviceDescriptor: IServiceDescriptorProto = fleet.service?.[service] ?? {};
      const method = indexOfNamed(serviceDescriptor.method, 'Register');
      expect(comments.get(`6,${service},2,${method}`)).toBe(
        commentAbove('fedra/v1/fleet.proto', /^\s*rpc Register\(/),
      );
      expect(comments.get(`6,${service}`)).toBe(
        commentAbove('fedra/v1/fleet.proto', /^service FleetService/),
      );

      const message = indexOfNamed(fleet.messageType, 'RegisterRequest');
      const messageDescriptor: IDescriptorProto = fleet.messageType?.[message] ?? {};
      const field = indexOfNamed(messageDescriptor.field, 'protocol_version');
      expect(comments.get(`4,${message},2,${field}`)).toBe(
        commentAbove('fedra/v1/fleet.proto', /^\s*uint32 protocol_version = 1;/),
      );
      expect(comments.get(`4,${message},2,${field}`)).toContain('wire protocol version');
    },
  );

  it.each(['v1', 'v1alpha'] as const)(
    'answers an unknown symbol with NOT_FOUND over %s',
    async (version) => {
      const response = await reflect(version, { fileContainingSymbol: 'fedra.v1.NoSuchThing' });
      expect(response.fileDescriptorResponse).toBeUndefined();
      expect(response.errorResponse?.errorCode).toBe(5);
    },
  );
});
