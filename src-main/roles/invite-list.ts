// The two lists a plan carries for admins: linked accounts whose Discord user is not in this
// guild, and the most active contributors nobody has linked (people worth inviting).
import { METRICS } from '../store/types.js';
import type { PlanInput } from './plan-types.js';

const LIST_LIMIT = 50;
const INVITE_LIMIT = 10;
const INVITE_WINDOW = { kind: 'rolling', days: 90 } as const;

export function linkedElsewhere(
  input: PlanInput,
): { discordUserId: string; githubLogin: string }[] {
  const present = new Set(input.snapshot.members.map((m) => m.userId));
  const out: { discordUserId: string; githubLogin: string }[] = [];
  for (const [discordUserId, githubLogin] of input.links) {
    if (!present.has(discordUserId)) out.push({ discordUserId, githubLogin });
    if (out.length >= LIST_LIMIT) break;
  }
  return out;
}

export function invitees(input: PlanInput): { login: string; contributions: number }[] {
  const facts = input.contributions;
  if (!facts) return [];
  const linked = new Set([...input.links.values()].map((l) => l.toLowerCase()));
  return facts
    .contributors()
    .filter((login) => !linked.has(login.toLowerCase()) && !login.endsWith('[bot]'))
    .map((login) => ({
      login,
      contributions: METRICS.reduce((n, m) => n + facts.count(login, m, INVITE_WINDOW), 0),
    }))
    .filter((e) => e.contributions > 0)
    .sort((a, b) => b.contributions - a.contributions || (a.login < b.login ? -1 : 1))
    .slice(0, INVITE_LIMIT);
}
