// `npm run lint` is `prettier --check .` then `eslint .`: these tests run both tools through their
// APIs with the repository's own configuration on snippets placed at real paths, so each house
// rule is shown to fire (and its allowed twin to pass) without writing files into the tree.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`snippet did not parse: ${fatal[0]?.message}`);
  return result.messages
    .filter((m) => m.ruleId?.endsWith('no-restricted-imports'))
    .map((m) => m.message);
}

describe('npm run lint', () => {
  it('runs prettier --check over the whole tree and then ESLint with no warnings allowed', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['lint']).toBe(
      'prettier --check . --log-level warn && eslint . --max-warnings 0',
    );
  });
});

describe('prettier --check', { timeout: 30_000 }, () => {
  const filepath = `${root}src-main/store/lint-probe.ts`;
  const formatted = "export const answer = { value: 42, label: 'forty-two' };\n";
  const unformatted = 'export const answer = {value:42,label:"forty-two"}\n';

  it('covers source files (they are not ignored)', async () => {
    for (const file of [
      'src-main/store/x.ts',
      'src-renderer/app/X.tsx',
      'sim/x.ts',
      'tests/x.ts',
    ]) {
      const info = await prettier.getFileInfo(`${root}${file}`, {
        ignorePath: [`${root}.prettierignore`, `${root}.gitignore`],
      });
      expect(info.ignored, file).toBe(false);
    }
  });

  it('fails an unformatted file and passes the same code formatted', async () => {
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    expect(await prettier.check(unformatted, options)).toBe(false);
    expect(await prettier.check(formatted, options)).toBe(true);
  });
});

// The first lint loads the config and the TypeScript parser: seconds on a busy machine.
describe('ESLint layering rules', { timeout: 60_000 }, () => {
  it('src-main never imports src-renderer, not even a type', async () => {
    expect(
      await restrictedImports(
        'src-main/electron/preload.ts',
        "import type { GitGuildBridge } from '../../src-renderer/api/bridge.js';\nexport type B = GitGuildBridge;\n",
      ),
    ).toEqual([expect.stringContaining('never imports the renderer')]);
    expect(
      await restrictedImports(
        'src-main/host/probe.ts',
        "import { x } from '../../src-renderer/app/routes';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src-main/electron/preload.ts',
        "import type { GitGuildBridge } from '../api/bridge.js';\nexport type B = GitGuildBridge;\n",
      ),
    ).toEqual([]);
  });

  it('the scheduler and domain modules never import the API handlers', async () => {
    const forbidden = [
      "import { resolveConfiguredOrg } from '../api/handlers/stats.js';\nexport const f = resolveConfiguredOrg;\n",
      "import type { CrawlService } from '../api/handlers.js';\nexport type S = CrawlService;\n",
    ];
    for (const file of [
      'src-main/scheduler/probe.ts',
      'src-main/github/probe.ts',
      'src-main/store/probe.ts',
      'src-main/stats/probe.ts',
    ]) {
      for (const code of forbidden) {
        expect(await restrictedImports(file, code), `${file}: ${code}`).toEqual([
          expect.stringContaining('sit below the API'),
        ]);
      }
    }
    expect(
      await restrictedImports(
        'src-main/scheduler/probe.ts',
        "import { resolveConfiguredOrg } from '../stats/configured-org.js';\nexport const f = resolveConfiguredOrg;\n",
      ),
    ).toEqual([]);
    // The composition root wires the handlers and may import them.
    expect(
      await restrictedImports(
        'src-main/host/probe.ts',
        "import { createAdminHandlers } from '../api/handlers.js';\nexport const c = createAdminHandlers;\n",
      ),
    ).toEqual([]);
  });

  it('sim imports nothing from src-main, not even a type', async () => {
    expect(
      await restrictedImports(
        'sim/scenarios/probe.ts',
        "import type { DailyCount } from '../../src-main/store/types.js';\nexport type D = DailyCount;\n",
      ),
    ).toEqual([expect.stringContaining('simulators import nothing')]);
    expect(
      await restrictedImports(
        'sim/github/probe.ts',
        "import type { TruthDailyCount } from '../scenarios/truth-types.js';\nexport type D = TruthDailyCount;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the older rules: the bot never imports src-main, the renderer only types from the api', async () => {
    expect(
      await restrictedImports(
        'src-bot/probe.ts',
        "import { createHost } from '../src-main/host/create-host.js';\nexport const c = createHost;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src-renderer/app/probe.ts',
        "import { adminApi } from '../../src-main/api/contract';\nexport const a = adminApi;\n",
      ),
    ).toContainEqual(expect.stringContaining('may only `import type`'));
    expect(
      await restrictedImports(
        'src-renderer/app/probe.ts',
        "import type { AdminApi } from '../../src-main/api/contract';\nexport type A = AdminApi;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'src-main/host/probe.ts',
        "import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;\n",
      ),
    ).toHaveLength(1);
  });
});
