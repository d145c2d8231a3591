import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', 'apps/console/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error; a union switch must name every case.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // Money must never touch a binary float (see docs/adr/0002-money.md).
    files: ['libs/domain/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money is decimal.js only.' }],
      'no-restricted-properties': [
        'error',
        { property: 'toFixed', message: 'Money is decimal.js only: use Money/Decimal truncation.' },
      ],
    },
  },
  {
    // Workflows are deterministic: only @temporalio/workflow, the domain library and type-only imports.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|@app/domain(/.*)?$|\\.{1,2}/).*',
              message:
                'workflows/ may import only @temporalio/workflow and @app/domain (types: import type).',
              allowTypeImports: true,
            },
            {
              // Each new execution evaluates what the bundle imports: the barrel is every program and the
              // holiday calendar. Import the module you need, or call domainOnDemand() (ADR 0054).
              regex: '^@app/domain$',
              message:
                'Import the @app/domain module you need (e.g. @app/domain/money), or use domainOnDemand().',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The web console runs in the browser (React + Vite); it has its own tsconfig with DOM and JSX.
    files: ['apps/console/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
        File: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLFormElement: 'readonly',
        AbortController: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        history: 'readonly',
        location: 'readonly',
        Response: 'readonly',
        RequestInit: 'readonly',
        Headers: 'readonly',
        TextDecoder: 'readonly',
      },
    },
  },
);
