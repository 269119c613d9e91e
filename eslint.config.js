// ESLint flat config: typescript-eslint for every package, plus the Lit, lit-a11y and
// web-components plugins for the widgets. The project runs it at zero warnings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

/** Template features a strict CSP or safe rendering forbids (DESIGN.md, requirement R2). */
const unsafeTemplatePaths = [
  { name: 'lit/directives/style-map.js', message: 'styleMap breaks a strict style-src CSP.' },
  { name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML: data never becomes markup.' },
  { name: 'lit/directives/unsafe-svg.js', message: 'No unsafeSVG: data never becomes markup.' },
  { name: 'lit/static-html.js', message: 'No unsafeStatic.' },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      'storybook-static/**',
      'bundles/**',
      '.proximite/**',
      '.cache/**',
      'examples/**/build/**',
      'packages/contract/openapi.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'No enums: use a union of string literals (Lit contributing rules).',
        },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces: use ES modules.' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // chai's property assertions (`expect(x).to.exist`) are expressions.
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['packages/widgets/**/*.ts', 'packages/staff/**/*.ts', 'stories/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts', 'packages/staff/**/*.ts', 'stories/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts', 'packages/staff/**/*.ts', 'stories/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['packages/widgets/**/*.ts'],
    rules: {
      // A strict style-src blocks style attributes and styleMap (DESIGN.md, requirement R2).
      'lit/no-template-bind': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: unsafeTemplatePaths,
          patterns: [
            {
              group: ['@proximite/server', '@proximite/server/*'],
              message: 'Widgets never import the server.',
            },
            {
              // Public bundles never contain staff code: the arrow goes staff → widgets' kit only.
              group: ['@proximite/staff', '@proximite/staff/*'],
              message: 'Widgets never import the staff console (public bundles carry no staff code).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/staff/**/*.ts'],
    rules: {
      'lit/no-template-bind': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: unsafeTemplatePaths,
          patterns: [
            {
              group: ['@proximite/server', '@proximite/server/*'],
              message: 'The console talks to the server through the SDK, never imports it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/contract/src/**/*.ts', 'packages/content/src/**/*.ts', 'packages/sdk/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@proximite/widgets',
                '@proximite/widgets/*',
                '@proximite/staff',
                '@proximite/staff/*',
                '@proximite/server',
                '@proximite/server/*',
              ],
              message: 'Data flows one way: contract ← content, sdk, server; sdk ← widgets ← staff.',
            },
          ],
        },
      ],
    },
  },
);
