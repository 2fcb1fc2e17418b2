import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests start real servers; two cores do not gain from many at once.
          maxWorkers: 2,
          // A different worker count needs its own group, or vitest refuses to run both projects at once.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
