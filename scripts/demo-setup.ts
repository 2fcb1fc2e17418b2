// What a demo host starts with besides the simulators' URLs: the simulated guild managed by
// GitGuild and following the simulated org (the role engine syncs, and voice stats count, from
// the guild's own org), its members' links to the simulated org's contributors, and three tier roles on
// merged PRs, so /getstats shows progress to the next tier. Used by `npm run demo` and the
// guild-view e2e harness.
import type { Simulators } from '../sim/index.js';
import type { Store } from '../src-main/store/index.js';

/** Contributor ≥ 1, Regular ≥ 5, Core ≥ 20 merged PRs (all time), on the scenario's tier roles. */
export const DEMO_TIERS = [1, 5, 20] as const;

export async function seedDemoGuild(
  store: Pick<Store, 'guilds' | 'links' | 'mappings'>,
  sims: Pick<Simulators, 'discord' | 'github'>,
): Promise<void> {
  const scenario = sims.discord.guild;
  await store.guilds.upsert({
    id: scenario.guild.id,
    name: scenario.guild.name,
    enabled: true,
    org: sims.github.org.login,
  });
  for (const link of scenario.links)
    await store.links.linkMember({
      discordUserId: link.discordUserId,
      githubLogin: link.githubLogin,
      linkedBy: scenario.guild.ownerId,
      method: 'admin',
    });
  for (const [i, roleId] of scenario.roleIds.tiers.entries())
    await store.mappings.upsert({
      id: `demo-tier-${i + 1}`,
      guildId: scenario.guild.id,
      roleId,
      condition: {
        kind: 'metric',
        metric: 'prs_merged',
        window: { kind: 'all_time' },
        threshold: DEMO_TIERS[i] ?? 100,
      },
      group: 'demo-tiers',
      order: i,
      label: ['Contributor', 'Regular', 'Core'][i] ?? `Tier ${i + 1}`,
      enabled: true,
    });
}
