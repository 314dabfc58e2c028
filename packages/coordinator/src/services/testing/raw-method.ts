/**
 * A gRPC method that moves raw bytes (identity serializers), for test
 * services and benchmarks that need no protos.
 *
 * @module
 */
import type { MethodDefinition } from '@grpc/grpc-js';

const identity = (value: Buffer): Buffer => value;

/** The method at `path`, streaming as given, with Buffer requests and responses. */
export function rawMethod(
  path: string,
  requestStream: boolean,
  responseStream: boolean,
): MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream,
    responseStream,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  };
}
