import { eq, max } from 'drizzle-orm';
import type { CommandScope } from '../../../audit/command.ts';
import { incidentTasks } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { taskFields } from '../presenter.ts';
import { getTask } from '../queries.ts';
import type { TaskCreate } from '../schemas.ts';
import { checkAssignee, incidentForWork } from './incident-for-work.ts';

/** Adds an ad-hoc task at the end of the incident's list (audited `incident.task.create`). */
export async function createTask(scope: CommandScope, incidentId: string, input: TaskCreate) {
  const { tx, ctx, audit } = scope;
  const loaded = await incidentForWork(tx, ctx, incidentId);
  await checkAssignee(tx, loaded, input.assigneeUserId);
  const now = ctx.clock.now();
  const [{ last } = { last: null }] = await tx
    .select({ last: max(incidentTasks.position) })
    .from(incidentTasks)
    .where(eq(incidentTasks.incidentId, incidentId));
  const [row] = await tx
    .insert(incidentTasks)
    .values({
      incidentId,
      title: input.title,
      titleEn: input.titleEn || null,
      description: input.description ?? '',
      descriptionEn: input.descriptionEn || null,
      phase: input.phase ?? null,
      assigneeUserId: input.assigneeUserId ?? null,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      checklist: (input.checklist ?? []).map((text) => ({ text, done: false })),
      requiresEvidence: input.requiresEvidence ?? false,
      position: (last ?? -1) + 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  audit({
    action: 'incident.task.create',
    subjectType: 'incident_task',
    subjectId: row.id,
    organisationId: loaded.row.organisationId,
    after: taskFields(row),
    detail: { incidentId },
  });
  await recordEvent(tx, ctx, {
    incidentId,
    kind: 'task',
    summary: `Thêm nhiệm vụ / Task added: ${row.title}`,
    detail: { taskId: row.id, action: 'added', title: row.title, titleEn: row.titleEn },
  });
  return getTask(tx, incidentId, row.id, now);
}
