import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // Next.js swaps this package for a build-time check; in tests it is an empty module.
  'server-only': path.resolve(import.meta.dirname, 'tests/setup/empty-module.ts'),
};

/**
 * The deferred form wrappers (components/forms/deferred-form.tsx) `require` their form on the
 * server only, so that the browser's bundle leaves it out. Node's require cannot load .tsx, so
 * under the test runner each of those requires becomes an import of the same module.
 */
const deferredFormRequires = {
  name: 'deferred-form-requires',
  transform(code: string, id: string) {
    if (!/[\\/]deferred-[\w-]+\.tsx$/.test(id) || !code.includes('require(')) return null;
    const imports: string[] = [];
    // Not in comments: deferred-form.tsx shows the pattern in its own.
    const body = code.replace(/^(?!\s*(?:\*|\/\/)).*$/gm, (line: string) =>
      line.replace(
        /require\((['"])(\.[^'"]+)\1\)/g,
        (_call: string, _quote: string, specifier: string) => {
          const name = `__deferredForm${imports.length}`;
          imports.push(`import * as ${name} from '${specifier}';`);
          return name;
        },
      ),
    );
    return { code: `${imports.join('\n')}\n${body}`, map: null };
  },
};

export default defineConfig({
  plugins: [deferredFormRequires],
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
        plugins: [deferredFormRequires],
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
