import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist', 'data', 'test-results', 'coverage', 'node_modules', 'test/review', 'scratch'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Only repositories touch the database; the client never imports server code.
    files: ['server/src/features/**/*.ts'],
    ignores: ['server/src/features/**/*.repo.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kysely', 'pg', '@electric-sql/*', '**/db/*'],
              allowTypeImports: true,
              message: 'Only *.repo.ts files touch the database (routes → service → repo).',
            },
          ],
        },
      ],
    },
  },
  {
    // The server runs without the seed: first-run seeding is its own step (seed/setup.ts).
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/seed/**'], message: 'The server never imports seed/.' }] },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/seed/**'],
              message: 'The client may import only client and shared code.',
            },
          ],
        },
      ],
    },
  },
);
