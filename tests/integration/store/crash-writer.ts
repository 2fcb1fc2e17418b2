// Child process for crash.test.ts: writes to every store file in a loop until it is killed.
// Each step N leaves checkable invariants: config holds guild "counter-N" and a mapping with
// threshold N+1; links gains member N; the repo file's counts sum to 20 × its cursor; history
// gains one audit entry. After each completed step it prints "step N".
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer.ts <dataDir>');

const GUILD_ID = '900000000000000001';
const LOGINS = Array.from({ length: 20 }, (_, i) => `dev-${i}`);

const store = await openStore({ dataDir, logger: silentLogger });
if (!store.status.ok) {
  process.stdout.write(`problem ${JSON.stringify(store.status.problems)}\n`);
  process.exit(3);
}
const counterName = store.guilds.get(GUILD_ID)?.name ?? 'counter-0';
let step = Number(counterName.slice('counter-'.length));

for (;;) {
  step += 1;
  // The cursor's time counts steps: step N wrote `through` = N seconds after the epoch.
  const last = store.contributions.getCursor('acme', 1)?.through;
  const through = (last ? Date.parse(last) / 1000 : 0) + 1;
  const day = new Date(Date.UTC(2025, 0, 1) + (step % 365) * 86_400_000).toISOString().slice(0, 10);
  const increments: DailyCount[] = LOGINS.map((login) => ({
    login,
    repo: 'acme/app',
    metric: 'commits',
    day,
    count: 1,
  }));
  await Promise.all([
    store.guilds.upsert({ id: GUILD_ID, name: `counter-${step}`, enabled: true }).then(() =>
      store.mappings.upsert({
        id: 'm',
        guildId: GUILD_ID,
        roleId: '900000000000000010',
        enabled: true,
        condition: {
          kind: 'metric',
          metric: 'commits',
          window: { kind: 'all_time' },
          threshold: step + 1,
        },
      }),
    ),
    store.links.linkMember({
      discordUserId: String(100000 + step),
      githubLogin: `member-${step}`,
      linkedBy: '1',
      method: 'admin',
    }),
    store.contributions.commitRepoCrawl('acme', { id: 1, name: 'acme/app' }, increments, {
      through: new Date(through * 1000).toISOString(),
      headOid: null,
    }),
    store.history.appendAudit({
      at: new Date().toISOString(),
      actor: 'system',
      action: 'crash.step',
      detail: { step },
    }),
  ]);
  process.stdout.write(`step ${step}\n`);
}
