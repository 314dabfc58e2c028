// Original file: protos/fedra/v1/experiment.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelExperimentRequest as _fedra_v1_CancelExperimentRequest, CancelExperimentRequest__Output as _fedra_v1_CancelExperimentRequest__Output } from '../../fedra/v1/CancelExperimentRequest.js';
import type { CancelExperimentResponse as _fedra_v1_CancelExperimentResponse, CancelExperimentResponse__Output as _fedra_v1_CancelExperimentResponse__Output } from '../../fedra/v1/CancelExperimentResponse.js';
import type { CreateExperimentRequest as _fedra_v1_CreateExperimentRequest, CreateExperimentRequest__Output as _fedra_v1_CreateExperimentRequest__Output } from '../../fedra/v1/CreateExperimentRequest.js';
import type { CreateExperimentResponse as _fedra_v1_CreateExperimentResponse, CreateExperimentResponse__Output as _fedra_v1_CreateExperimentResponse__Output } from '../../fedra/v1/CreateExperimentResponse.js';
import type { DownloadModelRequest as _fedra_v1_DownloadModelRequest, DownloadModelRequest__Output as _fedra_v1_DownloadModelRequest__Output } from '../../fedra/v1/DownloadModelRequest.js';
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from '../../fedra/v1/DownloadModelResponse.js';
import type { GetExperimentRequest as _fedra_v1_GetExperimentRequest, GetExperimentRequest__Output as _fedra_v1_GetExperimentRequest__Output } from '../../fedra/v1/GetExperimentRequest.js';
import type { GetExperimentResponse as _fedra_v1_GetExperimentResponse, GetExperimentResponse__Output as _fedra_v1_GetExperimentResponse__Output } from '../../fedra/v1/GetExperimentResponse.js';
import type { GetHistoryRequest as _fedra_v1_GetHistoryRequest, GetHistoryRequest__Output as _fedra_v1_GetHistoryRequest__Output } from '../../fedra/v1/GetHistoryRequest.js';
import type { GetHistoryResponse as _fedra_v1_GetHistoryResponse, GetHistoryResponse__Output as _fedra_v1_GetHistoryResponse__Output } from '../../fedra/v1/GetHistoryResponse.js';
import type { ListExperimentsRequest as _fedra_v1_ListExperimentsRequest, ListExperimentsRequest__Output as _fedra_v1_ListExperimentsRequest__Output } from '../../fedra/v1/ListExperimentsRequest.js';
import type { ListExperimentsResponse as _fedra_v1_ListExperimentsResponse, ListExperimentsResponse__Output as _fedra_v1_ListExperimentsResponse__Output } from '../../fedra/v1/ListExperimentsResponse.js';
import type { StartExperimentRequest as _fedra_v1_StartExperimentRequest, StartExperimentRequest__Output as _fedra_v1_StartExperimentRequest__Output } from '../../fedra/v1/StartExperimentRequest.js';
import type { StartExperimentResponse as _fedra_v1_StartExperimentResponse, StartExperimentResponse__Output as _fedra_v1_StartExperimentResponse__Output } from '../../fedra/v1/StartExperimentResponse.js';
import type { WatchExperimentRequest as _fedra_v1_WatchExperimentRequest, WatchExperimentRequest__Output as _fedra_v1_WatchExperimentRequest__Output } from '../../fedra/v1/WatchExperimentRequest.js';
import type { WatchExperimentResponse as _fedra_v1_WatchExperimentResponse, WatchExperimentResponse__Output as _fedra_v1_WatchExperimentResponse__Output } from '../../fedra/v1/WatchExperimentResponse.js';

/**
 * The data-scientist-facing service. Callers authenticate with a scientist
 * certificate (SAN spiffe://<federation>/scientist/<name>); a scientist sees
 * and changes only the experiments it owns. Mutating calls carry a
 * request_id, so a retry after a lost response is safe.
 */
export interface ExperimentServiceClient extends grpc.Client {
  /**
   * Cancels an experiment: its running attempt is aborted, no further rounds
   * run, and committed model versions stay downloadable.
   */
  CancelExperiment(argument: _fedra_v1_CancelExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  CancelExperiment(argument: _fedra_v1_CancelExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  CancelExperiment(argument: _fedra_v1_CancelExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  CancelExperiment(argument: _fedra_v1_CancelExperimentRequest, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Cancels an experiment: its running attempt is aborted, no further rounds
   * run, and committed model versions stay downloadable.
   */
  cancelExperiment(argument: _fedra_v1_CancelExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  cancelExperiment(argument: _fedra_v1_CancelExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  cancelExperiment(argument: _fedra_v1_CancelExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  cancelExperiment(argument: _fedra_v1_CancelExperimentRequest, callback: grpc.requestCallback<_fedra_v1_CancelExperimentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates an experiment from a client stream: a start message with
   * metadata and spec, then the initial weights as chunks; the final chunk
   * carries their SHA-256. The coordinator validates the spec (layer
   * allow-list, parameter cap, shapes, t <= k, lane overflow), stores the
   * weights as model version 0, and returns the experiment in state CREATED.
   */
  CreateExperiment(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  CreateExperiment(metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  CreateExperiment(options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  CreateExperiment(callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  /**
   * Creates an experiment from a client stream: a start message with
   * metadata and spec, then the initial weights as chunks; the final chunk
   * carries their SHA-256. The coordinator validates the spec (layer
   * allow-list, parameter cap, shapes, t <= k, lane overflow), stores the
   * weights as model version 0, and returns the experiment in state CREATED.
   */
  createExperiment(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  createExperiment(metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  createExperiment(options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  createExperiment(callback: grpc.requestCallback<_fedra_v1_CreateExperimentResponse__Output>): grpc.ClientWritableStream<_fedra_v1_CreateExperimentRequest>;
  
  /**
   * Streams a committed model version: a manifest, then the weight bytes as
   * ~1 MiB chunks from the requested offset; the final chunk carries the
   * SHA-256. The topology and weight layout are in the experiment's spec.
   */
  DownloadModel(argument: _fedra_v1_DownloadModelRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  DownloadModel(argument: _fedra_v1_DownloadModelRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  /**
   * Streams a committed model version: a manifest, then the weight bytes as
   * ~1 MiB chunks from the requested offset; the final chunk carries the
   * SHA-256. The topology and weight layout are in the experiment's spec.
   */
  downloadModel(argument: _fedra_v1_DownloadModelRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  downloadModel(argument: _fedra_v1_DownloadModelRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  
  /**
   * Returns one experiment, including its spec.
   */
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns one experiment, including its spec.
   */
  getExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  getExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  getExperiment(argument: _fedra_v1_GetExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  getExperiment(argument: _fedra_v1_GetExperimentRequest, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the experiment's committed model versions with each round's
   * metrics, oldest first, a page at a time.
   */
  GetHistory(argument: _fedra_v1_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _fedra_v1_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _fedra_v1_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _fedra_v1_GetHistoryRequest, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the experiment's committed model versions with each round's
   * metrics, oldest first, a page at a time.
   */
  getHistory(argument: _fedra_v1_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _fedra_v1_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _fedra_v1_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _fedra_v1_GetHistoryRequest, callback: grpc.requestCallback<_fedra_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists experiments, newest first, a page at a time; optionally only those
   * in the given states.
   */
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists experiments, newest first, a page at a time; optionally only those
   * in the given states.
   */
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Starts a CREATED experiment: the coordinator schedules round 1.
   */
  StartExperiment(argument: _fedra_v1_StartExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  StartExperiment(argument: _fedra_v1_StartExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  StartExperiment(argument: _fedra_v1_StartExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  StartExperiment(argument: _fedra_v1_StartExperimentRequest, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Starts a CREATED experiment: the coordinator schedules round 1.
   */
  startExperiment(argument: _fedra_v1_StartExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  startExperiment(argument: _fedra_v1_StartExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  startExperiment(argument: _fedra_v1_StartExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  startExperiment(argument: _fedra_v1_StartExperimentRequest, callback: grpc.requestCallback<_fedra_v1_StartExperimentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams the experiment's round events as they happen. Each event carries
   * a cursor; pass the last one seen to resume after a disconnect without
   * missing or repeating events. The stream ends after ExperimentFinished.
   */
  WatchExperiment(argument: _fedra_v1_WatchExperimentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_WatchExperimentResponse__Output>;
  WatchExperiment(argument: _fedra_v1_WatchExperimentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_WatchExperimentResponse__Output>;
  /**
   * Streams the experiment's round events as they happen. Each event carries
   * a cursor; pass the last one seen to resume after a disconnect without
   * missing or repeating events. The stream ends after ExperimentFinished.
   */
  watchExperiment(argument: _fedra_v1_WatchExperimentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_WatchExperimentResponse__Output>;
  watchExperiment(argument: _fedra_v1_WatchExperimentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_WatchExperimentResponse__Output>;
  
}

/**
 * The data-scientist-facing service. Callers authenticate with a scientist
 * certificate (SAN spiffe://<federation>/scientist/<name>); a scientist sees
 * and changes only the experiments it owns. Mutating calls carry a
 * request_id, so a retry after a lost response is safe.
 */
export interface ExperimentServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Cancels an experiment: its running attempt is aborted, no further rounds
   * run, and committed model versions stay downloadable.
   */
  CancelExperiment: grpc.handleUnaryCall<_fedra_v1_CancelExperimentRequest__Output, _fedra_v1_CancelExperimentResponse>;
  
  /**
   * Creates an experiment from a client stream: a start message with
   * metadata and spec, then the initial weights as chunks; the final chunk
   * carries their SHA-256. The coordinator validates the spec (layer
   * allow-list, parameter cap, shapes, t <= k, lane overflow), stores the
   * weights as model version 0, and returns the experiment in state CREATED.
   */
  CreateExperiment: grpc.handleClientStreamingCall<_fedra_v1_CreateExperimentRequest__Output, _fedra_v1_CreateExperimentResponse>;
  
  /**
   * Streams a committed model version: a manifest, then the weight bytes as
   * ~1 MiB chunks from the requested offset; the final chunk carries the
   * SHA-256. The topology and weight layout are in the experiment's spec.
   */
  DownloadModel: grpc.handleServerStreamingCall<_fedra_v1_DownloadModelRequest__Output, _fedra_v1_DownloadModelResponse>;
  
  /**
   * Returns one experiment, including its spec.
   */
  GetExperiment: grpc.handleUnaryCall<_fedra_v1_GetExperimentRequest__Output, _fedra_v1_GetExperimentResponse>;
  
  /**
   * Lists the experiment's committed model versions with each round's
   * metrics, oldest first, a page at a time.
   */
  GetHistory: grpc.handleUnaryCall<_fedra_v1_GetHistoryRequest__Output, _fedra_v1_GetHistoryResponse>;
  
  /**
   * Lists experiments, newest first, a page at a time; optionally only those
   * in the given states.
   */
  ListExperiments: grpc.handleUnaryCall<_fedra_v1_ListExperimentsRequest__Output, _fedra_v1_ListExperimentsResponse>;
  
  /**
   * Starts a CREATED experiment: the coordinator schedules round 1.
   */
  StartExperiment: grpc.handleUnaryCall<_fedra_v1_StartExperimentRequest__Output, _fedra_v1_StartExperimentResponse>;
  
  /**
   * Streams the experiment's round events as they happen. Each event carries
   * a cursor; pass the last one seen to resume after a disconnect without
   * missing or repeating events. The stream ends after ExperimentFinished.
   */
  WatchExperiment: grpc.handleServerStreamingCall<_fedra_v1_WatchExperimentRequest__Output, _fedra_v1_WatchExperimentResponse>;
  
}

export interface ExperimentServiceDefinition extends grpc.ServiceDefinition {
  CancelExperiment: MethodDefinition<_fedra_v1_CancelExperimentRequest, _fedra_v1_CancelExperimentResponse, _fedra_v1_CancelExperimentRequest__Output, _fedra_v1_CancelExperimentResponse__Output>
  CreateExperiment: MethodDefinition<_fedra_v1_CreateExperimentRequest, _fedra_v1_CreateExperimentResponse, _fedra_v1_CreateExperimentRequest__Output, _fedra_v1_CreateExperimentResponse__Output>
  DownloadModel: MethodDefinition<_fedra_v1_DownloadModelRequest, _fedra_v1_DownloadModelResponse, _fedra_v1_DownloadModelRequest__Output, _fedra_v1_DownloadModelResponse__Output>
  GetExperiment: MethodDefinition<_fedra_v1_GetExperimentRequest, _fedra_v1_GetExperimentResponse, _fedra_v1_GetExperimentRequest__Output, _fedra_v1_GetExperimentResponse__Output>
  GetHistory: MethodDefinition<_fedra_v1_GetHistoryRequest, _fedra_v1_GetHistoryResponse, _fedra_v1_GetHistoryRequest__Output, _fedra_v1_GetHistoryResponse__Output>
  ListExperiments: MethodDefinition<_fedra_v1_ListExperimentsRequest, _fedra_v1_ListExperimentsResponse, _fedra_v1_ListExperimentsRequest__Output, _fedra_v1_ListExperimentsResponse__Output>
  StartExperiment: MethodDefinition<_fedra_v1_StartExperimentRequest, _fedra_v1_StartExperimentResponse, _fedra_v1_StartExperimentRequest__Output, _fedra_v1_StartExperimentResponse__Output>
  WatchExperiment: MethodDefinition<_fedra_v1_WatchExperimentRequest, _fedra_v1_WatchExperimentResponse, _fedra_v1_WatchExperimentRequest__Output, _fedra_v1_WatchExperimentResponse__Output>
}
