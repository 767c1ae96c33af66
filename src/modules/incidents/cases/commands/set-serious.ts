import { eq } from 'drizzle-orm';
import { evaluateSeriousIncident } from '../../../../engines/serious-incident/index.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { incidents } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';

/** Stores the QĐ 05 Điều 9 checklist answers and the engine's verdict. */
export async function setSerious(scope: CommandScope, id: string, answers: unknown) {
  const { tx, ctx, audit } = scope;
  const { row, access } = await loadIncident(tx, id, { lock: true });
  if (ctx.actor.kind === 'user') authorizeWorkIncident(ctx.actor.principal, access);
  const evaluation = evaluateSeriousIncident(answers);
  if (!evaluation.ok) throw new AppError(400, 'incident_serious_invalid', { error: evaluation.error });
  const r = evaluation.result;
  const serious = r.serious === true ? 'serious' : r.serious === false ? 'not-serious' : 'undetermined';
  const stored = answers as Record<string, unknown>;
  const [updated] = await tx
    .update(incidents)
    .set({ seriousAnswers: stored, serious, version: row.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(incidents.id, id))
    .returning();
  if (!updated) throw new Error('update returned nothing');
  if (serious !== row.serious)
    await recordEvent(tx, ctx, {
      incidentId: id,
      kind: 'serious',
      summary: serious,
      detail: { from: row.serious, to: serious, reasons: r.reasons },
    });
  audit({
    action: 'incident.serious',
    subjectType: 'incident',
    subjectId: id,
    organisationId: row.organisationId,
    before: { serious: row.serious, answers: row.seriousAnswers },
    after: { serious, answers: stored },
  });
  return { incident: updated, verdict: r };
}
