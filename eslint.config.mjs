/**
 * ESLint for app, server, shared types and tests (run by `npm test`): typescript-eslint's
 * recommended rules, React's rules of hooks, and the layers this code base means
 * (config/eslint-layers.cjs).
 */
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import layers from './config/eslint-layers.cjs'

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test/e2e/artifacts/**', 'test/bench/out/**', '.data/**', '.swc/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'react-hooks': reactHooks, layers },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'layers/imports': 'error',
      'layers/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }]
    }
  },
  {
    // Jest configs, setup files and the test runner are CommonJS: Node loads them with require().
    files: ['**/*.{js,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
