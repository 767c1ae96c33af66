import { and, count, eq } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { evidence, incidentTasks } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { taskFields } from '../presenter.ts';
import { getTask } from '../queries.ts';
import type { TaskUpdate } from '../schemas.ts';
import { actingUserId, checkAssignee, incidentForWork } from './incident-for-work.ts';

/**
 * Changes a task: status, assignee, due time, title, checklist ticks. A task that requires evidence
 * cannot be done before at least one evidence item is linked to it (409).
 */
export async function updateTask(scope: CommandScope, incidentId: string, taskId: string, patch: TaskUpdate) {
  const { tx, ctx, audit } = scope;
  const loaded = await incidentForWork(tx, ctx, incidentId);
  const [before] = await tx
    .select()
    .from(incidentTasks)
    .where(and(eq(incidentTasks.id, taskId), eq(incidentTasks.incidentId, incidentId)))
    .for('update');
  if (!before) throw new AppError(404, 'task_not_found');
  if (patch.assigneeUserId !== undefined) await checkAssignee(tx, loaded, patch.assigneeUserId);
  const checklist = before.checklist.map((c) => ({ ...c }));
  for (const toggle of patch.checklist ?? []) {
    const item = checklist[toggle.index];
    if (!item) throw new AppError(400, 'task_checklist_index', { index: toggle.index });
    item.done = toggle.done;
  }
  const status = patch.status ?? before.status;
  const completing = status === 'done' && before.status !== 'done';
  if (completing && before.requiresEvidence) {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(evidence).where(eq(evidence.taskId, taskId));
    if (Number(n) === 0) throw new AppError(409, 'task_needs_evidence', { title: before.title });
  }
  const now = ctx.clock.now();
  const [row] = await tx
    .update(incidentTasks)
    .set({
      title: patch.title ?? before.title,
      status,
      assigneeUserId: patch.assigneeUserId === undefined ? before.assigneeUserId : patch.assigneeUserId,
      dueAt: patch.dueAt === undefined ? before.dueAt : patch.dueAt === null ? null : new Date(patch.dueAt),
      checklist,
      completedAt: status === 'done' ? (completing ? now : before.completedAt) : null,
      completedBy: status === 'done' ? (completing ? actingUserId(ctx) : before.completedBy) : null,
      updatedAt: now,
    })
    .where(eq(incidentTasks.id, taskId))
    .returning();
  if (!row) throw new Error('update returned nothing');
  audit({
    action: 'incident.task.update',
    subjectType: 'incident_task',
    subjectId: taskId,
    organisationId: loaded.row.organisationId,
    before: taskFields(before),
    after: taskFields(row),
    detail: { incidentId },
  });
  const statusChanged = row.status !== before.status;
  await recordEvent(tx, ctx, {
    incidentId,
    kind: 'task',
    summary: statusChanged
      ? `Nhiệm vụ "${row.title}": ${before.status} → ${row.status} / Task "${row.titleEn ?? row.title}": ${before.status} → ${row.status}`
      : `Cập nhật nhiệm vụ / Task updated: ${row.title}`,
    detail: {
      taskId,
      action: statusChanged ? 'status' : 'updated',
      from: before.status,
      status: row.status,
      title: row.title,
      titleEn: row.titleEn,
    },
  });
  return getTask(tx, incidentId, taskId, now);
}
