/**
 * A gRPC client interceptor that sees every request message the worker
 * sends, as the exact bytes that go on the wire (serialized with the
 * method's own serializer), and the request metadata. The worker's
 * `bytes sent` metric counts through it; tests record with it to prove
 * what leaves a region (see the egress test).
 *
 * @module
 */
import { InterceptingCall } from '@grpc/grpc-js';
import type { Interceptor, Metadata } from '@grpc/grpc-js';

/** One outbound item: a serialized request message or the call's metadata. */
export interface EgressRecord {
  /** The full method path, e.g. `/fedra.v1.FleetService/UploadMasked`. */
  readonly method: string;
  /** `'message'` for a request message, `'metadata'` for the call's headers. */
  readonly kind: 'message' | 'metadata';
  /** The bytes: the serialized message, or the metadata's keys and values. */
  readonly bytes: Buffer;
}

/**
 * An interceptor that calls `onEgress` with every request message and the
 * metadata of every call, then passes them on unchanged. `onEgress` must
 * not throw and should be cheap: it runs on the send path.
 */
export function egressInterceptor(onEgress: (record: EgressRecord) => void): Interceptor {
  return (options, nextCall) => {
    const definition = options.method_definition;
    const method = definition.path;
    return new InterceptingCall(nextCall(options), {
      start(metadata: Metadata, listener, next) {
        onEgress({ method, kind: 'metadata', bytes: metadataBytes(metadata) });
        next(metadata, listener);
      },
      sendMessage(message: unknown, next) {
        onEgress({ method, kind: 'message', bytes: definition.requestSerialize(message) });
        next(message);
      },
    });
  };
}

function metadataBytes(metadata: Metadata): Buffer {
  const parts: Buffer[] = [];
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    for (const value of values) {
      parts.push(Buffer.from(`${key}: `), typeof value === 'string' ? Buffer.from(value) : value);
      parts.push(Buffer.from('\n'));
    }
  }
  return Buffer.concat(parts);
}
