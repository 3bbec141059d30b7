import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layerRule = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'coverage/**',
      'apps/web/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Fastify handlers and hooks are async by contract even when they return at once.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Dependencies point one way (DESIGN.md): domain <- core <- server; db <- core; apps talk HTTP only.
  {
    files: ['packages/domain/**/*.ts'],
    ignores: ['packages/domain/**/*.test.ts'], // tests may read reference files
    rules: layerRule([
      {
        group: ['@xiuhua/*', 'pg', 'kysely', '@electric-sql/*', 'node:fs', 'node:net', 'node:http'],
        message: 'domain is pure: no I/O, no other packages of ours',
      },
    ]),
  },
  {
    files: ['packages/contract/**/*.ts'],
    rules: layerRule([
      {
        group: ['@xiuhua/db', '@xiuhua/core', 'pg', 'kysely', '@electric-sql/*'],
        message: 'contract is schemas only',
      },
    ]),
  },
  {
    files: ['packages/db/**/*.ts'],
    ignores: ['packages/db/src/connection/**'],
    rules: layerRule([
      {
        group: ['@xiuhua/core', '@xiuhua/contract', 'pg', '@electric-sql/*'],
        message: 'only db/src/connection imports a driver; db does not know core',
      },
    ]),
  },
  {
    files: ['packages/core/**/*.ts'],
    ignores: ['packages/core/**/*.test.ts'],
    rules: layerRule([
      {
        group: ['pg', '@electric-sql/*', '@xiuhua/contract', 'fastify'],
        message: 'core uses repositories, not drivers or HTTP',
      },
    ]),
  },
  {
    files: ['apps/server/**/*.ts'],
    ignores: ['apps/server/**/*.test.ts'], // tests may inspect or tamper with rows directly
    rules: layerRule([
      {
        group: ['pg', '@electric-sql/*', 'kysely'],
        message: 'routes stay thin: SQL lives in db repositories',
      },
    ]),
  },
  {
    files: ['apps/cli/**/*.ts'],
    rules: layerRule([
      {
        group: ['pg', '@electric-sql/*', 'kysely', '@xiuhua/db', '@xiuhua/core'],
        message: 'the CLI talks HTTP (in-process or remote) only',
      },
    ]),
  },
);
