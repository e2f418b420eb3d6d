// ESLint flat config: JS recommended + typescript-eslint + React hooks/refresh rules; formatting is Prettier's
// (eslint-config-prettier comes last and turns off every rule that would fight it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'coverage/', 'e2e-screenshots/']),
  {
    files: ['**/*.{js,mjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022 },
    rules: {
      // `_`-prefixed names are deliberately unused (e.g. a destructured field left out of a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended, reactRefresh.configs.vite],
    languageOptions: { globals: globals.browser },
  },
  {
    // The entry module is never a Fast Refresh boundary (editing it reloads the page), so the rule has nothing to guard.
    files: ['src/main.tsx'],
    rules: { 'react-refresh/only-export-components': 'off' },
  },
  {
    files: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.vitest } },
  },
  {
    files: ['*.{js,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // public/ is copied to dist/ as it is: the admin app's service worker runs in a ServiceWorkerGlobalScope.
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  prettier,
]);
