import { describe, expect, it } from 'vitest';
import {
  fromGrpcStatus,
  IdentityMismatchError,
  PermissionDeniedError,
  toGrpcStatus,
} from '@fedra/common';
import { loadFedraPackage } from '@fedra/proto';
import { parseFedraIdentity } from './fedra-identity.js';
import type { FedraIdentity, FedraRole, WorkerIdentity } from './fedra-identity.js';
import { authorizeRpc, requireRole, requireSameWorker, RPC_ROLES } from './roles.js';

const worker: WorkerIdentity = {
  role: 'worker',
  federation: 'acme',
  region: 'eu',
  workerId: 'w1',
  uri: 'spiffe://acme/region/eu/worker/w1',
};
const scientist = parseFedraIdentity('spiffe://acme/scientist/alice', 'acme');
const admin = parseFedraIdentity('spiffe://acme/admin/root', 'acme');
const everyone: readonly FedraIdentity[] = [worker, scientist, admin];

const { FleetService, ExperimentService, AdminService } = loadFedraPackage().fedra.v1;
const services: ReadonlyArray<[FedraRole, Record<string, { path: string }>]> = [
  ['worker', FleetService.service],
  ['scientist', ExperimentService.service],
  ['admin', AdminService.service],
];
const definedPaths = services.flatMap(([, definition]) =>
  Object.values(definition).map((method) => method.path),
);

describe('RPC_ROLES', () => {
  it('covers every RPC of the three services, and nothing else', () => {
    expect(definedPaths.length).toBeGreaterThan(30);
    expect(Object.keys(RPC_ROLES).sort()).toEqual([...definedPaths].sort());
  });

  it("gives each RPC exactly its service's audience", () => {
    for (const [role, definition] of services) {
      for (const method of Object.values(definition)) {
        expect(RPC_ROLES[method.path], method.path).toEqual([role]);
      }
    }
  });
});

describe('authorizeRpc', () => {
  it('lets each role call its own service and nothing else', () => {
    for (const [role, definition] of services) {
      for (const method of Object.values(definition)) {
        for (const identity of everyone) {
          const call = (): void => {
            authorizeRpc(identity, method.path);
          };
          if (identity.role === role) expect(call).not.toThrow();
          else expect(call).toThrow(PermissionDeniedError);
        }
      }
    }
  });

  it('refuses RPCs that are not in the table', () => {
    expect(() => {
      authorizeRpc(admin, '/fedra.v1.AdminService/DropDatabase');
    }).toThrow(/allowed: no role/);
    expect(() => {
      authorizeRpc(admin, 'toString');
    }).toThrow(PermissionDeniedError);
  });

  it('sends a refusal as PERMISSION_DENIED naming role and RPC, rebuilt by the client', () => {
    let thrown: unknown;
    try {
      authorizeRpc(worker, '/fedra.v1.AdminService/ListWorkers');
    } catch (error) {
      thrown = error;
    }
    const status = toGrpcStatus(thrown);
    expect(status.code).toBe(7);
    expect(status.details).toBe(
      'role worker may not call /fedra.v1.AdminService/ListWorkers (allowed: admin)',
    );
    expect(status.metadata).toContainEqual(['fedra-error-code', 'PERMISSION_DENIED']);
    const metadata = new Map<string, Array<string | Buffer>>();
    for (const [key, value] of status.metadata)
      metadata.set(key, [...(metadata.get(key) ?? []), value]);
    const received = fromGrpcStatus({
      code: status.code,
      details: status.details,
      metadata: { get: (key: string) => metadata.get(key) ?? [] },
    });
    expect(received).toBeInstanceOf(PermissionDeniedError);
    expect(received.metadata).toMatchObject({
      principal: worker.uri,
      action: '/fedra.v1.AdminService/ListWorkers',
      role: 'worker',
      allowedRoles: 'admin',
    });
  });
});

describe('requireRole', () => {
  it('narrows the identity to the role', () => {
    const identity: FedraIdentity = parseFedraIdentity(worker.uri, 'acme');
    requireRole(identity, '/x/Y', 'worker');
    expect(identity.workerId).toBe('w1');
  });

  it('accepts any of several roles and refuses the rest', () => {
    expect(() => {
      requireRole(admin, '/x/Y', 'scientist', 'admin');
    }).not.toThrow();
    expect(() => {
      requireRole(worker, '/x/Y', 'scientist', 'admin');
    }).toThrow('role worker may not call /x/Y (allowed: scientist, admin)');
  });
});

describe('requireSameWorker', () => {
  it('returns the caller for its own id or an unset field', () => {
    expect(requireSameWorker(worker, 'w1')).toBe('w1');
    expect(requireSameWorker(worker, '')).toBe('w1');
  });

  it('refuses acting for another worker', () => {
    expect(() => requireSameWorker(worker, 'w2')).toThrow(IdentityMismatchError);
  });
});
