import { z } from 'zod';
import { REPORT_SOURCES } from '../../../shared/vocabulary.ts';

export const STATS_DAYS = 30;

export const intakeStats = z.object({
  /** the Vietnam days of the window, oldest first (YYYY-MM-DD) */
  days: z.array(z.string()),
  /** reports received per channel and day, aligned with `days` */
  series: z.array(z.object({ source: z.enum(REPORT_SOURCES), counts: z.array(z.number().int()) })),
  /** reports waiting in the triage queue now (status new, any age) */
  queueDepth: z.number().int(),
  /** in the window: received, stored below the queue level, triage outcomes, re-sends answered with the first report */
  totals: z.object({
    received: z.number().int(),
    logged: z.number().int(),
    accepted: z.number().int(),
    duplicate: z.number().int(),
    spam: z.number().int(),
    notIncident: z.number().int(),
    resent: z.number().int(),
  }),
});
export type IntakeStats = z.infer<typeof intakeStats>;
