// @ts-check
/**
 * `npm run lint` runs ESLint with this config, then `prettier --check`; `npm run format` writes both fixes.
 *
 * - Every file: ESLint's recommended set.
 * - Every TypeScript file: typescript-eslint's recommended type-checked set (no-floating-promises,
 *   no-misused-promises, await-thenable, the no-unsafe-* family...), with types from the nearest tsconfig.
 * - The plug-in's browser code (plugin/src): kintone's own preset, `@cybozu/eslint-config`'s kintone-customize
 *   (what `@kintone/create-plugin`'s template uses), plus its TypeScript rules.
 * - Formatting is Prettier's alone: eslint-config-prettier, last, turns off every rule it would fight with.
 */
import cybozuKintoneCustomize from '@cybozu/eslint-config/flat/presets/kintone-customize.js';
import cybozuTypescript from '@cybozu/eslint-config/flat/presets/typescript.js';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'dist/',
    '.local/',
    '.serverless/',
    '.esbuild/',
    'test-output/',
    '**/.tsbuild/',
    'coverage/',
  ]),

  js.configs.recommended,

  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a binding kept on purpose (a rest sibling that drops a key, a parameter a
      // signature demands).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Ports, fakes and Fastify handlers are `async` without an `await` so that a throw becomes a rejection
      // (and so Fastify sends the returned value); dropping `async` would change what they do.
      '@typescript-eslint/require-await': 'off',
    },
  },

  // Tests read wire answers (`res.json()`, kintone records, parsed templates) as `any` or as rest-api-client's
  // union of every field type, and break inputs in any way on purpose (`Record<string, any>` configs); `expect`
  // checks the shape.
  {
    files: ['**/*.test.ts', 'test/**', 'plugin/test/**'],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // Node: the server, the local tooling, the tests (the plug-in's too: jest and Playwright drive it from Node).
  {
    files: ['server/**', 'scripts/**', 'test/**', 'plugin/test/**', 'contract/**'],
    languageOptions: { globals: globals.node },
  },

  // The plug-in in the browser: kintone's preset and cybozu's TypeScript rules.
  {
    files: ['plugin/src/**/*.ts'],
    extends: [cybozuKintoneCustomize, cybozuTypescript],
    rules: {
      // cybozu's TypeScript preset switches unused-variable checks off entirely; keep the project-wide one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `void promise` marks a deliberate fire-and-forget call (an event handler starting async work), the form
      // no-floating-promises accepts; `void` as an expression stays forbidden.
      'no-void': ['error', { allowAsStatement: true }],
      // TypeScript already proves every path returns (declared return types, exhaustive switches over unions);
      // the core rule cannot see exhaustiveness and warns on every such switch.
      'consistent-return': 'off',
      // The code picks a value from three or more cases with a chained ternary, which Prettier lays out as one
      // indented case per line, on the server as in the plug-in.
      'no-nested-ternary': 'off',
      // Restoring a button's own properties after an await (`finally { control.disabled = false }`) is the point,
      // not a race; ESLint's documented option for it.
      'require-atomic-updates': ['error', { allowProperties: true }],
    },
  },

  // Plain JavaScript (configs run by Node as CommonJS): no types to check.
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },

  prettier,
);
