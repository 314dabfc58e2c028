// Original file: protos/fedra/v1/fleet.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from '../../fedra/v1/DownloadModelResponse.js';
import type { FleetServiceDownloadModelRequest as _fedra_v1_FleetServiceDownloadModelRequest, FleetServiceDownloadModelRequest__Output as _fedra_v1_FleetServiceDownloadModelRequest__Output } from '../../fedra/v1/FleetServiceDownloadModelRequest.js';
import type { GetShareKeysRequest as _fedra_v1_GetShareKeysRequest, GetShareKeysRequest__Output as _fedra_v1_GetShareKeysRequest__Output } from '../../fedra/v1/GetShareKeysRequest.js';
import type { GetShareKeysResponse as _fedra_v1_GetShareKeysResponse, GetShareKeysResponse__Output as _fedra_v1_GetShareKeysResponse__Output } from '../../fedra/v1/GetShareKeysResponse.js';
import type { GetSharesRequest as _fedra_v1_GetSharesRequest, GetSharesRequest__Output as _fedra_v1_GetSharesRequest__Output } from '../../fedra/v1/GetSharesRequest.js';
import type { GetSharesResponse as _fedra_v1_GetSharesResponse, GetSharesResponse__Output as _fedra_v1_GetSharesResponse__Output } from '../../fedra/v1/GetSharesResponse.js';
import type { GetSurvivorSetRequest as _fedra_v1_GetSurvivorSetRequest, GetSurvivorSetRequest__Output as _fedra_v1_GetSurvivorSetRequest__Output } from '../../fedra/v1/GetSurvivorSetRequest.js';
import type { GetSurvivorSetResponse as _fedra_v1_GetSurvivorSetResponse, GetSurvivorSetResponse__Output as _fedra_v1_GetSurvivorSetResponse__Output } from '../../fedra/v1/GetSurvivorSetResponse.js';
import type { GetUnmaskRequestRequest as _fedra_v1_GetUnmaskRequestRequest, GetUnmaskRequestRequest__Output as _fedra_v1_GetUnmaskRequestRequest__Output } from '../../fedra/v1/GetUnmaskRequestRequest.js';
import type { GetUnmaskRequestResponse as _fedra_v1_GetUnmaskRequestResponse, GetUnmaskRequestResponse__Output as _fedra_v1_GetUnmaskRequestResponse__Output } from '../../fedra/v1/GetUnmaskRequestResponse.js';
import type { GetUploadOffsetRequest as _fedra_v1_GetUploadOffsetRequest, GetUploadOffsetRequest__Output as _fedra_v1_GetUploadOffsetRequest__Output } from '../../fedra/v1/GetUploadOffsetRequest.js';
import type { GetUploadOffsetResponse as _fedra_v1_GetUploadOffsetResponse, GetUploadOffsetResponse__Output as _fedra_v1_GetUploadOffsetResponse__Output } from '../../fedra/v1/GetUploadOffsetResponse.js';
import type { HeartbeatRequest as _fedra_v1_HeartbeatRequest, HeartbeatRequest__Output as _fedra_v1_HeartbeatRequest__Output } from '../../fedra/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _fedra_v1_HeartbeatResponse, HeartbeatResponse__Output as _fedra_v1_HeartbeatResponse__Output } from '../../fedra/v1/HeartbeatResponse.js';
import type { RegisterRequest as _fedra_v1_RegisterRequest, RegisterRequest__Output as _fedra_v1_RegisterRequest__Output } from '../../fedra/v1/RegisterRequest.js';
import type { RegisterResponse as _fedra_v1_RegisterResponse, RegisterResponse__Output as _fedra_v1_RegisterResponse__Output } from '../../fedra/v1/RegisterResponse.js';
import type { ReportRefusalRequest as _fedra_v1_ReportRefusalRequest, ReportRefusalRequest__Output as _fedra_v1_ReportRefusalRequest__Output } from '../../fedra/v1/ReportRefusalRequest.js';
import type { ReportRefusalResponse as _fedra_v1_ReportRefusalResponse, ReportRefusalResponse__Output as _fedra_v1_ReportRefusalResponse__Output } from '../../fedra/v1/ReportRefusalResponse.js';
import type { StreamTasksRequest as _fedra_v1_StreamTasksRequest, StreamTasksRequest__Output as _fedra_v1_StreamTasksRequest__Output } from '../../fedra/v1/StreamTasksRequest.js';
import type { StreamTasksResponse as _fedra_v1_StreamTasksResponse, StreamTasksResponse__Output as _fedra_v1_StreamTasksResponse__Output } from '../../fedra/v1/StreamTasksResponse.js';
import type { SubmitSetupRequest as _fedra_v1_SubmitSetupRequest, SubmitSetupRequest__Output as _fedra_v1_SubmitSetupRequest__Output } from '../../fedra/v1/SubmitSetupRequest.js';
import type { SubmitSetupResponse as _fedra_v1_SubmitSetupResponse, SubmitSetupResponse__Output as _fedra_v1_SubmitSetupResponse__Output } from '../../fedra/v1/SubmitSetupResponse.js';
import type { SubmitSharesRequest as _fedra_v1_SubmitSharesRequest, SubmitSharesRequest__Output as _fedra_v1_SubmitSharesRequest__Output } from '../../fedra/v1/SubmitSharesRequest.js';
import type { SubmitSharesResponse as _fedra_v1_SubmitSharesResponse, SubmitSharesResponse__Output as _fedra_v1_SubmitSharesResponse__Output } from '../../fedra/v1/SubmitSharesResponse.js';
import type { SubmitSurvivorSignatureRequest as _fedra_v1_SubmitSurvivorSignatureRequest, SubmitSurvivorSignatureRequest__Output as _fedra_v1_SubmitSurvivorSignatureRequest__Output } from '../../fedra/v1/SubmitSurvivorSignatureRequest.js';
import type { SubmitSurvivorSignatureResponse as _fedra_v1_SubmitSurvivorSignatureResponse, SubmitSurvivorSignatureResponse__Output as _fedra_v1_SubmitSurvivorSignatureResponse__Output } from '../../fedra/v1/SubmitSurvivorSignatureResponse.js';
import type { SubmitUnmaskRequest as _fedra_v1_SubmitUnmaskRequest, SubmitUnmaskRequest__Output as _fedra_v1_SubmitUnmaskRequest__Output } from '../../fedra/v1/SubmitUnmaskRequest.js';
import type { SubmitUnmaskResponse as _fedra_v1_SubmitUnmaskResponse, SubmitUnmaskResponse__Output as _fedra_v1_SubmitUnmaskResponse__Output } from '../../fedra/v1/SubmitUnmaskResponse.js';
import type { UploadMaskedRequest as _fedra_v1_UploadMaskedRequest, UploadMaskedRequest__Output as _fedra_v1_UploadMaskedRequest__Output } from '../../fedra/v1/UploadMaskedRequest.js';
import type { UploadMaskedResponse as _fedra_v1_UploadMaskedResponse, UploadMaskedResponse__Output as _fedra_v1_UploadMaskedResponse__Output } from '../../fedra/v1/UploadMaskedResponse.js';

/**
 * The worker-facing service. Callers authenticate with a worker certificate
 * (SAN spiffe://<federation>/region/<region>/worker/<id>); the coordinator
 * takes the worker's id and region from it, never from a request. A typical
 * worker calls Register, keeps StreamTasks open, sends Heartbeat on the
 * interval it was given, and answers each task with the stage RPCs below.
 */
export interface FleetServiceClient extends grpc.Client {
  /**
   * Streams the global model weights of a round the worker participates in,
   * as ~1 MiB chunks from the requested offset; the final chunk carries the
   * SHA-256. Workers cache models by hash and skip the download on a hit.
   */
  DownloadModel(argument: _fedra_v1_FleetServiceDownloadModelRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  DownloadModel(argument: _fedra_v1_FleetServiceDownloadModelRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  /**
   * Streams the global model weights of a round the worker participates in,
   * as ~1 MiB chunks from the requested offset; the final chunk carries the
   * SHA-256. Workers cache models by hash and skip the download on a hit.
   */
  downloadModel(argument: _fedra_v1_FleetServiceDownloadModelRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  downloadModel(argument: _fedra_v1_FleetServiceDownloadModelRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_DownloadModelResponse__Output>;
  
  /**
   * share-keys: returns the signed public keys of the worker's neighbours that
   * completed setup, and their certificates, once the stage has opened.
   */
  GetShareKeys(argument: _fedra_v1_GetShareKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  GetShareKeys(argument: _fedra_v1_GetShareKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  GetShareKeys(argument: _fedra_v1_GetShareKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  GetShareKeys(argument: _fedra_v1_GetShareKeysRequest, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  /**
   * share-keys: returns the signed public keys of the worker's neighbours that
   * completed setup, and their certificates, once the stage has opened.
   */
  getShareKeys(argument: _fedra_v1_GetShareKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  getShareKeys(argument: _fedra_v1_GetShareKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  getShareKeys(argument: _fedra_v1_GetShareKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  getShareKeys(argument: _fedra_v1_GetShareKeysRequest, callback: grpc.requestCallback<_fedra_v1_GetShareKeysResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * collect-masked: returns the encrypted shares addressed to the worker by
   * neighbours that completed share-keys.
   */
  GetShares(argument: _fedra_v1_GetSharesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  GetShares(argument: _fedra_v1_GetSharesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  GetShares(argument: _fedra_v1_GetSharesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  GetShares(argument: _fedra_v1_GetSharesRequest, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * collect-masked: returns the encrypted shares addressed to the worker by
   * neighbours that completed share-keys.
   */
  getShares(argument: _fedra_v1_GetSharesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  getShares(argument: _fedra_v1_GetSharesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  getShares(argument: _fedra_v1_GetSharesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  getShares(argument: _fedra_v1_GetSharesRequest, callback: grpc.requestCallback<_fedra_v1_GetSharesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * consistency-check: returns the survivor set the coordinator fixed, for
   * the worker to check and sign.
   */
  GetSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  GetSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  GetSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  GetSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * consistency-check: returns the survivor set the coordinator fixed, for
   * the worker to check and sign.
   */
  getSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  getSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  getSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  getSurvivorSet(argument: _fedra_v1_GetSurvivorSetRequest, callback: grpc.requestCallback<_fedra_v1_GetSurvivorSetResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * unmask: returns the survivor set with the neighbours' signatures over it;
   * the worker reveals shares only if enough of them verify.
   */
  GetUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  GetUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  GetUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  GetUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  /**
   * unmask: returns the survivor set with the neighbours' signatures over it;
   * the worker reveals shares only if enough of them verify.
   */
  getUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  getUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  getUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  getUnmaskRequest(argument: _fedra_v1_GetUnmaskRequestRequest, callback: grpc.requestCallback<_fedra_v1_GetUnmaskRequestResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * collect-masked: reports how many bytes of the worker's masked upload the
   * coordinator has staged, so an interrupted upload resumes from there.
   */
  GetUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  GetUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  GetUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  GetUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * collect-masked: reports how many bytes of the worker's masked upload the
   * coordinator has staged, so an interrupted upload resumes from there.
   */
  getUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  getUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  getUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  getUploadOffset(argument: _fedra_v1_GetUploadOffsetRequest, callback: grpc.requestCallback<_fedra_v1_GetUploadOffsetResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reports that the worker is alive and what it is doing. A worker that
   * misses several heartbeats is treated as disconnected and is not selected.
   */
  Heartbeat(argument: _fedra_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _fedra_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _fedra_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _fedra_v1_HeartbeatRequest, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reports that the worker is alive and what it is doing. A worker that
   * misses several heartbeats is treated as disconnected and is not selected.
   */
  heartbeat(argument: _fedra_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _fedra_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _fedra_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _fedra_v1_HeartbeatRequest, callback: grpc.requestCallback<_fedra_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Registers (or re-registers after a restart) the calling worker with its
   * capabilities and datasets, and opens a session for Heartbeat and
   * StreamTasks. Fails with FAILED_PRECONDITION if the coordinator does not
   * speak the worker's protocol version or any of its secure-aggregation
   * suites.
   */
  Register(argument: _fedra_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _fedra_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _fedra_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _fedra_v1_RegisterRequest, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Registers (or re-registers after a restart) the calling worker with its
   * capabilities and datasets, and opens a session for Heartbeat and
   * StreamTasks. Fails with FAILED_PRECONDITION if the coordinator does not
   * speak the worker's protocol version or any of its secure-aggregation
   * suites.
   */
  register(argument: _fedra_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _fedra_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _fedra_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _fedra_v1_RegisterRequest, callback: grpc.requestCallback<_fedra_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Tells the coordinator the worker will not (or no longer) take part in an
   * attempt, and why. The coordinator records the reason, drops the worker
   * from the attempt and may select it again in later rounds.
   */
  ReportRefusal(argument: _fedra_v1_ReportRefusalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  ReportRefusal(argument: _fedra_v1_ReportRefusalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  ReportRefusal(argument: _fedra_v1_ReportRefusalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  ReportRefusal(argument: _fedra_v1_ReportRefusalRequest, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Tells the coordinator the worker will not (or no longer) take part in an
   * attempt, and why. The coordinator records the reason, drops the worker
   * from the attempt and may select it again in later rounds.
   */
  reportRefusal(argument: _fedra_v1_ReportRefusalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  reportRefusal(argument: _fedra_v1_ReportRefusalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  reportRefusal(argument: _fedra_v1_ReportRefusalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  reportRefusal(argument: _fedra_v1_ReportRefusalRequest, callback: grpc.requestCallback<_fedra_v1_ReportRefusalResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The long-lived stream of tasks for this worker: round invitations, stage
   * openings, cancellations and drain requests. Each task carries a cursor;
   * after a reconnect the worker passes the last cursor it handled and the
   * coordinator resends what came after it that still matters.
   */
  StreamTasks(argument: _fedra_v1_StreamTasksRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_StreamTasksResponse__Output>;
  StreamTasks(argument: _fedra_v1_StreamTasksRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_StreamTasksResponse__Output>;
  /**
   * The long-lived stream of tasks for this worker: round invitations, stage
   * openings, cancellations and drain requests. Each task carries a cursor;
   * after a reconnect the worker passes the last cursor it handled and the
   * coordinator resends what came after it that still matters.
   */
  streamTasks(argument: _fedra_v1_StreamTasksRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_StreamTasksResponse__Output>;
  streamTasks(argument: _fedra_v1_StreamTasksRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fedra_v1_StreamTasksResponse__Output>;
  
  /**
   * setup: submits the worker's two signed public keys for the attempt (or
   * the worker calls ReportRefusal instead). Resending the identical message
   * is accepted; a different one for the same attempt is rejected.
   */
  SubmitSetup(argument: _fedra_v1_SubmitSetupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  SubmitSetup(argument: _fedra_v1_SubmitSetupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  SubmitSetup(argument: _fedra_v1_SubmitSetupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  SubmitSetup(argument: _fedra_v1_SubmitSetupRequest, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  /**
   * setup: submits the worker's two signed public keys for the attempt (or
   * the worker calls ReportRefusal instead). Resending the identical message
   * is accepted; a different one for the same attempt is rejected.
   */
  submitSetup(argument: _fedra_v1_SubmitSetupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  submitSetup(argument: _fedra_v1_SubmitSetupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  submitSetup(argument: _fedra_v1_SubmitSetupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  submitSetup(argument: _fedra_v1_SubmitSetupRequest, callback: grpc.requestCallback<_fedra_v1_SubmitSetupResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * share-keys: submits the worker's commitment and encrypted shares for its
   * neighbours. Resending the identical message is accepted.
   */
  SubmitShares(argument: _fedra_v1_SubmitSharesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  SubmitShares(argument: _fedra_v1_SubmitSharesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  SubmitShares(argument: _fedra_v1_SubmitSharesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  SubmitShares(argument: _fedra_v1_SubmitSharesRequest, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * share-keys: submits the worker's commitment and encrypted shares for its
   * neighbours. Resending the identical message is accepted.
   */
  submitShares(argument: _fedra_v1_SubmitSharesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  submitShares(argument: _fedra_v1_SubmitSharesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  submitShares(argument: _fedra_v1_SubmitSharesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  submitShares(argument: _fedra_v1_SubmitSharesRequest, callback: grpc.requestCallback<_fedra_v1_SubmitSharesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * consistency-check: submits the worker's signature over the survivor set.
   */
  SubmitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  SubmitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  SubmitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  SubmitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  /**
   * consistency-check: submits the worker's signature over the survivor set.
   */
  submitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  submitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  submitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  submitSurvivorSignature(argument: _fedra_v1_SubmitSurvivorSignatureRequest, callback: grpc.requestCallback<_fedra_v1_SubmitSurvivorSignatureResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * unmask: submits the revealed shares: b shares for survivors, masking-key
   * shares for participants dropped after share-keys, never both for one peer.
   */
  SubmitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  SubmitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  SubmitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  SubmitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * unmask: submits the revealed shares: b shares for survivors, masking-key
   * shares for participants dropped after share-keys, never both for one peer.
   */
  submitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  submitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  submitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  submitUnmask(argument: _fedra_v1_SubmitUnmaskRequest, callback: grpc.requestCallback<_fedra_v1_SubmitUnmaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * collect-masked: uploads the masked vector as a client stream: a start
   * message, then chunks from the offset GetUploadOffset reported; the final
   * chunk carries the SHA-256 of the whole vector. The coordinator stages
   * every chunk and folds the vector into the sum only after the digest
   * verifies.
   */
  UploadMasked(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  UploadMasked(metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  UploadMasked(options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  UploadMasked(callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  /**
   * collect-masked: uploads the masked vector as a client stream: a start
   * message, then chunks from the offset GetUploadOffset reported; the final
   * chunk carries the SHA-256 of the whole vector. The coordinator stages
   * every chunk and folds the vector into the sum only after the digest
   * verifies.
   */
  uploadMasked(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  uploadMasked(metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  uploadMasked(options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  uploadMasked(callback: grpc.requestCallback<_fedra_v1_UploadMaskedResponse__Output>): grpc.ClientWritableStream<_fedra_v1_UploadMaskedRequest>;
  
}

/**
 * The worker-facing service. Callers authenticate with a worker certificate
 * (SAN spiffe://<federation>/region/<region>/worker/<id>); the coordinator
 * takes the worker's id and region from it, never from a request. A typical
 * worker calls Register, keeps StreamTasks open, sends Heartbeat on the
 * interval it was given, and answers each task with the stage RPCs below.
 */
export interface FleetServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Streams the global model weights of a round the worker participates in,
   * as ~1 MiB chunks from the requested offset; the final chunk carries the
   * SHA-256. Workers cache models by hash and skip the download on a hit.
   */
  DownloadModel: grpc.handleServerStreamingCall<_fedra_v1_FleetServiceDownloadModelRequest__Output, _fedra_v1_DownloadModelResponse>;
  
  /**
   * share-keys: returns the signed public keys of the worker's neighbours that
   * completed setup, and their certificates, once the stage has opened.
   */
  GetShareKeys: grpc.handleUnaryCall<_fedra_v1_GetShareKeysRequest__Output, _fedra_v1_GetShareKeysResponse>;
  
  /**
   * collect-masked: returns the encrypted shares addressed to the worker by
   * neighbours that completed share-keys.
   */
  GetShares: grpc.handleUnaryCall<_fedra_v1_GetSharesRequest__Output, _fedra_v1_GetSharesResponse>;
  
  /**
   * consistency-check: returns the survivor set the coordinator fixed, for
   * the worker to check and sign.
   */
  GetSurvivorSet: grpc.handleUnaryCall<_fedra_v1_GetSurvivorSetRequest__Output, _fedra_v1_GetSurvivorSetResponse>;
  
  /**
   * unmask: returns the survivor set with the neighbours' signatures over it;
   * the worker reveals shares only if enough of them verify.
   */
  GetUnmaskRequest: grpc.handleUnaryCall<_fedra_v1_GetUnmaskRequestRequest__Output, _fedra_v1_GetUnmaskRequestResponse>;
  
  /**
   * collect-masked: reports how many bytes of the worker's masked upload the
   * coordinator has staged, so an interrupted upload resumes from there.
   */
  GetUploadOffset: grpc.handleUnaryCall<_fedra_v1_GetUploadOffsetRequest__Output, _fedra_v1_GetUploadOffsetResponse>;
  
  /**
   * Reports that the worker is alive and what it is doing. A worker that
   * misses several heartbeats is treated as disconnected and is not selected.
   */
  Heartbeat: grpc.handleUnaryCall<_fedra_v1_HeartbeatRequest__Output, _fedra_v1_HeartbeatResponse>;
  
  /**
   * Registers (or re-registers after a restart) the calling worker with its
   * capabilities and datasets, and opens a session for Heartbeat and
   * StreamTasks. Fails with FAILED_PRECONDITION if the coordinator does not
   * speak the worker's protocol version or any of its secure-aggregation
   * suites.
   */
  Register: grpc.handleUnaryCall<_fedra_v1_RegisterRequest__Output, _fedra_v1_RegisterResponse>;
  
  /**
   * Tells the coordinator the worker will not (or no longer) take part in an
   * attempt, and why. The coordinator records the reason, drops the worker
   * from the attempt and may select it again in later rounds.
   */
  ReportRefusal: grpc.handleUnaryCall<_fedra_v1_ReportRefusalRequest__Output, _fedra_v1_ReportRefusalResponse>;
  
  /**
   * The long-lived stream of tasks for this worker: round invitations, stage
   * openings, cancellations and drain requests. Each task carries a cursor;
   * after a reconnect the worker passes the last cursor it handled and the
   * coordinator resends what came after it that still matters.
   */
  StreamTasks: grpc.handleServerStreamingCall<_fedra_v1_StreamTasksRequest__Output, _fedra_v1_StreamTasksResponse>;
  
  /**
   * setup: submits the worker's two signed public keys for the attempt (or
   * the worker calls ReportRefusal instead). Resending the identical message
   * is accepted; a different one for the same attempt is rejected.
   */
  SubmitSetup: grpc.handleUnaryCall<_fedra_v1_SubmitSetupRequest__Output, _fedra_v1_SubmitSetupResponse>;
  
  /**
   * share-keys: submits the worker's commitment and encrypted shares for its
   * neighbours. Resending the identical message is accepted.
   */
  SubmitShares: grpc.handleUnaryCall<_fedra_v1_SubmitSharesRequest__Output, _fedra_v1_SubmitSharesResponse>;
  
  /**
   * consistency-check: submits the worker's signature over the survivor set.
   */
  SubmitSurvivorSignature: grpc.handleUnaryCall<_fedra_v1_SubmitSurvivorSignatureRequest__Output, _fedra_v1_SubmitSurvivorSignatureResponse>;
  
  /**
   * unmask: submits the revealed shares: b shares for survivors, masking-key
   * shares for participants dropped after share-keys, never both for one peer.
   */
  SubmitUnmask: grpc.handleUnaryCall<_fedra_v1_SubmitUnmaskRequest__Output, _fedra_v1_SubmitUnmaskResponse>;
  
  /**
   * collect-masked: uploads the masked vector as a client stream: a start
   * message, then chunks from the offset GetUploadOffset reported; the final
   * chunk carries the SHA-256 of the whole vector. The coordinator stages
   * every chunk and folds the vector into the sum only after the digest
   * verifies.
   */
  UploadMasked: grpc.handleClientStreamingCall<_fedra_v1_UploadMaskedRequest__Output, _fedra_v1_UploadMaskedResponse>;
  
}

export interface FleetServiceDefinition extends grpc.ServiceDefinition {
  DownloadModel: MethodDefinition<_fedra_v1_FleetServiceDownloadModelRequest, _fedra_v1_DownloadModelResponse, _fedra_v1_FleetServiceDownloadModelRequest__Output, _fedra_v1_DownloadModelResponse__Output>
  GetShareKeys: MethodDefinition<_fedra_v1_GetShareKeysRequest, _fedra_v1_GetShareKeysResponse, _fedra_v1_GetShareKeysRequest__Output, _fedra_v1_GetShareKeysResponse__Output>
  GetShares: MethodDefinition<_fedra_v1_GetSharesRequest, _fedra_v1_GetSharesResponse, _fedra_v1_GetSharesRequest__Output, _fedra_v1_GetSharesResponse__Output>
  GetSurvivorSet: MethodDefinition<_fedra_v1_GetSurvivorSetRequest, _fedra_v1_GetSurvivorSetResponse, _fedra_v1_GetSurvivorSetRequest__Output, _fedra_v1_GetSurvivorSetResponse__Output>
  GetUnmaskRequest: MethodDefinition<_fedra_v1_GetUnmaskRequestRequest, _fedra_v1_GetUnmaskRequestResponse, _fedra_v1_GetUnmaskRequestRequest__Output, _fedra_v1_GetUnmaskRequestResponse__Output>
  GetUploadOffset: MethodDefinition<_fedra_v1_GetUploadOffsetRequest, _fedra_v1_GetUploadOffsetResponse, _fedra_v1_GetUploadOffsetRequest__Output, _fedra_v1_GetUploadOffsetResponse__Output>
  Heartbeat: MethodDefinition<_fedra_v1_HeartbeatRequest, _fedra_v1_HeartbeatResponse, _fedra_v1_HeartbeatRequest__Output, _fedra_v1_HeartbeatResponse__Output>
  Register: MethodDefinition<_fedra_v1_RegisterRequest, _fedra_v1_RegisterResponse, _fedra_v1_RegisterRequest__Output, _fedra_v1_RegisterResponse__Output>
  ReportRefusal: MethodDefinition<_fedra_v1_ReportRefusalRequest, _fedra_v1_ReportRefusalResponse, _fedra_v1_ReportRefusalRequest__Output, _fedra_v1_ReportRefusalResponse__Output>
  StreamTasks: MethodDefinition<_fedra_v1_StreamTasksRequest, _fedra_v1_StreamTasksResponse, _fedra_v1_StreamTasksRequest__Output, _fedra_v1_StreamTasksResponse__Output>
  SubmitSetup: MethodDefinition<_fedra_v1_SubmitSetupRequest, _fedra_v1_SubmitSetupResponse, _fedra_v1_SubmitSetupRequest__Output, _fedra_v1_SubmitSetupResponse__Output>
  SubmitShares: MethodDefinition<_fedra_v1_SubmitSharesRequest, _fedra_v1_SubmitSharesResponse, _fedra_v1_SubmitSharesRequest__Output, _fedra_v1_SubmitSharesResponse__Output>
  SubmitSurvivorSignature: MethodDefinition<_fedra_v1_SubmitSurvivorSignatureRequest, _fedra_v1_SubmitSurvivorSignatureResponse, _fedra_v1_SubmitSurvivorSignatureRequest__Output, _fedra_v1_SubmitSurvivorSignatureResponse__Output>
  SubmitUnmask: MethodDefinition<_fedra_v1_SubmitUnmaskRequest, _fedra_v1_SubmitUnmaskResponse, _fedra_v1_SubmitUnmaskRequest__Output, _fedra_v1_SubmitUnmaskResponse__Output>
  UploadMasked: MethodDefinition<_fedra_v1_UploadMaskedRequest, _fedra_v1_UploadMaskedResponse, _fedra_v1_UploadMaskedRequest__Output, _fedra_v1_UploadMaskedResponse__Output>
}
