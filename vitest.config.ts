import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // Next.js swaps this package for a build-time check; in tests it is an empty module.
  'server-only': path.resolve(import.meta.dirname, 'tests/setup/empty-module.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores: one worker per core at most.
    maxWorkers: 2,
    // Logs from expected failures (a refused send, a staged crash) only clutter a green run.
    silent: 'passed-only',
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/next-mocks.ts', 'tests/setup/database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
