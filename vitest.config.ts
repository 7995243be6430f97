import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Time zone pinned so that any date formatting is deterministic.
    env: { TZ: 'UTC' },
    pool: 'forks',
  },
});
