import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

// @ts-expect-error -- the lint rules are plain JavaScript modules without type declarations.
import plugin from '../../eslint-rules/client-boundary.mjs';

const linter = new Linter({ configType: 'flat' });

/** Lints `code` as if it were a file in components/, with only the client-boundary rule on. */
function boundaryErrors(code: string): string[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js'],
        plugins: { local: plugin },
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        rules: { 'local/client-boundary': 'error' },
      },
    ],
    path.join(process.cwd(), 'components/boundary-example.js'),
  );
  return messages.map((message) => message.message);
}

describe('the client-boundary lint rule', () => {
  it('refuses a client file that imports a server-only module, statically or with import()', () => {
    const statically = boundaryErrors(
      "'use client';\nimport { hashToken } from '@/lib/auth/tokens';\nexport const f = hashToken;\n",
    );
    const dynamically = boundaryErrors(
      "'use client';\nexport const load = () => import('@/lib/auth/tokens');\n",
    );
    for (const errors of [statically, dynamically]) {
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain("lib/auth/tokens.ts → 'server-only'");
    }
  });

  it('lets a client file load client-safe modules, and a server file load anything', () => {
    expect(
      boundaryErrors(
        "'use client';\nexport const load = () => import('@/lib/accounts/password-strength');\n",
      ),
    ).toEqual([]);
    expect(boundaryErrors("export const load = () => import('@/lib/auth/tokens');\n")).toEqual([]);
  });
});
