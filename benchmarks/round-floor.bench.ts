/**
 * The floor under `bench:round`'s coordinator CPU: the same bytes moved and
 * checked the way the coordinator must (per ARCHITECTURE.md and the
 * coordinator issue), with nothing else. A bare grpc-js server in a child
 * process, with the coordinator's runtime settings, serves n clients on their
 * own connections, each of which
 *
 * 1. downloads the model (4 B per parameter) in 1 MiB messages, encoded once
 *    and shared, as the coordinator's DownloadModel does;
 * 2. uploads its masked vector (4 B per parameter) in 1 MiB messages, which
 *    the server hashes (sha256) as they arrive and writes to a staging file,
 *    fdatasynced once at the end;
 *
 * then the server folds every staged file into a running sum, re-hashing
 * what it reads (32-bit adds, 1 MiB reads into one buffer), as the
 * coordinator does before unmasking. No Redis, no secure-aggregation
 * messages, no signatures, no unmasking, no protobuf beyond the raw bytes.
 *
 * Run: `pnpm bench round-floor` (or `-- --n=10,100 --params=1000000`).
 * Prints one JSON line per case (`floorCpuMs`: the server process's user +
 * system CPU over one round's downloads, uploads and fold, all threads,
 * median of 3 rounds after a warm-up) and a table on stderr.
 *
 * @module
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setDefaultHighWaterMark } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  Client,
  credentials,
  Metadata,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type ServerReadableStream,
  type ServerWritableStream,
} from '@grpc/grpc-js';
// A raw-bytes method, as the coordinator's own gRPC tests use (test helper, not exported).
import { rawMethod } from '../packages/coordinator/src/services/testing/raw-method.js';
import { median } from './stats.js';

const CHUNK_BYTES = 1 << 20;
const ROUNDS = 4;
const FLOOR = {
  Download: rawMethod('/fedra.bench.Floor/Download', false, true),
  Upload: rawMethod('/fedra.bench.Floor/Upload', true, false),
} satisfies ServiceDefinition;

type Request = { type: 'cpu' } | { type: 'fold'; n: number } | { type: 'reset' };

/** The server child: `--server <bytes> <dir>`. */
async function serve(bytes: number, dir: string): Promise<void> {
  setDefaultHighWaterMark(true, 1); // as the coordinator's main.ts
  const model = Buffer.alloc(bytes, 7);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes; at += CHUNK_BYTES) chunks.push(model.subarray(at, at + CHUNK_BYTES));
  const digests = new Map<number, string>();
  const server = new Server();
  server.addService(FLOOR, {
    Download: (call: ServerWritableStream<Buffer, Buffer>) => {
      void (async () => {
        for (const chunk of chunks) {
          await new Promise<void>((resolve, reject) => {
            call.write(chunk, (error?: Error | null) => {
              if (error) reject(error);
              else resolve();
            });
          });
        }
        call.end();
      })();
    },
    Upload: (
      call: ServerReadableStream<Buffer, Buffer>,
      callback: (e: null, r: Buffer) => void,
    ) => {
      void (async () => {
        const sender = Number(call.metadata.get('sender')[0]);
        const file = await open(join(dir, `${sender}.part`), 'w');
        const hash = createHash('sha256');
        let offset = 0;
        for await (const chunk of call as AsyncIterable<Buffer>) {
          hash.update(chunk);
          await file.write(chunk, 0, chunk.length, offset);
          offset += chunk.length;
        }
        await file.datasync();
        await file.close();
        digests.set(sender, hash.digest('hex'));
        callback(null, Buffer.alloc(0));
      })();
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => {
      if (e) reject(e);
      else resolve(p);
    });
  });
  const sum = new Uint32Array(bytes / 4);
  const buffer = new Uint8Array(CHUNK_BYTES);
  process.on('message', (request: Request) => {
    void (async () => {
      if (request.type === 'fold') {
        for (let sender = 0; sender < request.n; sender++) {
          const file = await open(join(dir, `${sender}.part`), 'r');
          const hash = createHash('sha256');
          for (let at = 0; at < bytes; at += CHUNK_BYTES) {
            const { bytesRead } = await file.read(buffer, 0, Math.min(CHUNK_BYTES, bytes - at), at);
            const view = buffer.subarray(0, bytesRead);
            hash.update(view);
            const words = new Uint32Array(view.buffer, 0, bytesRead / 4);
            for (let i = 0, j = at / 4; i < words.length; i++, j++)
              sum[j] = ((sum[j] as number) + (words[i] as number)) >>> 0;
          }
          await file.close();
          if (hash.digest('hex') !== digests.get(sender)) throw new Error('staged bytes changed');
        }
      }
      const usage = process.cpuUsage();
      process.send?.({ cpuMs: (usage.user + usage.system) / 1000 });
    })();
  });
  process.send?.({ port });
}

async function runCase(n: number, params: number): Promise<{ cpuMs: number[]; wallMs: number[] }> {
  const bytes = params * 4;
  const dir = mkdtempSync(join(tmpdir(), 'fedra-round-floor-'));
  const child = fork(fileURLToPath(import.meta.url), ['--server', String(bytes), dir], {
    execArgv: [
      ...process.execArgv,
      '--expose-gc',
      '--initial-old-space-size=160',
      '--max-semi-space-size=2',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reply = <T>(): Promise<T> =>
    new Promise((resolve) =>
      child.once('message', (m) => {
        resolve(m as T);
      }),
    );
  const ask = async (request: Request): Promise<number> => {
    const answer = reply<{ cpuMs: number }>();
    child.send(request);
    return (await answer).cpuMs;
  };
  try {
    const { port } = await reply<{ port: number }>();
    const clients = Array.from(
      { length: n },
      () =>
        new Client(`127.0.0.1:${port}`, credentials.createInsecure(), {
          'grpc.use_local_subchannel_pool': 1,
        }),
    );
    const upload = Buffer.alloc(bytes, 3);
    const round = async (client: Client, sender: number): Promise<void> => {
      await new Promise<void>((resolve, reject) => {
        const call = client.makeServerStreamRequest(
          FLOOR.Download.path,
          FLOOR.Download.requestSerialize,
          FLOOR.Download.responseDeserialize,
          Buffer.alloc(0),
        );
        call.on('data', () => undefined);
        call.on('end', resolve);
        call.on('error', reject);
      });
      await new Promise<void>((resolve, reject) => {
        const metadata = new Metadata();
        metadata.set('sender', String(sender));
        const call = client.makeClientStreamRequest(
          FLOOR.Upload.path,
          FLOOR.Upload.requestSerialize,
          FLOOR.Upload.responseDeserialize,
          metadata,
          (error) => {
            if (error) reject(error);
            else resolve();
          },
        );
        void (async () => {
          for (let at = 0; at < bytes; at += CHUNK_BYTES) {
            if (!call.write(upload.subarray(at, at + CHUNK_BYTES)))
              await new Promise((drained) => call.once('drain', drained));
          }
          call.end();
        })();
      });
    };
    const cpuMs: number[] = [];
    const wallMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const before = await ask({ type: 'cpu' });
      const start = performance.now();
      await Promise.all(clients.map((client, sender) => round(client, sender)));
      const after = await ask({ type: 'fold', n });
      if (r > 0) {
        cpuMs.push(after - before);
        wallMs.push(performance.now() - start);
      }
      process.stderr.write(
        `  n=${n} round ${r + 1}/${ROUNDS}${r === 0 ? ' (warm-up)' : ''}: server CPU ${(after - before).toFixed(0)} ms\n`,
      );
    }
    for (const client of clients) client.close();
    return { cpuMs, wallMs };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { n: { type: 'string' }, params: { type: 'string' } },
  });
  const sizes = (values.n ?? '10,50,100').split(',').map(Number);
  const params = Number(values.params ?? 1_000_000);
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1) || !Number.isSafeInteger(params))
    throw new Error('--n takes cohort sizes (e.g. 10,100), --params a parameter count');
  const rows: string[] = [];
  for (const n of sizes) {
    const { cpuMs, wallMs } = await runCase(n, params);
    const row = {
      bench: 'round-floor',
      n,
      params,
      floorCpuMs: Math.round(median(cpuMs)),
      floorCpuMsMax: Math.round(Math.max(...cpuMs)),
      wallMs: Math.round(median(wallMs)),
      measuredRounds: cpuMs.length,
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
    rows.push(
      `n=${n} ${params / 1e6}M`.padEnd(12) +
        ` | ${String(row.floorCpuMs).padStart(10)} (${row.floorCpuMsMax})`,
    );
  }
  process.stderr.write(
    [
      '',
      `Round floor: ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, Node ${process.version}`,
      'case         | server CPU ms per round (max)',
      ...rows,
      '',
    ].join('\n'),
  );
}

if (process.argv[2] === '--server') {
  await serve(Number(process.argv[3]), process.argv[4] as string);
} else {
  await main();
}
