import { and, eq } from 'drizzle-orm';
import { actorLabel } from '../../../../platform/actor.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { files } from '../../../files/tables.ts';
import { evidence, evidenceCustody, incidentTasks } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { getEvidence } from '../queries.ts';
import type { EvidenceCreate } from '../schemas.ts';
import { actingUserId, incidentForWork } from './incident-for-work.ts';

/**
 * Takes an uploaded file into evidence: the evidence row and the first two links of its chain of
 * custody — `collected` (by whom the collector says, when) and `received` (the acting user, now).
 * Only the uploader's own file can be taken in, so nobody can claim someone else's upload.
 */
export async function addEvidence(scope: CommandScope, incidentId: string, input: EvidenceCreate) {
  const { tx, ctx, audit } = scope;
  const loaded = await incidentForWork(tx, ctx, incidentId);
  const userId = actingUserId(ctx);
  const [file] = await tx.select().from(files).where(eq(files.id, input.fileId));
  if (!file || (userId !== null && file.uploadedBy !== userId)) throw new AppError(400, 'evidence_file_unknown');
  if (input.taskId) {
    const [task] = await tx
      .select({ id: incidentTasks.id })
      .from(incidentTasks)
      .where(and(eq(incidentTasks.id, input.taskId), eq(incidentTasks.incidentId, incidentId)));
    if (!task) throw new AppError(400, 'evidence_task_foreign');
  }
  const now = ctx.clock.now();
  const collectedAt = input.collectedAt ? new Date(input.collectedAt) : now;
  if (collectedAt.getTime() > now.getTime() + 60_000) throw new AppError(400, 'evidence_collected_future');
  const [row] = await tx
    .insert(evidence)
    .values({
      incidentId,
      fileId: file.id,
      taskId: input.taskId ?? null,
      description: input.description ?? '',
      collectedBy: input.collectedBy,
      collectedAt,
      receivedBy: userId,
      receivedAt: now,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await tx.insert(evidenceCustody).values([
    { evidenceId: row.id, action: 'collected', actorUserId: null, actor: input.collectedBy, at: collectedAt },
    { evidenceId: row.id, action: 'received', actorUserId: userId, actor: actorLabel(ctx.actor), at: now },
  ]);
  audit({
    action: 'incident.evidence.add',
    subjectType: 'evidence',
    subjectId: row.id,
    organisationId: loaded.row.organisationId,
    after: {
      incidentId,
      fileId: file.id,
      sha256: file.sha256,
      size: file.size,
      name: file.name,
      taskId: row.taskId,
      collectedBy: row.collectedBy,
      collectedAt: collectedAt.toISOString(),
    },
  });
  await recordEvent(tx, ctx, {
    incidentId,
    kind: 'evidence',
    summary: `Thu nhận chứng cứ / Evidence received: ${file.name} (SHA-256 ${file.sha256.slice(0, 12)}…)`,
    detail: { evidenceId: row.id, action: 'received', name: file.name, sha256: file.sha256, taskId: row.taskId },
    occurredAt: collectedAt,
  });
  return getEvidence(tx, incidentId, row.id);
}
