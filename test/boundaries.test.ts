/**
 * The workspace's dependency rules (ARCHITECTURE.md, "Layout"): dependencies
 * point one way, pure packages stay pure, and nothing reaches into another
 * package's files. Checked against both package.json and the imports the
 * sources actually contain, so a stray import fails here before it spreads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');

/** Which internal packages each package may depend on. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  common: [],
  proto: [],
  secagg: ['common'],
  // secagg messages <-> fedra.v1 wire types, shared by coordinator and worker.
  wire: ['common', 'proto', 'secagg'],
  coordinator: ['common', 'proto', 'secagg', 'wire'],
  worker: ['common', 'proto', 'secagg', 'wire'],
  sdk: ['common', 'proto'],
  cli: ['common', 'proto', 'secagg', 'wire', 'coordinator', 'worker', 'sdk'],
};

/** External modules a pure package must never import. */
const IMPURE = [/^@grpc\//, /^ioredis$/, /^bullmq$/, /^@tensorflow\//, /^pino$/];
const PURE = new Set(['common', 'secagg']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  // Comments hold usage examples (`import … from '@fedra/x'`); skip them.
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
  return specifiers.filter((s): s is string => s !== undefined);
}

const packages = readdirSync(packagesDir).filter((name) =>
  statSync(join(packagesDir, name, 'package.json'), { throwIfNoEntry: false })?.isFile(),
);

describe('workspace boundaries', () => {
  it('knows every package', () => {
    expect(packages.length).toBeGreaterThan(0);
    for (const name of packages) expect(Object.keys(ALLOWED)).toContain(name);
  });

  for (const name of packages) {
    const allowed = new Set((ALLOWED[name] ?? []).map((p) => `@fedra/${p}`));

    it(`${name}: package.json names only allowed internal dependencies`, () => {
      const manifest = JSON.parse(
        readFileSync(join(packagesDir, name, 'package.json'), 'utf8'),
      ) as { dependencies?: Record<string, string> };
      const internal = Object.keys(manifest.dependencies ?? {}).filter((d) =>
        d.startsWith('@fedra/'),
      );
      expect(internal.filter((d) => !allowed.has(d))).toEqual([]);
    });

    it(`${name}: sources import only allowed packages, never another package's files`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(join(packagesDir, name, 'src'))) {
        const where = relative(root, file);
        for (const spec of importsOf(file)) {
          if (spec.startsWith('@fedra/')) {
            const target = spec.split('/').slice(0, 2).join('/');
            if (!allowed.has(target)) violations.push(`${where}: ${spec}`);
          } else if (spec.startsWith('.')) {
            const resolved = relative(join(packagesDir, name), join(dirname(file), spec));
            if (resolved.startsWith('..')) violations.push(`${where}: ${spec}`);
          } else if (PURE.has(name) && IMPURE.some((re) => re.test(spec))) {
            violations.push(`${where}: ${spec} (pure package)`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }
});
