import { defineConfig } from 'vitest/config';

// One run covers every workspace. The database engine is chosen by DATABASE_URL
// (unset = embedded PGlite), so CI runs this same command twice.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'bench/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
