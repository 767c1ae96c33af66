import { z } from 'zod';
import { assessSeriousIncident, IMPACTS, type SeriousIncidentResult } from './assess.ts';

const answer = z.enum(['yes', 'no', 'unknown']).default('unknown');

/** A checklist in progress: anything not yet answered is 'unknown'. */
export const seriousIncidentAnswersSchema = z.strictObject({
  securityLevel: z.union([z.literal([1, 2, 3, 4, 5]), z.literal('unknown')]).default('unknown'),
  nationalCriticalList: answer,
  impacts: z
    .strictObject(
      Object.fromEntries(IMPACTS.map((i) => [i, answer])) as Record<(typeof IMPACTS)[number], typeof answer>,
    )
    .prefault({}),
  beyondOwnerCapacity: answer,
});

export type SeriousIncidentEvaluation = { ok: true; result: SeriousIncidentResult } | { ok: false; error: string };

/** Validates untrusted answers (a request body, a stored draft) and assesses them; never throws. */
export function evaluateSeriousIncident(raw: unknown): SeriousIncidentEvaluation {
  const parsed = seriousIncidentAnswersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.')}: ${issue?.message}` };
  }
  return { ok: true, result: assessSeriousIncident(parsed.data) };
}
