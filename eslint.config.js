import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-output/', '.data/', 'coverage/', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Input schemas build their strings with text() (application/validation.ts), which refuses NUL once for every adapter.
    files: ['application/**/*.ts', 'bootstrap/seeding/**/*.ts'],
    ignores: ['application/validation.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
          message: 'Build input strings with text() from application/validation.ts: it refuses NUL characters for every adapter.',
        },
      ],
    },
  },
  {
    // The pages' one script, served to browsers as it is (no build step).
    files: ['adapters/web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    // HTTP suites check every response against the OpenAPI document through tests/support/http.ts.
    files: ['tests/http/**/*.ts', 'tests/integration/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { name: 'supertest', importNames: ['default'], message: "Import request from '../support/http.ts': it checks every response against the OpenAPI document." },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**', 'bench/**', 'bootstrap/seed.ts', 'bootstrap/migrate.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
