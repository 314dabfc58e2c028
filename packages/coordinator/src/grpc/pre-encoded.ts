/**
 * Responses serialized once and sent many times. Every participant of a
 * round downloads the same model, chunk for chunk; encoding each chunk
 * message once (instead of once per download) saves a copy of the whole
 * model per participant and the garbage it leaves. A service accepts such
 * responses only for the methods {@link acceptPreEncoded} names; the bytes
 * are exactly what the method's own serializer produced.
 *
 * @module
 */
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

const PRE_ENCODED = Symbol('fedra.preEncoded');

/** A response message already serialized by its method's serializer. */
export interface PreEncoded {
  readonly [PRE_ENCODED]: Buffer;
}

/** Wraps bytes a method's `responseSerialize` produced. */
export function preEncoded(bytes: Buffer): PreEncoded {
  return { [PRE_ENCODED]: bytes };
}

function isPreEncoded(value: unknown): value is PreEncoded {
  return typeof value === 'object' && value !== null && PRE_ENCODED in value;
}

/**
 * A copy of `service` whose `methods` send {@link PreEncoded} responses as
 * they are and serialize every other response as before. The original
 * definition is not changed.
 */
export function acceptPreEncoded(
  service: ServiceDefinition,
  methods: readonly string[],
): ServiceDefinition {
  const copy: Record<string, MethodDefinition<unknown, unknown>> = { ...service };
  for (const name of methods) {
    const method = service[name];
    if (method === undefined) throw new Error(`no method ${name} to accept pre-encoded responses`);
    const serialize = method.responseSerialize;
    copy[name] = {
      ...method,
      responseSerialize: (value: unknown) =>
        isPreEncoded(value) ? value[PRE_ENCODED] : serialize(value),
    };
  }
  return copy;
}
