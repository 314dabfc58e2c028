#!/usr/bin/env node
// Regenerates packages/proto/src/generated from protos/: TypeScript types with
// proto-loader-gen-types and a comment-keeping descriptor set with buf.
// `--check` regenerates into a temporary folder and fails if the committed
// files differ, so CI catches a proto edit whose types were not regenerated.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = join(root, 'protos');
const outDir = join(root, 'packages/proto/src/generated');
const check = process.argv.includes('--check');

/** Every .proto under protos/, as paths relative to it. */
function listProtos(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listProtos(path);
    return name.endsWith('.proto') ? [relative(protoDir, path)] : [];
  });
}

const require = createRequire(join(root, 'packages/proto/package.json'));
const genBin = join(
  dirname(require.resolve('@grpc/proto-loader/package.json')),
  'build/bin/proto-loader-gen-types.js',
);

function generate(target) {
  rmSync(target, { recursive: true, force: true });
  // These options must match LOADER_OPTIONS in packages/proto/src/loader.ts.
  // The include dir is given relative to the repo root (and the generator runs
  // there) because the generator writes it into every file's "Original file"
  // header: an absolute path would make the output, and `--check`, depend on
  // where the repository is checked out.
  execFileSync(
    process.execPath,
    [
      genBin,
      '--grpcLib=@grpc/grpc-js',
      '--longs=Number',
      '--enums=String',
      '--bytes=Buffer',
      '--defaults',
      '--oneofs',
      '--includeComments',
      '--importFileExtension=.js',
      `--includeDirs=${relative(root, protoDir)}`,
      `--outDir=${target}`,
      ...listProtos(protoDir).sort(),
    ],
    { stdio: 'inherit', cwd: root },
  );
  // A descriptor set that keeps the protos' comments (buf keeps source info by
  // default; its output is byte-for-byte deterministic), served by the
  // coordinator's reflection so `grpcurl describe` documents every RPC.
  execFileSync(
    join(root, 'node_modules/.bin/buf'),
    ['build', relative(root, protoDir), '-o', join(target, 'fedra.binpb')],
    { stdio: 'inherit', cwd: root },
  );
}

if (!check) {
  generate(outDir);
  console.log(`generated ${relative(root, outDir)}`);
} else {
  const tmp = mkdtempSync(join(tmpdir(), 'fedra-gen-'));
  try {
    const fresh = join(tmp, 'generated');
    generate(fresh);
    try {
      execFileSync('diff', ['-r', '-q', outDir, fresh], { stdio: 'inherit' });
    } catch {
      console.error('packages/proto/src/generated is stale: run `pnpm gen` and commit the result.');
      process.exit(1);
    }
    console.log('generated code is up to date');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
