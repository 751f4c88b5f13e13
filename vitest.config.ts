import { defineConfig } from 'vitest/config';

// Two groups: unit/fixture/codec tests run in parallel; tests that start real peers (Kea, relays, freeDiameter,
// namespaces) run afterwards, one file at a time, so they never fight over [::1]:547 or the m6* namespaces.
const PEERS = ['test/peers/**/*.test.ts', 'test/interop/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the JSON copy lets .ci/run close with a plain 'N passed, N failed, N skipped' line
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'suites/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'dist/**', ...PEERS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'peers',
          include: PEERS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
