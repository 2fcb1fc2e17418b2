// Lint rules that keep the architecture honest: the renderer never sees ipcRenderer or Node,
// the bot never imports the host, and the renderer imports only types from the api contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer'],
              message: 'Only the preload may use ipcRenderer; go through the AdminApi.',
            },
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message:
                'Bind methods through src-main/electron/ipc-binding.ts, which checks sender and schema.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/electron/ipc-binding.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer'],
              message: 'Main process code never uses ipcRenderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '../src-main/*'],
              message:
                'The bot depends only on src-bot/ports.ts; the host passes implementations in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the host only through the AdminApi client.',
            },
          ],
          patterns: [
            {
              group: ['**/src-main/api/*'],
              allowTypeImports: true,
              message: 'The renderer may only `import type` from src-main/api.',
            },
            {
              group: ['**/src-main/**', '!**/src-main/api/*'],
              message: 'The renderer may not import main-process code.',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'No Node APIs in the renderer.',
            },
          ],
        },
      ],
    },
  },
);
