import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';

import { credentials, Server, ServerCredentials } from '@grpc/grpc-js';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FleetServiceClient, FleetServiceHandlers } from './index.js';
import type {
  DownloadModelResponseOutput,
  RegisterRequestOutput,
  UploadMaskedRequestOutput,
} from './index.js';
import {
  LOADER_OPTIONS,
  PROTO_FILES,
  PROTO_ROOT,
  loadFedraPackage,
  loadFedraPackageDefinition,
} from './loader.js';

const REPO_ROOT = dirname(PROTO_ROOT);

/** How each RPC streams: '' unary, 'server', 'client' or 'bidi'. */
type Streaming = '' | 'server' | 'client' | 'bidi';

/** The v1 API as designed: every RPC of every service and how it streams. */
const EXPECTED_RPCS: Record<string, Record<string, Streaming>> = {
  'fedra.v1.FleetService': {
    Register: '',
    Heartbeat: '',
    StreamTasks: 'server',
    DownloadModel: 'server',
    SubmitSetup: '',
    GetShareKeys: '',
    SubmitShares: '',
    GetShares: '',
    GetUploadOffset: '',
    UploadMasked: 'client',
    GetSurvivorSet: '',
    SubmitSurvivorSignature: '',
    GetUnmaskRequest: '',
    SubmitUnmask: '',
    ReportRefusal: '',
  },
  'fedra.v1.ExperimentService': {
    CreateExperiment: 'client',
    GetExperiment: '',
    ListExperiments: '',
    StartExperiment: '',
    CancelExperiment: '',
    WatchExperiment: 'server',
    DownloadModel: 'server',
    GetHistory: '',
  },
  'fedra.v1.AdminService': {
    ListWorkers: '',
    GetWorker: '',
    ListRounds: '',
    GetRound: '',
    ListExperiments: '',
    GetExperiment: '',
    GetRegionPolicy: '',
    SetRegionPolicy: '',
    DrainWorker: '',
    EvictWorker: '',
    ListAuditRecords: '',
    VerifyAuditLog: '',
    GetClusterStatus: '',
  },
};

function streamingOf(method: { requestStream: boolean; responseStream: boolean }): Streaming {
  if (method.requestStream && method.responseStream) return 'bidi';
  if (method.requestStream) return 'client';
  if (method.responseStream) return 'server';
  return '';
}

function listProtoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listProtoFiles(path);
    return name.endsWith('.proto') ? [relative(PROTO_ROOT, path).split('\\').join('/')] : [];
  });
}

describe('loader', () => {
  it('finds the repository protos and lists every proto file', () => {
    expect(isAbsolute(PROTO_ROOT)).toBe(true);
    expect(listProtoFiles(PROTO_ROOT).sort()).toEqual([...PROTO_FILES].sort());
  });

  it('uses the options the types are generated with', () => {
    const script = readFileSync(join(REPO_ROOT, 'scripts', 'gen-proto.mjs'), 'utf8');
    const flags = new Set(
      script.match(/'--[a-zA-Z]+(=[A-Za-z@/.-]+)?'/g)?.map((f) => f.slice(1, -1)),
    );
    // Each loader option and the generator flag that promises the same shape.
    expect(LOADER_OPTIONS).toEqual({
      keepCase: false,
      longs: Number,
      enums: String,
      bytes: Buffer,
      defaults: true,
      oneofs: true,
      includeDirs: [PROTO_ROOT],
    });
    for (const flag of [
      '--longs=Number',
      '--enums=String',
      '--bytes=Buffer',
      '--defaults',
      '--oneofs',
    ]) {
      expect(flags, flag).toContain(flag);
    }
    expect(flags).not.toContain('--keepCase');
  });

  it('caches the package definition and the loaded package', () => {
    expect(loadFedraPackageDefinition()).toBe(loadFedraPackageDefinition());
    expect(loadFedraPackage()).toBe(loadFedraPackage());
  });

  it('loads all three services with exactly the designed RPCs and streaming modes', () => {
    const definition = loadFedraPackageDefinition();
    for (const [serviceName, rpcs] of Object.entries(EXPECTED_RPCS)) {
      const service = definition[serviceName] as ServiceDefinition | undefined;
      expect(service, serviceName).toBeDefined();
      if (service === undefined) continue;
      const actual = Object.fromEntries(
        Object.entries(service).map(([name, method]) => [name, streamingOf(method)]),
      );
      expect(actual, serviceName).toEqual(rpcs);
      for (const [name, method] of Object.entries(service)) {
        expect(method.path).toBe(`/${serviceName}/${name}`);
      }
    }
  });

  it('exposes typed message codecs (a signed RoundConfig round-trips through bytes)', () => {
    const { RoundConfig } = loadFedraPackage().fedra.v1;
    const bytes = RoundConfig.serialize({
      protocolVersion: 1,
      experimentId: 'exp-1',
      roundNumber: 3,
      attempt: 2,
      participants: [
        { workerId: 'a', region: 'eu' },
        { workerId: 'b', region: 'us' },
      ],
      k: 1,
      t: 2,
      graphSeed: Buffer.alloc(32, 7),
      lanes: [{ name: 'update', length: 10, bound: 1.5, scale: 1024 }],
      deadlines: { setup: { seconds: 30, nanos: 0 } },
    });
    const decoded = RoundConfig.deserialize(bytes);
    expect(decoded.roundNumber).toBe(3);
    expect(decoded.participants.map((p) => p.workerId)).toEqual(['a', 'b']);
    expect(Buffer.isBuffer(decoded.graphSeed)).toBe(true);
    expect(decoded.graphSeed.equals(Buffer.alloc(32, 7))).toBe(true);
    // int64 seconds decode as numbers (longs: Number), absent fields as defaults.
    expect(decoded.deadlines?.setup?.seconds).toBe(30);
    expect(decoded.deadlines?.unmask).toBeNull();
    expect(decoded.modelSha256.length).toBe(0);
    expect(decoded.secaggSuite).toBe('');
  });
});

describe('a real grpc-js server built from the loaded definition', () => {
  const { FleetService } = loadFedraPackage().fedra.v1;
  const weights = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
  const weightsSha256 = createHash('sha256').update(weights).digest();
  const chunkSize = 4096;
  let server: Server;
  let client: FleetServiceClient;
  let lastRegister: RegisterRequestOutput | undefined;
  let lastUploadStart: UploadMaskedRequestOutput['start'];

  const handlers: Pick<FleetServiceHandlers, 'Register' | 'DownloadModel' | 'UploadMasked'> = {
    Register(call, callback) {
      lastRegister = call.request;
      callback(null, {
        workerId: 'worker-1',
        region: 'eu-west',
        sessionId: 'session-1',
        heartbeatInterval: { seconds: 10, nanos: 0 },
        protocolVersion: call.request.protocolVersion,
      });
    },
    DownloadModel(call) {
      const start = call.request.offset;
      call.write({
        model: {
          experimentId: 'exp-1',
          version: 3,
          sha256: weightsSha256,
          sizeBytes: weights.length,
        },
      });
      for (let offset = start; offset < weights.length; offset += chunkSize) {
        const end = Math.min(offset + chunkSize, weights.length);
        call.write({
          chunk: {
            offset,
            data: weights.subarray(offset, end),
            totalBytes: weights.length,
            sha256: end === weights.length ? weightsSha256 : Buffer.alloc(0),
          },
        });
      }
      call.end();
    },
    UploadMasked(call, callback) {
      const parts: UploadMaskedRequestOutput[] = [];
      call.on('data', (part: UploadMaskedRequestOutput) => parts.push(part));
      call.on('end', () => {
        const start = parts[0]?.start;
        lastUploadStart = start;
        const chunks = parts.slice(1).flatMap((p) => (p.chunk ? [p.chunk] : []));
        const received = chunks.reduce((sum, c) => sum + c.data.length, 0);
        const digest = createHash('sha256');
        for (const c of chunks) digest.update(c.data);
        const last = chunks.at(-1);
        callback(null, {
          receivedBytes: (start?.offset ?? 0) + received,
          complete:
            start?.header?.stage === 'STAGE_COLLECT_MASKED' &&
            last !== undefined &&
            digest.digest().equals(last.sha256),
        });
      });
    },
  };

  beforeAll(async () => {
    server = new Server();
    server.addService(FleetService.service, handlers);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('localhost:0', ServerCredentials.createInsecure(), (error, bound) => {
        if (error) reject(error);
        else resolve(bound);
      });
    });
    client = new FleetService(`localhost:${port}`, credentials.createInsecure());
  });

  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  it('answers a unary call with the loader options applied on both ends', async () => {
    const response = await new Promise((resolve, reject) => {
      client.register(
        {
          protocolVersion: 1,
          secaggSuites: ['fedra-secagg-v1'],
          backend: 'TRAINING_BACKEND_TFJS_WASM',
          device: { platform: 'linux', arch: 'x64', cpuCores: 2, memoryBytes: 8 * 2 ** 30 },
          datasets: [
            { name: 'mnist', exampleCount: 60_000, inputShape: [28, 28, 1], numClasses: 10 },
          ],
        },
        (error, value) => {
          if (error) reject(error);
          else resolve(value);
        },
      );
    });
    expect(response).toMatchObject({
      workerId: 'worker-1',
      sessionId: 'session-1',
      heartbeatInterval: { seconds: 10, nanos: 0 },
      protocolVersion: 1,
      secaggSuites: [],
    });
    expect(lastRegister?.backend).toBe('TRAINING_BACKEND_TFJS_WASM');
    expect(lastRegister?.device?.memoryBytes).toBe(8 * 2 ** 30);
    expect(lastRegister?.datasets[0]?.inputShape).toEqual([28, 28, 1]);
    expect(lastRegister?.workerVersion).toBe('');
  });

  it('streams a model to the client from a resume offset, manifest first', async () => {
    const resumeAt = chunkSize; // 10 000 bytes: chunks at 4096 and 8192 remain
    const messages = await new Promise<DownloadModelResponseOutput[]>((resolve, reject) => {
      const received: DownloadModelResponseOutput[] = [];
      const call = client.downloadModel({
        attempt: { experimentId: 'exp-1', roundNumber: 4, attempt: 1 },
        modelSha256: weightsSha256,
        offset: resumeAt,
      });
      call.on('data', (message: DownloadModelResponseOutput) => received.push(message));
      call.on('error', reject);
      call.on('end', () => {
        resolve(received);
      });
    });
    expect(messages.map((m) => m.part)).toEqual(['model', 'chunk', 'chunk']);
    expect(messages[0]?.model?.version).toBe(3);
    // An unset oneof member is undefined (not null) even with defaults: true.
    expect(messages[0]?.chunk).toBeUndefined();
    const chunks = messages.flatMap((m) => (m.chunk ? [m.chunk] : []));
    expect(chunks[0]?.offset).toBe(resumeAt);
    expect(Buffer.concat(chunks.map((c) => c.data)).equals(weights.subarray(resumeAt))).toBe(true);
    expect(chunks.at(-1)?.sha256.equals(weightsSha256)).toBe(true);
    expect(chunks[0]?.sha256.length).toBe(0);
  });

  it('accepts a client-streamed masked upload: start message, chunks, final digest', async () => {
    const vector = Buffer.from(new Uint32Array([1, 2, 3, 0xffffffff, 5, 6]).buffer);
    const response = await new Promise((resolve, reject) => {
      const call = client.uploadMasked((error, value) => {
        if (error) reject(error);
        else resolve(value);
      });
      call.write({
        start: {
          header: {
            experimentId: 'exp-1',
            roundNumber: 4,
            attempt: 1,
            stage: 'STAGE_COLLECT_MASKED',
            sender: 'worker-1',
          },
          offset: 0,
          totalBytes: vector.length,
          rejectedShares: ['worker-9'],
        },
      });
      call.write({ chunk: { offset: 0, data: vector.subarray(0, 12), totalBytes: vector.length } });
      call.write({
        chunk: {
          offset: 12,
          data: vector.subarray(12),
          totalBytes: vector.length,
          sha256: createHash('sha256').update(vector).digest(),
        },
      });
      call.end();
    });
    expect(response).toEqual({ receivedBytes: vector.length, complete: true });
    expect(lastUploadStart?.rejectedShares).toEqual(['worker-9']);
    expect(lastUploadStart?.header?.sender).toBe('worker-1');
  });

  it('answers an RPC it does not implement with UNIMPLEMENTED', async () => {
    const code = await new Promise((resolve) => {
      client.heartbeat({ sessionId: 'session-1' }, (error) => {
        resolve(error?.code);
      });
    });
    expect(code).toBe(12);
  });
});

/** The parts of a JSON FileDescriptorSet (as `buf build` writes it) this test reads. */
interface JsonDescriptor {
  name: string;
  field?: JsonDescriptor[];
  nestedType?: JsonDescriptor[];
  enumType?: JsonDescriptor[];
  oneofDecl?: JsonDescriptor[];
  value?: JsonDescriptor[];
  method?: JsonDescriptor[];
  options?: { mapEntry?: boolean };
}
interface JsonFile {
  name: string;
  package: string;
  messageType?: JsonDescriptor[];
  enumType?: JsonDescriptor[];
  service?: JsonDescriptor[];
  sourceCodeInfo?: { location: { path?: number[]; leadingComments?: string }[] };
}

// FileDescriptorProto / DescriptorProto field numbers used in source-info paths.
const PATH = {
  fileMessage: 4,
  fileEnum: 5,
  fileService: 6,
  messageField: 2,
  messageNested: 3,
  messageEnum: 4,
  messageOneof: 8,
  enumValue: 2,
  serviceMethod: 2,
} as const;

/**
 * Every element of the built descriptor set with its leading comment. The
 * set comes from `buf build` because grpc-js, proto-loader and its
 * `fileDescriptorProtos` drop source comments, and protobufjs is not a direct
 * dependency; buf's descriptor set is also what a reflection service that
 * keeps comments (for `grpcurl describe`) serves.
 */
function commentedElements(): { element: string; comment: string }[] {
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  const bufPackage = require.resolve('@bufbuild/buf/package.json');
  const buf = join(dirname(bufPackage), 'bin', 'buf');
  const json = execFileSync(process.execPath, [buf, 'build', '-o', '-#format=json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = (JSON.parse(json) as { file: JsonFile[] }).file.filter((f) =>
    f.name.startsWith('fedra/'),
  );
  const out: { element: string; comment: string }[] = [];
  for (const file of files) {
    const comments = new Map<string, string>();
    for (const location of file.sourceCodeInfo?.location ?? []) {
      if (location.path) comments.set(location.path.join('.'), location.leadingComments ?? '');
    }
    const visit = (name: string, path: number[]): void => {
      out.push({ element: name, comment: (comments.get(path.join('.')) ?? '').trim() });
    };
    const visitEnum = (e: JsonDescriptor, scope: string, path: number[]): void => {
      visit(`enum ${scope}.${e.name}`, path);
      e.value?.forEach((v, i) => {
        visit(`value ${scope}.${e.name}.${v.name}`, [...path, PATH.enumValue, i]);
      });
    };
    const visitMessage = (m: JsonDescriptor, scope: string, path: number[]): void => {
      const full = `${scope}.${m.name}`;
      visit(`message ${full}`, path);
      m.field?.forEach((f, i) => {
        visit(`field ${full}.${f.name}`, [...path, PATH.messageField, i]);
      });
      m.oneofDecl?.forEach((o, i) => {
        visit(`oneof ${full}.${o.name}`, [...path, PATH.messageOneof, i]);
      });
      m.nestedType?.forEach((n, i) => {
        // Map fields compile to synthetic entry messages that have no source.
        if (n.options?.mapEntry !== true) visitMessage(n, full, [...path, PATH.messageNested, i]);
      });
      m.enumType?.forEach((e, i) => {
        visitEnum(e, full, [...path, PATH.messageEnum, i]);
      });
    };
    file.messageType?.forEach((m, i) => {
      visitMessage(m, file.package, [PATH.fileMessage, i]);
    });
    file.enumType?.forEach((e, i) => {
      visitEnum(e, file.package, [PATH.fileEnum, i]);
    });
    file.service?.forEach((s, i) => {
      const full = `${file.package}.${s.name}`;
      visit(`service ${full}`, [PATH.fileService, i]);
      s.method?.forEach((m, j) => {
        visit(`rpc ${full}.${m.name}`, [PATH.fileService, i, PATH.serviceMethod, j]);
      });
    });
  }
  return out;
}

describe('documentation', () => {
  it('gives every service, RPC, message, field, oneof, enum and value a comment', () => {
    const elements = commentedElements();
    // The walk reached every RPC of the design, so it really covers the files.
    const rpcs = elements.filter((e) => e.element.startsWith('rpc ')).map((e) => e.element);
    const expected = Object.entries(EXPECTED_RPCS).flatMap(([service, methods]) =>
      Object.keys(methods).map((m) => `rpc ${service}.${m}`),
    );
    expect(rpcs.sort()).toEqual(expected.sort());
    expect(elements.filter((e) => e.element.startsWith('message ')).length).toBeGreaterThan(100);
    const undocumented = elements.filter((e) => e.comment === '').map((e) => e.element);
    expect(undocumented).toEqual([]);
  });
});
