// AdminApi method for the Members page: one guild's linked members as Discord shows them (name,
// roles GitGuild manages) next to their link and their all-time counts, the linked accounts not
// in the guild, and the most active contributors nobody has linked. Spread into contract.ts.
import { z } from 'zod';
import { LinkSchema, METRICS } from '../../store/types.js';

const Snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord snowflake (digits only)');
const Counts = z.record(z.enum(METRICS), z.number());

export const MemberViewSchema = z.strictObject({
  link: LinkSchema,
  /** Null when the linked Discord account is not in this guild. */
  member: z
    .strictObject({
      username: z.string(),
      /** Roles the member holds that an enabled mapping of this guild names. */
      managedRoles: z.array(z.strictObject({ id: Snowflake, name: z.string(), color: z.number() })),
    })
    .nullable(),
  /** All-time counts in the guild's org; null before the org's first crawl. */
  totals: Counts.nullable(),
});
export type MemberView = z.infer<typeof MemberViewSchema>;

export const membersMethods = {
  'members.list': {
    input: z.strictObject({ guildId: Snowflake }),
    output: z.strictObject({
      guildId: Snowflake,
      org: z.string().nullable(),
      /** False when the bot is not connected: names and roles are then unknown. */
      botConnected: z.boolean(),
      members: z.array(MemberViewSchema),
      /** The org's most active contributors (all time) whom no member has linked. */
      unlinked: z.array(z.strictObject({ login: z.string(), totals: Counts, total: z.number() })),
    }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
