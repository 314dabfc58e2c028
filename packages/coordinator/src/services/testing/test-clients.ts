/**
 * gRPC clients for the coordinator's integration tests, in insecure mode
 * (each call names its SPIFFE id in the `fedra-insecure-identity` header),
 * with promise forms of the unary calls. Test code only.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { credentials, Metadata } from '@grpc/grpc-js';
import type { ChannelCredentials, ServiceError } from '@grpc/grpc-js';
import { FedraError, fromGrpcStatus } from '@fedra/common';
import { loadFedraPackage } from '@fedra/proto';
import type {
  AdminServiceClient,
  ChunkOutput,
  CreateExperimentResponseOutput,
  ExperimentMetadata,
  ExperimentServiceClient,
  ExperimentSpec,
  FleetServiceClient,
  ModelVersionOutput,
} from '@fedra/proto';
import { payloadChunks } from '@fedra/wire';
import { INSECURE_IDENTITY_HEADER } from '../../identity/call-identity.js';

type Callback<T> = (error: ServiceError | null, value?: T) => void;

/** A client call of any unary method, as a promise; errors become FedraErrors. */
export function unary<T>(
  invoke: (metadata: Metadata, callback: Callback<T>) => unknown,
  identity: string,
): Promise<T> {
  const metadata = new Metadata();
  metadata.set(INSECURE_IDENTITY_HEADER, identity);
  return new Promise<T>((resolve, reject) => {
    invoke(metadata, (error, value) => {
      if (error !== null) reject(toFedraError(error));
      else resolve(value as T);
    });
  });
}

/** The FedraError a client sees for a failed call. */
export function toFedraError(error: ServiceError): FedraError {
  return fromGrpcStatus({ code: error.code, details: error.details, metadata: error.metadata });
}

/**
 * The FedraError a call that must fail was refused with; a call that
 * succeeds, or fails some other way, fails the test.
 */
export async function refused(call: Promise<unknown>): Promise<FedraError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FedraError))
    throw new Error(`expected a FedraError, got ${String(error)}`);
  return error;
}

/** Metadata naming `identity`. */
export function identityMetadata(identity: string): Metadata {
  const metadata = new Metadata();
  metadata.set(INSECURE_IDENTITY_HEADER, identity);
  return metadata;
}

/** The three service clients of one coordinator. */
export interface TestClients {
  readonly fleet: FleetServiceClient;
  readonly experiments: ExperimentServiceClient;
  readonly admin: AdminServiceClient;
  close(): void;
}

/** Connects clients to `address`: insecure, or with `channel` credentials (mTLS). */
export function connectClients(
  address: string,
  channel: ChannelCredentials = credentials.createInsecure(),
): TestClients {
  const v1 = loadFedraPackage().fedra.v1;
  const fleet = new v1.FleetService(address, channel);
  const experiments = new v1.ExperimentService(address, channel);
  const admin = new v1.AdminService(address, channel);
  return {
    fleet,
    experiments,
    admin,
    close: () => {
      fleet.close();
      experiments.close();
      admin.close();
    },
  };
}

/** Creates an experiment: start, then the weights in chunks, the last with the digest. */
export function createExperiment(
  client: ExperimentServiceClient,
  identity: string,
  request: {
    requestId: string;
    spec: ExperimentSpec;
    metadata?: ExperimentMetadata;
    weights: Float32Array;
    chunkBytes?: number;
  },
): Promise<CreateExperimentResponseOutput> {
  return new Promise((resolve, reject) => {
    const call = client.createExperiment(identityMetadata(identity), (error, response) => {
      if (error !== null) reject(toFedraError(error));
      else if (response === undefined) reject(new Error('no response'));
      else resolve(response);
    });
    call.write({
      start: { requestId: request.requestId, spec: request.spec, metadata: request.metadata ?? {} },
    });
    const bytes = Buffer.from(
      request.weights.buffer,
      request.weights.byteOffset,
      request.weights.byteLength,
    );
    const sha256 = createHash('sha256').update(bytes).digest();
    const size = request.chunkBytes ?? 64 * 1024;
    if (bytes.length === 0)
      call.write({ initialWeights: { offset: 0, data: Buffer.alloc(0), totalBytes: 0, sha256 } });
    for (const initialWeights of payloadChunks(bytes, sha256, { chunkBytes: size }))
      call.write({ initialWeights });
    call.end();
  });
}

/** Reads a whole DownloadModel stream: the manifest and the reassembled bytes. */
export function readModelStream(
  stream: NodeJS.ReadableStream & {
    on(
      event: 'data',
      listener: (m: { model?: ModelVersionOutput | null; chunk?: ChunkOutput | null }) => void,
    ): unknown;
  },
): Promise<{ manifest: ModelVersionOutput | undefined; bytes: Buffer; sha256: Buffer }> {
  return new Promise((resolve, reject) => {
    let manifest: ModelVersionOutput | undefined;
    const parts: Buffer[] = [];
    let sha256: Buffer = Buffer.alloc(0);
    stream.on('data', (message) => {
      if (message.model != null) manifest = message.model;
      if (message.chunk != null) {
        parts.push(message.chunk.data);
        if (message.chunk.sha256.length > 0) sha256 = message.chunk.sha256;
      }
    });
    stream.on('error', (error: ServiceError) => {
      reject(toFedraError(error));
    });
    stream.on('end', () => {
      resolve({ manifest, bytes: Buffer.concat(parts), sha256 });
    });
  });
}
