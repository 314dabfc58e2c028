/**
 * A federation over mutual TLS for end-to-end tests: a coordinator on
 * 127.0.0.1:0 with real Redis (fresh key prefix) and certificates from the
 * coordinator's test PKI, scientist and admin clients with their own
 * certificates, and helpers that write a worker's certificate, key and
 * region policy (with its pinned region CAs) to files, as an operator
 * would. Everything is removed by `close()`.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { deleteKeysWithPrefix, LOCAL_COORDINATOR_TIMINGS, unary } from '@fedra/cli';
import { Coordinator } from '@fedra/coordinator';
import type { IssuerPolicyOptions } from '@fedra/coordinator';
import { createTestPki } from '@fedra/coordinator/testing';
import type { TestCertificate, TestPki } from '@fedra/coordinator/testing';
import { loadFedraPackage } from '@fedra/proto';
import type {
  AdminServiceClient,
  ExperimentServiceClient,
  ExperimentSpec,
  GetRoundResponseOutput,
  ParticipantStatusOutput,
} from '@fedra/proto';
import { createAndStartExperiment } from './harness.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Files a worker is started from: what an operator mounts. */
export interface WorkerFiles {
  readonly workerId: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  readonly policy: string;
  readonly stateDir: string;
  readonly dataDir: string;
}

/** Options of {@link TlsFederation.workerFiles}. */
export interface WorkerFilesOptions {
  readonly workerId: string;
  /** The region in the worker's SPIFFE ID. */
  readonly region: string;
  /** The CA that issues its certificate. @default region */
  readonly issuer?: string;
  /** The policy, without `trust` (added from `pinned`). */
  readonly policy: Record<string, unknown>;
  /** Region name to the PKI CA the worker pins for it. @default each region to its own CA */
  readonly pinned: Readonly<Record<string, string>>;
  /** Files to put in the data directory (name to contents). @default none */
  readonly data?: Readonly<Record<string, string>>;
}

export interface TlsFederation {
  readonly pki: TestPki;
  readonly port: number;
  readonly experiments: ExperimentServiceClient;
  readonly admin: AdminServiceClient;
  /** Writes a worker's certificate, key, policy and pinned CAs to files. */
  workerFiles(options: WorkerFilesOptions): Promise<WorkerFiles>;
  /** Creates and starts an experiment as the scientist; resolves with its id. */
  startExperiment(spec: ExperimentSpec, weights: Float32Array): Promise<string>;
  /** Every participant status of a round, over all its attempts. */
  participants(experimentId: string, roundNumber: number): Promise<ParticipantStatusOutput[]>;
  /** Runs on close, before the coordinator stops (e.g. shutting workers down). */
  onClose(cleanup: () => Promise<void>): void;
  close(): Promise<void>;
}

/** The SPIFFE IDs of the scientist and admin the PKI issues. */
const SCIENTIST = 'alice';

/**
 * Starts the coordinator. `issuers.workers` may let a CA issue a region it
 * does not own (a coordinator that wrongly trusts it), which workers must
 * still refuse.
 */
export async function startTlsFederation(options: {
  readonly regions: readonly string[];
  readonly workerIssuers?: Readonly<Record<string, readonly string[]>>;
}): Promise<TlsFederation> {
  const pki = await createTestPki({ regions: options.regions });
  const prefix = `fedra-test-${randomUUID()}`;
  const dir = await mkdtemp(join(tmpdir(), 'fedra-tls-e2e-'));
  const caPem = (name: string): string =>
    name === 'foreign' ? pki.foreignCa.certPem : (pki.regionCas[name]?.certPem ?? '');
  const issuers: IssuerPolicyOptions = {
    ...pki.issuerPolicy,
    ...(options.workerIssuers === undefined
      ? {}
      : {
          workers: Object.fromEntries(
            Object.entries(options.workerIssuers).map(([region, cas]) => [region, cas.map(caPem)]),
          ),
        }),
  };
  const coordinator = await Coordinator.create({
    redisUrl: REDIS_URL,
    federation: pki.federation,
    listen: '127.0.0.1:0',
    tls: { caPem: pki.clientCaBundle, certPem: pki.server.certPem, keyPem: pki.server.keyPem },
    issuers,
    keyPrefix: prefix,
    modelStore: join(dir, 'models'),
    ...LOCAL_COORDINATOR_TIMINGS,
  });
  const port = await coordinator.start();
  const client = (who: TestCertificate) =>
    credentials.createSsl(
      Buffer.from(pki.coordinatorCa.certPem),
      Buffer.from(who.keyPem),
      Buffer.from(who.certPem),
    );
  const v1 = loadFedraPackage().fedra.v1;
  const experiments = new v1.ExperimentService(`127.0.0.1:${port}`, client(pki.scientist));
  const admin = new v1.AdminService(`127.0.0.1:${port}`, client(pki.admin));
  const cleanups: (() => Promise<void>)[] = [];
  // With TLS the coordinator takes identities from the certificates; the
  // cli helpers' insecure header is ignored.
  const scientist = `spiffe://${pki.federation}/scientist/${SCIENTIST}`;
  const adminId = `spiffe://${pki.federation}/admin/root`;

  return {
    pki,
    port,
    experiments,
    admin,
    async workerFiles(o) {
      const root = join(dir, o.workerId);
      const dataDir = join(root, 'data');
      const stateDir = join(root, 'state');
      await mkdir(dataDir, { recursive: true });
      await mkdir(stateDir, { recursive: true });
      const certificate =
        (o.issuer ?? o.region) === o.region
          ? await pki.issueWorker(o.region, o.workerId)
          : await pki.issue({
              issuer: o.issuer ?? o.region,
              identity: {
                role: 'worker',
                federation: pki.federation,
                region: o.region,
                workerId: o.workerId,
              },
            });
      const files = {
        workerId: o.workerId,
        ca: join(root, 'coordinator-ca.pem'),
        cert: join(root, 'worker.pem'),
        key: join(root, 'worker-key.pem'),
        policy: join(root, 'policy.json'),
        stateDir,
        dataDir,
      };
      await writeFile(files.ca, pki.coordinatorCa.certPem);
      await writeFile(files.cert, certificate.certPem);
      await writeFile(files.key, certificate.keyPem, { mode: 0o600 });
      const regionCas: Record<string, string> = {};
      for (const [region, ca] of Object.entries(o.pinned)) {
        const path = join(root, `trust-${region}.pem`);
        await writeFile(path, caPem(ca));
        regionCas[region] = path;
      }
      for (const [name, text] of Object.entries(o.data ?? {}))
        await writeFile(join(dataDir, name), text);
      await writeFile(
        files.policy,
        JSON.stringify({ ...o.policy, trust: { federation: pki.federation, regionCas } }),
      );
      return files;
    },
    startExperiment(spec, weights) {
      return createAndStartExperiment(experiments, {
        spec,
        weights,
        identity: scientist,
        displayName: 'tls-e2e',
      });
    },
    async participants(experimentId, roundNumber) {
      const response = await unary<GetRoundResponseOutput>(
        (m, cb) => admin.getRound({ experimentId, roundNumber }, m, cb),
        adminId,
      ).catch(() => undefined);
      return (response?.round?.attempts ?? []).flatMap((a) => a.participants);
    },
    onClose(cleanup) {
      cleanups.push(cleanup);
    },
    async close() {
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
      experiments.close();
      admin.close();
      await coordinator.shutdown(1_000);
      await deleteKeysWithPrefix(REDIS_URL, prefix);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
