// Builds the admin UI once for both transports: Electron loads it from the app protocol, the
// headless host serves it over HTTP. Relative asset paths (`base: './'`) make both work.
// Paths below are relative to `root`; no Node imports, since src-renderer is lint-fenced from Node.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  // The icons double as favicon and tray icon: copying them into dist/renderer puts them inside
  // the packaged `dist/**` without a separate copy step.
  publicDir: '../assets',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
