#!/usr/bin/env node
// Runs benchmarks/<name>.bench.ts (all of them, or the names given) from source.
// Usage: pnpm bench [name ...] [-- --quick]
// Each benchmark prints one JSON line per case on stdout and a table on stderr;
// record results in benchmarks/RESULTS.md with the command that produced them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same runtime settings as the `coordinator`, `worker` and `demo` scripts
// and the container images: `--expose-gc` lets @fedra/secagg collect its
// 64 KiB keystream buffers every 8 MiB, and a 64 MiB malloc trim threshold
// stops glibc handing that memory back to the kernel after every GC (which
// page-faults every keystream byte back in). See packages/secagg/README.md.
const RUNTIME_ENV = { MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ ?? '67108864' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'benchmarks');
const args = process.argv.slice(2).filter((a) => a !== '--');
const names = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}

let failed = false;
for (const name of names.length > 0 ? names : available) {
  console.error(`# ${name}`);
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--conditions=@fedra/source',
      '--import',
      'tsx',
      join(benchDir, `${name}.bench.ts`),
      ...flags,
    ],
    { stdio: 'inherit', cwd: root, env: { ...process.env, ...RUNTIME_ENV } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
