import { defineConfig } from 'vitest/config';

/**
 * One run for the whole workspace. Package sources are resolved through the
 * `@fedra/source` export condition, so tests never need a build first.
 */
export default defineConfig({
  resolve: { conditions: ['@fedra/source'] },
  ssr: { resolve: { conditions: ['@fedra/source'], externalConditions: ['@fedra/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
