// AdminApi method for chart specs: the same chart.js configurations the bot renders to PNG, for
// the admin UI to draw (react-chartjs-2). Spec types live in ../chart-spec.ts.
import { z } from 'zod';
import { ChartSpecRequestSchema, ChartSpecSchema } from '../chart-spec.js';

export const chartsMethods = {
  'charts.spec': {
    input: z.strictObject({
      /** A configured org; the first one when absent. */
      org: z
        .string()
        .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub org login')
        .optional(),
      chart: ChartSpecRequestSchema,
    }),
    output: ChartSpecSchema,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
