/**
 * Protobuf bytes for the Fleet messages the coordinator keeps in stage
 * inboxes and outboxes and on the task streams. Every such message is an RPC
 * request or response, so `@fedra/proto`'s loaded service definitions already
 * carry its grpc-js serializers (protobufjs with the loader's options, so the
 * decoded objects have exactly the generated `…Output` shapes).
 *
 * RoundConfig and ExperimentSpec bytes (hashed, signed, and decoded by
 * workers too) live in `@fedra/wire`.
 *
 * @module
 */
import { loadFedraPackage } from '@fedra/proto';
import type { StreamTasksResponse, StreamTasksResponseOutput } from '@fedra/proto';

function services() {
  return loadFedraPackage().fedra.v1;
}

/** The serialized fedra.v1.StreamTasksResponse (a task on a worker's stream). */
export function encodeTask(task: StreamTasksResponse): Buffer {
  return services().FleetService.service.StreamTasks.responseSerialize(task);
}

/** Decodes a stored task. */
export function decodeTask(bytes: Buffer): StreamTasksResponseOutput {
  return services().FleetService.service.StreamTasks.responseDeserialize(bytes);
}

/** The Fleet service definition, whose methods carry the message serializers. */
export function fleetMethods() {
  return services().FleetService.service;
}
