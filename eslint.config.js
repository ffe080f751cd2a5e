// ESLint (`npm run lint`, run by .ci/run). Syntax-only rules: nothing here needs type information,
// so linting the whole tree stays fast (type-aware rules would run the type checker again, which
// `npx tsc --noEmit` already does).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const focusedOrSkipped = ['it', 'describe', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({
    object,
    property,
    message: `\`${object}.${property}\` must not be committed: it changes which tests run.`,
  })),
);

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'drizzle/', 'snapshots/', 'coverage/', '.factwatch*', 'bench/results.json'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Off: factwatch matches control characters on purpose — it strips them from text it
      // prints (src/report/inert-text.ts) and refuses them in tokens, parameters and lock files;
      // every `\x00-\x1f` the rule would report is one of those.
      'no-control-regex': 'off',
    },
  },
  {
    // Library code reports through its logger or its return values; only the CLI prints.
    files: ['src/**'],
    ignores: ['src/cli/**'],
    rules: {
      'no-console': 'error',
    },
  },
  {
    files: ['test/**'],
    rules: {
      'no-restricted-properties': ['error', ...focusedOrSkipped],
      // Off in tests: they read JSON replies and DOM nodes whose shape is what is being tested;
      // `any` there is the honest type (production code keeps the rule).
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
