// Lint rules: typescript-eslint's recommended set, no console outside the CLI, and no static import of
// vega / vega-lite anywhere (their ESM builds use top-level await, so a static import would make the whole
// package impossible to require() from a tslab notebook; they are loaded with `await import()` where needed).
import tseslint from 'typescript-eslint';
import stageDoors from './eslint-stage-doors.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'fixtures/**', 'notebooks/**', 'test/artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vega',
              message: 'load vega lazily with await import(), see src/figures/load.ts',
              allowTypeImports: true,
            },
            { name: 'vega-lite', message: 'load vega-lite lazily with await import()', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { cnibench: stageDoors },
    rules: { 'cnibench/stage-doors': 'error' },
  },
);
