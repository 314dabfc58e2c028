/**
 * Who may call what. Each Fedra service has one audience, as its proto
 * comment says, and the table below gives every RPC exactly the role of its
 * service:
 *
 * - `FleetService` → `worker`. Workers act only for themselves: handlers
 *   take the worker id and region from the certificate
 *   ({@link requireSameWorker} for requests that name a worker).
 * - `ExperimentService` → `scientist`. A scientist sees and changes only its
 *   own experiments (checked by the handlers, by owner).
 * - `AdminService` → `admin`.
 *
 * Admins are not given ExperimentService: AdminService has its own
 * read-only views of every experiment (`ListExperiments`, `GetExperiment`),
 * and keeping admins out of the data scientists' API means an admin cannot
 * start, cancel or download someone else's experiment through it. Anything
 * not in the table is refused (deny by default); a test checks the table
 * against the loaded service definitions, so a new RPC cannot ship without a
 * decision here.
 *
 * @module
 */
import { IdentityMismatchError, PermissionDeniedError } from '@fedra/common';
import type { FedraIdentity, FedraRole, WorkerIdentity } from './fedra-identity.js';

/** Full method path (`/fedra.v1.FleetService/Register`) → roles allowed to call it. */
export type RpcRoleTable = Readonly<Record<string, readonly FedraRole[]>>;

function service(
  name: string,
  roles: readonly FedraRole[],
  methods: readonly string[],
): RpcRoleTable {
  return Object.fromEntries(
    methods.map((method) => [`/${name}/${method}`, Object.freeze([...roles])]),
  );
}

/**
 * Every Fedra RPC and the roles that may call it, keyed by the full method
 * path grpc-js reports from `call.getPath()`.
 */
export const RPC_ROLES: RpcRoleTable = Object.freeze({
  ...service(
    'fedra.v1.FleetService',
    ['worker'],
    [
      'Register',
      'Heartbeat',
      'StreamTasks',
      'DownloadModel',
      'SubmitSetup',
      'GetShareKeys',
      'SubmitShares',
      'GetShares',
      'GetUploadOffset',
      'UploadMasked',
      'GetSurvivorSet',
      'SubmitSurvivorSignature',
      'GetUnmaskRequest',
      'SubmitUnmask',
      'ReportRefusal',
    ],
  ),
  ...service(
    'fedra.v1.ExperimentService',
    ['scientist'],
    [
      'CreateExperiment',
      'GetExperiment',
      'ListExperiments',
      'StartExperiment',
      'CancelExperiment',
      'WatchExperiment',
      'DownloadModel',
      'GetHistory',
    ],
  ),
  ...service(
    'fedra.v1.AdminService',
    ['admin'],
    [
      'ListWorkers',
      'GetWorker',
      'ListRounds',
      'GetRound',
      'ListExperiments',
      'GetExperiment',
      'GetRegionPolicy',
      'SetRegionPolicy',
      'DrainWorker',
      'EvictWorker',
      'ListAuditRecords',
      'VerifyAuditLog',
      'GetClusterStatus',
    ],
  ),
});

/**
 * Asserts that `identity` holds one of `roles`, narrowing its type.
 *
 * @example
 * ```ts
 * requireRole(identity, '/fedra.v1.FleetService/Register', 'worker');
 * identity.workerId; // typed: identity is a WorkerIdentity here
 * ```
 *
 * @param rpc - The full method path, named in the error.
 * @throws PermissionDeniedError (`PERMISSION_DENIED`, metadata `principal`,
 *   `action`, `role`, `allowedRoles`) naming the caller's role and the RPC.
 */
export function requireRole<R extends FedraRole>(
  identity: FedraIdentity,
  rpc: string,
  ...roles: R[]
): asserts identity is Extract<FedraIdentity, { role: R }> {
  if (!(roles as readonly FedraRole[]).includes(identity.role)) {
    throw permissionDenied(identity, rpc, roles);
  }
}

/**
 * Checks `identity` against the role table for the RPC at `path` (as
 * `call.getPath()` returns it). RPCs missing from the table are refused.
 *
 * @throws PermissionDeniedError when the caller's role may not call it.
 */
export function authorizeRpc(
  identity: FedraIdentity,
  path: string,
  table: RpcRoleTable = RPC_ROLES,
): void {
  const roles = Object.hasOwn(table, path) ? table[path] : undefined;
  if (roles === undefined || !roles.includes(identity.role)) {
    throw permissionDenied(identity, path, roles ?? []);
  }
}

/**
 * Checks that a request naming a worker names the caller itself, so a
 * worker cannot act for another worker id. An empty `requestedWorkerId`
 * (the field left unset) means the caller.
 *
 * @returns The worker id to act for: always the caller's own.
 * @throws IdentityMismatchError (`IDENTITY_MISMATCH`, PERMISSION_DENIED) otherwise.
 */
export function requireSameWorker(identity: WorkerIdentity, requestedWorkerId: string): string {
  if (requestedWorkerId !== '' && requestedWorkerId !== identity.workerId) {
    throw new IdentityMismatchError(identity.workerId, requestedWorkerId);
  }
  return identity.workerId;
}

function permissionDenied(
  identity: FedraIdentity,
  rpc: string,
  allowed: readonly FedraRole[],
): PermissionDeniedError {
  const allowedText = allowed.length === 0 ? 'no role' : allowed.join(', ');
  return new PermissionDeniedError(identity.uri, rpc, {
    message: `role ${identity.role} may not call ${rpc} (allowed: ${allowedText})`,
    metadata: { role: identity.role, allowedRoles: allowed.join(',') },
  });
}
