// Original file: protos/fedra/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DrainWorkerRequest as _fedra_v1_DrainWorkerRequest, DrainWorkerRequest__Output as _fedra_v1_DrainWorkerRequest__Output } from '../../fedra/v1/DrainWorkerRequest.js';
import type { DrainWorkerResponse as _fedra_v1_DrainWorkerResponse, DrainWorkerResponse__Output as _fedra_v1_DrainWorkerResponse__Output } from '../../fedra/v1/DrainWorkerResponse.js';
import type { EvictWorkerRequest as _fedra_v1_EvictWorkerRequest, EvictWorkerRequest__Output as _fedra_v1_EvictWorkerRequest__Output } from '../../fedra/v1/EvictWorkerRequest.js';
import type { EvictWorkerResponse as _fedra_v1_EvictWorkerResponse, EvictWorkerResponse__Output as _fedra_v1_EvictWorkerResponse__Output } from '../../fedra/v1/EvictWorkerResponse.js';
import type { GetClusterStatusRequest as _fedra_v1_GetClusterStatusRequest, GetClusterStatusRequest__Output as _fedra_v1_GetClusterStatusRequest__Output } from '../../fedra/v1/GetClusterStatusRequest.js';
import type { GetClusterStatusResponse as _fedra_v1_GetClusterStatusResponse, GetClusterStatusResponse__Output as _fedra_v1_GetClusterStatusResponse__Output } from '../../fedra/v1/GetClusterStatusResponse.js';
import type { GetExperimentRequest as _fedra_v1_GetExperimentRequest, GetExperimentRequest__Output as _fedra_v1_GetExperimentRequest__Output } from '../../fedra/v1/GetExperimentRequest.js';
import type { GetExperimentResponse as _fedra_v1_GetExperimentResponse, GetExperimentResponse__Output as _fedra_v1_GetExperimentResponse__Output } from '../../fedra/v1/GetExperimentResponse.js';
import type { GetRegionPolicyRequest as _fedra_v1_GetRegionPolicyRequest, GetRegionPolicyRequest__Output as _fedra_v1_GetRegionPolicyRequest__Output } from '../../fedra/v1/GetRegionPolicyRequest.js';
import type { GetRegionPolicyResponse as _fedra_v1_GetRegionPolicyResponse, GetRegionPolicyResponse__Output as _fedra_v1_GetRegionPolicyResponse__Output } from '../../fedra/v1/GetRegionPolicyResponse.js';
import type { GetRoundRequest as _fedra_v1_GetRoundRequest, GetRoundRequest__Output as _fedra_v1_GetRoundRequest__Output } from '../../fedra/v1/GetRoundRequest.js';
import type { GetRoundResponse as _fedra_v1_GetRoundResponse, GetRoundResponse__Output as _fedra_v1_GetRoundResponse__Output } from '../../fedra/v1/GetRoundResponse.js';
import type { GetWorkerRequest as _fedra_v1_GetWorkerRequest, GetWorkerRequest__Output as _fedra_v1_GetWorkerRequest__Output } from '../../fedra/v1/GetWorkerRequest.js';
import type { GetWorkerResponse as _fedra_v1_GetWorkerResponse, GetWorkerResponse__Output as _fedra_v1_GetWorkerResponse__Output } from '../../fedra/v1/GetWorkerResponse.js';
import type { ListAuditRecordsRequest as _fedra_v1_ListAuditRecordsRequest, ListAuditRecordsRequest__Output as _fedra_v1_ListAuditRecordsRequest__Output } from '../../fedra/v1/ListAuditRecordsRequest.js';
import type { ListAuditRecordsResponse as _fedra_v1_ListAuditRecordsResponse, ListAuditRecordsResponse__Output as _fedra_v1_ListAuditRecordsResponse__Output } from '../../fedra/v1/ListAuditRecordsResponse.js';
import type { ListExperimentsRequest as _fedra_v1_ListExperimentsRequest, ListExperimentsRequest__Output as _fedra_v1_ListExperimentsRequest__Output } from '../../fedra/v1/ListExperimentsRequest.js';
import type { ListExperimentsResponse as _fedra_v1_ListExperimentsResponse, ListExperimentsResponse__Output as _fedra_v1_ListExperimentsResponse__Output } from '../../fedra/v1/ListExperimentsResponse.js';
import type { ListRoundsRequest as _fedra_v1_ListRoundsRequest, ListRoundsRequest__Output as _fedra_v1_ListRoundsRequest__Output } from '../../fedra/v1/ListRoundsRequest.js';
import type { ListRoundsResponse as _fedra_v1_ListRoundsResponse, ListRoundsResponse__Output as _fedra_v1_ListRoundsResponse__Output } from '../../fedra/v1/ListRoundsResponse.js';
import type { ListWorkersRequest as _fedra_v1_ListWorkersRequest, ListWorkersRequest__Output as _fedra_v1_ListWorkersRequest__Output } from '../../fedra/v1/ListWorkersRequest.js';
import type { ListWorkersResponse as _fedra_v1_ListWorkersResponse, ListWorkersResponse__Output as _fedra_v1_ListWorkersResponse__Output } from '../../fedra/v1/ListWorkersResponse.js';
import type { SetRegionPolicyRequest as _fedra_v1_SetRegionPolicyRequest, SetRegionPolicyRequest__Output as _fedra_v1_SetRegionPolicyRequest__Output } from '../../fedra/v1/SetRegionPolicyRequest.js';
import type { SetRegionPolicyResponse as _fedra_v1_SetRegionPolicyResponse, SetRegionPolicyResponse__Output as _fedra_v1_SetRegionPolicyResponse__Output } from '../../fedra/v1/SetRegionPolicyResponse.js';
import type { VerifyAuditLogRequest as _fedra_v1_VerifyAuditLogRequest, VerifyAuditLogRequest__Output as _fedra_v1_VerifyAuditLogRequest__Output } from '../../fedra/v1/VerifyAuditLogRequest.js';
import type { VerifyAuditLogResponse as _fedra_v1_VerifyAuditLogResponse, VerifyAuditLogResponse__Output as _fedra_v1_VerifyAuditLogResponse__Output } from '../../fedra/v1/VerifyAuditLogResponse.js';

/**
 * The admin-facing service. Callers authenticate with an admin certificate
 * (SAN spiffe://<federation>/admin/<name>); other roles get
 * PERMISSION_DENIED. Mutating calls carry a request_id, so a retry after a
 * lost response is safe; every mutation is written to the audit log.
 */
export interface AdminServiceClient extends grpc.Client {
  /**
   * Asks a worker to finish the attempts it is in and take no new ones.
   */
  DrainWorker(argument: _fedra_v1_DrainWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  DrainWorker(argument: _fedra_v1_DrainWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  DrainWorker(argument: _fedra_v1_DrainWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  DrainWorker(argument: _fedra_v1_DrainWorkerRequest, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Asks a worker to finish the attempts it is in and take no new ones.
   */
  drainWorker(argument: _fedra_v1_DrainWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  drainWorker(argument: _fedra_v1_DrainWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  drainWorker(argument: _fedra_v1_DrainWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  drainWorker(argument: _fedra_v1_DrainWorkerRequest, callback: grpc.requestCallback<_fedra_v1_DrainWorkerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Disconnects a worker at once: it is dropped from its attempts, its
   * session ends, and it is not selected again until it re-registers.
   */
  EvictWorker(argument: _fedra_v1_EvictWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  EvictWorker(argument: _fedra_v1_EvictWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  EvictWorker(argument: _fedra_v1_EvictWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  EvictWorker(argument: _fedra_v1_EvictWorkerRequest, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Disconnects a worker at once: it is dropped from its attempts, its
   * session ends, and it is not selected again until it re-registers.
   */
  evictWorker(argument: _fedra_v1_EvictWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  evictWorker(argument: _fedra_v1_EvictWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  evictWorker(argument: _fedra_v1_EvictWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  evictWorker(argument: _fedra_v1_EvictWorkerRequest, callback: grpc.requestCallback<_fedra_v1_EvictWorkerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns the coordinator replicas, Redis health and job-queue depths.
   */
  GetClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the coordinator replicas, Redis health and job-queue depths.
   */
  getClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _fedra_v1_GetClusterStatusRequest, callback: grpc.requestCallback<_fedra_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns any experiment (the same messages as
   * ExperimentService.GetExperiment).
   */
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  GetExperiment(argument: _fedra_v1_GetExperimentRequest, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns any experiment (the same messages as
   * ExperimentService.GetExperiment).
   */
  getExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  getExperiment(argument: _fedra_v1_GetExperimentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  getExperiment(argument: _fedra_v1_GetExperimentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  getExperiment(argument: _fedra_v1_GetExperimentRequest, callback: grpc.requestCallback<_fedra_v1_GetExperimentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns the coordinator's policy for one region.
   */
  GetRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  GetRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  GetRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  GetRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the coordinator's policy for one region.
   */
  getRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  getRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  getRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  getRegionPolicy(argument: _fedra_v1_GetRegionPolicyRequest, callback: grpc.requestCallback<_fedra_v1_GetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns one round with every attempt, its RoundConfig and the state of
   * each participant.
   */
  GetRound(argument: _fedra_v1_GetRoundRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  GetRound(argument: _fedra_v1_GetRoundRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  GetRound(argument: _fedra_v1_GetRoundRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  GetRound(argument: _fedra_v1_GetRoundRequest, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns one round with every attempt, its RoundConfig and the state of
   * each participant.
   */
  getRound(argument: _fedra_v1_GetRoundRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  getRound(argument: _fedra_v1_GetRoundRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  getRound(argument: _fedra_v1_GetRoundRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  getRound(argument: _fedra_v1_GetRoundRequest, callback: grpc.requestCallback<_fedra_v1_GetRoundResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns one worker with its capabilities, datasets and current attempts.
   */
  GetWorker(argument: _fedra_v1_GetWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  GetWorker(argument: _fedra_v1_GetWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  GetWorker(argument: _fedra_v1_GetWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  GetWorker(argument: _fedra_v1_GetWorkerRequest, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns one worker with its capabilities, datasets and current attempts.
   */
  getWorker(argument: _fedra_v1_GetWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  getWorker(argument: _fedra_v1_GetWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  getWorker(argument: _fedra_v1_GetWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  getWorker(argument: _fedra_v1_GetWorkerRequest, callback: grpc.requestCallback<_fedra_v1_GetWorkerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists audit records, oldest first, a page at a time, optionally filtered.
   */
  ListAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists audit records, oldest first, a page at a time, optionally filtered.
   */
  listAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  listAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  listAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  listAuditRecords(argument: _fedra_v1_ListAuditRecordsRequest, callback: grpc.requestCallback<_fedra_v1_ListAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists all experiments of all owners (the same messages as
   * ExperimentService.ListExperiments).
   */
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  ListExperiments(argument: _fedra_v1_ListExperimentsRequest, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists all experiments of all owners (the same messages as
   * ExperimentService.ListExperiments).
   */
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  listExperiments(argument: _fedra_v1_ListExperimentsRequest, callback: grpc.requestCallback<_fedra_v1_ListExperimentsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists an experiment's rounds, newest first, a page at a time.
   */
  ListRounds(argument: _fedra_v1_ListRoundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  ListRounds(argument: _fedra_v1_ListRoundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  ListRounds(argument: _fedra_v1_ListRoundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  ListRounds(argument: _fedra_v1_ListRoundsRequest, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists an experiment's rounds, newest first, a page at a time.
   */
  listRounds(argument: _fedra_v1_ListRoundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  listRounds(argument: _fedra_v1_ListRoundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  listRounds(argument: _fedra_v1_ListRoundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  listRounds(argument: _fedra_v1_ListRoundsRequest, callback: grpc.requestCallback<_fedra_v1_ListRoundsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists registered workers, a page at a time, optionally by region or state.
   */
  ListWorkers(argument: _fedra_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _fedra_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _fedra_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _fedra_v1_ListWorkersRequest, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists registered workers, a page at a time, optionally by region or state.
   */
  listWorkers(argument: _fedra_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _fedra_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _fedra_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _fedra_v1_ListWorkersRequest, callback: grpc.requestCallback<_fedra_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates or replaces the coordinator's policy for one region. Guard
   * concurrent edits with expected_revision.
   */
  SetRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or replaces the coordinator's policy for one region. Guard
   * concurrent edits with expected_revision.
   */
  setRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  setRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  setRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  setRegionPolicy(argument: _fedra_v1_SetRegionPolicyRequest, callback: grpc.requestCallback<_fedra_v1_SetRegionPolicyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Recomputes the audit log's hash chain over a range of records and
   * returns the first broken link, if any.
   */
  VerifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Recomputes the audit log's hash chain over a range of records and
   * returns the first broken link, if any.
   */
  verifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditLog(argument: _fedra_v1_VerifyAuditLogRequest, callback: grpc.requestCallback<_fedra_v1_VerifyAuditLogResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The admin-facing service. Callers authenticate with an admin certificate
 * (SAN spiffe://<federation>/admin/<name>); other roles get
 * PERMISSION_DENIED. Mutating calls carry a request_id, so a retry after a
 * lost response is safe; every mutation is written to the audit log.
 */
export interface AdminServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Asks a worker to finish the attempts it is in and take no new ones.
   */
  DrainWorker: grpc.handleUnaryCall<_fedra_v1_DrainWorkerRequest__Output, _fedra_v1_DrainWorkerResponse>;
  
  /**
   * Disconnects a worker at once: it is dropped from its attempts, its
   * session ends, and it is not selected again until it re-registers.
   */
  EvictWorker: grpc.handleUnaryCall<_fedra_v1_EvictWorkerRequest__Output, _fedra_v1_EvictWorkerResponse>;
  
  /**
   * Returns the coordinator replicas, Redis health and job-queue depths.
   */
  GetClusterStatus: grpc.handleUnaryCall<_fedra_v1_GetClusterStatusRequest__Output, _fedra_v1_GetClusterStatusResponse>;
  
  /**
   * Returns any experiment (the same messages as
   * ExperimentService.GetExperiment).
   */
  GetExperiment: grpc.handleUnaryCall<_fedra_v1_GetExperimentRequest__Output, _fedra_v1_GetExperimentResponse>;
  
  /**
   * Returns the coordinator's policy for one region.
   */
  GetRegionPolicy: grpc.handleUnaryCall<_fedra_v1_GetRegionPolicyRequest__Output, _fedra_v1_GetRegionPolicyResponse>;
  
  /**
   * Returns one round with every attempt, its RoundConfig and the state of
   * each participant.
   */
  GetRound: grpc.handleUnaryCall<_fedra_v1_GetRoundRequest__Output, _fedra_v1_GetRoundResponse>;
  
  /**
   * Returns one worker with its capabilities, datasets and current attempts.
   */
  GetWorker: grpc.handleUnaryCall<_fedra_v1_GetWorkerRequest__Output, _fedra_v1_GetWorkerResponse>;
  
  /**
   * Lists audit records, oldest first, a page at a time, optionally filtered.
   */
  ListAuditRecords: grpc.handleUnaryCall<_fedra_v1_ListAuditRecordsRequest__Output, _fedra_v1_ListAuditRecordsResponse>;
  
  /**
   * Lists all experiments of all owners (the same messages as
   * ExperimentService.ListExperiments).
   */
  ListExperiments: grpc.handleUnaryCall<_fedra_v1_ListExperimentsRequest__Output, _fedra_v1_ListExperimentsResponse>;
  
  /**
   * Lists an experiment's rounds, newest first, a page at a time.
   */
  ListRounds: grpc.handleUnaryCall<_fedra_v1_ListRoundsRequest__Output, _fedra_v1_ListRoundsResponse>;
  
  /**
   * Lists registered workers, a page at a time, optionally by region or state.
   */
  ListWorkers: grpc.handleUnaryCall<_fedra_v1_ListWorkersRequest__Output, _fedra_v1_ListWorkersResponse>;
  
  /**
   * Creates or replaces the coordinator's policy for one region. Guard
   * concurrent edits with expected_revision.
   */
  SetRegionPolicy: grpc.handleUnaryCall<_fedra_v1_SetRegionPolicyRequest__Output, _fedra_v1_SetRegionPolicyResponse>;
  
  /**
   * Recomputes the audit log's hash chain over a range of records and
   * returns the first broken link, if any.
   */
  VerifyAuditLog: grpc.handleUnaryCall<_fedra_v1_VerifyAuditLogRequest__Output, _fedra_v1_VerifyAuditLogResponse>;
  
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  DrainWorker: MethodDefinition<_fedra_v1_DrainWorkerRequest, _fedra_v1_DrainWorkerResponse, _fedra_v1_DrainWorkerRequest__Output, _fedra_v1_DrainWorkerResponse__Output>
  EvictWorker: MethodDefinition<_fedra_v1_EvictWorkerRequest, _fedra_v1_EvictWorkerResponse, _fedra_v1_EvictWorkerRequest__Output, _fedra_v1_EvictWorkerResponse__Output>
  GetClusterStatus: MethodDefinition<_fedra_v1_GetClusterStatusRequest, _fedra_v1_GetClusterStatusResponse, _fedra_v1_GetClusterStatusRequest__Output, _fedra_v1_GetClusterStatusResponse__Output>
  GetExperiment: MethodDefinition<_fedra_v1_GetExperimentRequest, _fedra_v1_GetExperimentResponse, _fedra_v1_GetExperimentRequest__Output, _fedra_v1_GetExperimentResponse__Output>
  GetRegionPolicy: MethodDefinition<_fedra_v1_GetRegionPolicyRequest, _fedra_v1_GetRegionPolicyResponse, _fedra_v1_GetRegionPolicyRequest__Output, _fedra_v1_GetRegionPolicyResponse__Output>
  GetRound: MethodDefinition<_fedra_v1_GetRoundRequest, _fedra_v1_GetRoundResponse, _fedra_v1_GetRoundRequest__Output, _fedra_v1_GetRoundResponse__Output>
  GetWorker: MethodDefinition<_fedra_v1_GetWorkerRequest, _fedra_v1_GetWorkerResponse, _fedra_v1_GetWorkerRequest__Output, _fedra_v1_GetWorkerResponse__Output>
  ListAuditRecords: MethodDefinition<_fedra_v1_ListAuditRecordsRequest, _fedra_v1_ListAuditRecordsResponse, _fedra_v1_ListAuditRecordsRequest__Output, _fedra_v1_ListAuditRecordsResponse__Output>
  ListExperiments: MethodDefinition<_fedra_v1_ListExperimentsRequest, _fedra_v1_ListExperimentsResponse, _fedra_v1_ListExperimentsRequest__Output, _fedra_v1_ListExperimentsResponse__Output>
  ListRounds: MethodDefinition<_fedra_v1_ListRoundsRequest, _fedra_v1_ListRoundsResponse, _fedra_v1_ListRoundsRequest__Output, _fedra_v1_ListRoundsResponse__Output>
  ListWorkers: MethodDefinition<_fedra_v1_ListWorkersRequest, _fedra_v1_ListWorkersResponse, _fedra_v1_ListWorkersRequest__Output, _fedra_v1_ListWorkersResponse__Output>
  SetRegionPolicy: MethodDefinition<_fedra_v1_SetRegionPolicyRequest, _fedra_v1_SetRegionPolicyResponse, _fedra_v1_SetRegionPolicyRequest__Output, _fedra_v1_SetRegionPolicyResponse__Output>
  VerifyAuditLog: MethodDefinition<_fedra_v1_VerifyAuditLogRequest, _fedra_v1_VerifyAuditLogResponse, _fedra_v1_VerifyAuditLogRequest__Output, _fedra_v1_VerifyAuditLogResponse__Output>
}
