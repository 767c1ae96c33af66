import { and, eq } from 'drizzle-orm';
import { actorLabel } from '../../../../platform/actor.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { CustodyAction } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { evidence, evidenceCustody } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { presentCustody } from '../presenter.ts';
import { actingUserId, incidentForWork } from './incident-for-work.ts';

/** A hand-over (`transferred`) or a copy leaving the system (`exported`), with a note: one more custody link. */
export async function recordCustody(
  scope: CommandScope,
  incidentId: string,
  evidenceId: string,
  input: { action: Extract<CustodyAction, 'transferred' | 'exported'>; note: string },
) {
  const { tx, ctx, audit } = scope;
  const loaded = await incidentForWork(tx, ctx, incidentId);
  const [e] = await tx
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.id, evidenceId), eq(evidence.incidentId, incidentId)));
  if (!e) throw new AppError(404, 'evidence_not_found');
  const [row] = await tx
    .insert(evidenceCustody)
    .values({
      evidenceId,
      action: input.action,
      actorUserId: actingUserId(ctx),
      actor: actorLabel(ctx.actor),
      note: input.note,
      at: ctx.clock.now(),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  audit({
    action: `incident.evidence.${input.action}`,
    subjectType: 'evidence',
    subjectId: evidenceId,
    organisationId: loaded.row.organisationId,
    detail: { incidentId, note: input.note },
  });
  await recordEvent(tx, ctx, {
    incidentId,
    kind: 'evidence',
    summary: `Chuỗi lưu giữ chứng cứ / Chain of custody: ${input.action}`,
    detail: { evidenceId, action: input.action },
  });
  return presentCustody(row);
}
