// Lint rules that keep the architecture honest (DESIGN.md's layer table): the renderer never sees
// ipcRenderer or Node and imports only types from the api contract, the bot never imports the
// host, main never imports the renderer, domain modules and the scheduler never reach up into the
// API handlers, and the simulators import nothing from the product they stand in for.
// tests/unit/lint/lint-rules.test.ts proves each rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_IPC_RENDERER = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only the preload may use ipcRenderer; go through the AdminApi.',
};
const NO_IPC_MAIN = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Bind methods through src-main/electron/ipc-binding.ts, which checks sender and schema.',
};

const MAIN_NOT_RENDERER = {
  group: ['**/src-renderer', '**/src-renderer/**'],
  message:
    'Main-process code never imports the renderer; shared types live in src-main/api (e.g. bridge.ts).',
};
const DOMAIN_NOT_HANDLERS = {
  group: ['**/api/handlers', '**/api/handlers.js', '**/api/handlers/**'],
  message:
    'Domain modules and the scheduler sit below the API: move what both need down (e.g. src-main/stats/configured-org.ts).',
};
const SIM_NOT_PRODUCT = {
  group: ['**/src-main', '**/src-main/**'],
  message:
    'The simulators import nothing from the product; give them their own types (sim/scenarios/truth-types.ts).',
};
const BOT_NOT_HOST = {
  group: ['**/src-main', '**/src-main/**'],
  message: 'The bot depends only on src-bot/ports.ts; the host passes implementations in.',
};

/** Flat config replaces a rule's options per matching block, so each block lists all it needs. */
const restrictImports = ({ paths = [NO_IPC_RENDERER, NO_IPC_MAIN], patterns = [] } = {}) => [
  'error',
  { paths, patterns },
];

/** Below the API layer: they may not import its handlers. The composition root (host) may. */
const DOMAIN_FILES = [
  'github',
  'store',
  'stats',
  'roles',
  'charts',
  'secrets',
  'oauth',
  'scheduler',
  'log',
].map((dir) => `src-main/${dir}/**/*.ts`);

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
      'no-restricted-imports': restrictImports(),
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports({ patterns: [MAIN_NOT_RENDERER] }) },
  },
  {
    files: DOMAIN_FILES,
    rules: {
      'no-restricted-imports': restrictImports({
        patterns: [MAIN_NOT_RENDERER, DOMAIN_NOT_HANDLERS],
      }),
    },
  },
  {
    // The preload is the one place with ipcRenderer; it still may not import the renderer.
    files: ['src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': restrictImports({ paths: [], patterns: [MAIN_NOT_RENDERER] }),
    },
  },
  {
    files: ['src-main/electron/ipc-binding.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        paths: [{ ...NO_IPC_RENDERER, message: 'Main process code never uses ipcRenderer.' }],
        patterns: [MAIN_NOT_RENDERER],
      }),
    },
  },
  {
    files: ['src-bot/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports({ patterns: [BOT_NOT_HOST] }) },
  },
  {
    files: ['sim/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports({ patterns: [SIM_NOT_PRODUCT] }) },
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
