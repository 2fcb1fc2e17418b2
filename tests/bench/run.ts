// `npm run bench`: imports every tests/bench/*.ts that exports `run()` and runs it in turn; each
// bench prints its own figures and baseline. `npm run bench -- store` runs only matching files.
import { readdir } from 'node:fs/promises';

const dir = new URL('./', import.meta.url);
const only = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((n) => n.endsWith('.ts') && n !== 'run.ts' && !n.endsWith('.d.ts'))
  .sort();

for (const file of files) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  const mod = (await import(new URL(file, dir).href)) as { run?: unknown };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== ${file} ==`);
  const start = performance.now();
  await (mod.run as () => Promise<void>)();
  console.log(`(${file}: ${((performance.now() - start) / 1000).toFixed(1)} s)`);
}
