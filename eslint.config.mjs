import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

import local from './eslint-rules/client-boundary.mjs';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // A bare db.delete()/db.update() without .where() rewrites a whole table.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Only lib/env.ts may read the environment; scripts and configs run outside the app.
    files: ['app/**', 'components/**', 'lib/**', 'db/**'],
    ignores: ['lib/env.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' },
      ],
    },
  },
  // The layers point one way: app → components → lib → db. A lower room never imports a higher
  // one, so a domain function can be tested without pages and a table without the domain.
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/**'],
              message:
                'components/ is shared by routes and cannot depend on one. Take the action as a prop, or move the component into that route’s _components/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/**', '@/components/**'],
              message:
                'lib/ is the domain: it returns data and never imports routes or components.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**'],
    // The seed builds demo data through the domain functions so that it is audited and
    // hashed exactly like real data; it runs as a script and nothing in lib/ imports it.
    ignores: ['db/seed.ts', 'db/seed-records.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Vocabularies import nothing and are shared by tables and forms; lib/env parses
              // the configuration that chooses the database.
              regex: '^@/(app|components)/|^@/lib/(?!env$|[^/]+/vocabulary$)',
              message:
                'db/ is the bottom layer. A list of choices shared with the forms belongs in a lib/<domain>/vocabulary.ts that imports nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    // A vocabulary is imported by db/, lib/ and the browser alike, so it stays a leaf.
    files: ['lib/*/vocabulary.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/**', '.*'], message: 'A vocabulary imports nothing.' }] },
      ],
    },
  },
  {
    files: ['app/**', 'components/**', 'lib/**', 'db/**'],
    plugins: { local },
    // Cycles are looked for in our own files only; parsing dependencies made lint minutes long.
    settings: { 'import/ignore': ['node_modules'] },
    rules: {
      'local/client-boundary': 'error',
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Every word on a page comes from messages/*.json. The developer mail viewer (app/dev) is
    // served only in development and stays in English.
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    ignores: ['app/dev/**'],
    plugins: { local },
    rules: { 'local/no-literal-text': 'error' },
  },
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'drizzle/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
];
export default config;
