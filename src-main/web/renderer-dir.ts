// Finds the built renderer: beside the bundle (dist/main -> dist/renderer) when running the
// built host, or under the repository's dist/ when running from source (tsx, tests, demo).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function findRendererDir(): string {
  const candidates = [
    new URL('../renderer/', import.meta.url),
    new URL('../../dist/renderer/', import.meta.url),
  ].map((u) => fileURLToPath(u));
  return candidates.find((dir) => existsSync(`${dir}index.html`)) ?? candidates[0]!;
}
