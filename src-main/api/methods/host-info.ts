// Facts about this host the Settings page shows and `health` does not carry: where its data lives.
import { z } from 'zod';

export const hostInfoMethods = {
  'host.about': {
    input: z.strictObject({}).optional(),
    output: z.strictObject({
      /** Absolute path of the data directory (config, links, contributions, history, backups). */
      dataDir: z.string(),
      mode: z.enum(['desktop', 'headless']),
    }),
  },
} as const;
