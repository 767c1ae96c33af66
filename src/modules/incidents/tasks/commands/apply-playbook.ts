import { and, eq, max } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { type Playbook, parseDueDuration } from '../../playbooks/playbook-schema.ts';
import { incidentTasks, playbooks } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { listTasks } from '../queries.ts';
import { incidentForWork } from './incident-for-work.ts';

/**
 * Instantiates a playbook's tasks on an incident, in the playbook's order after the tasks already
 * there; both languages kept. A task key already on the incident is skipped, so applying the same
 * playbook twice adds nothing twice (the unique index settles two concurrent applies).
 */
export async function applyPlaybook(scope: CommandScope, incidentId: string, code: string) {
  const { tx, ctx, audit } = scope;
  const loaded = await incidentForWork(tx, ctx, incidentId);
  const [pb] = await tx.select().from(playbooks).where(eq(playbooks.code, code));
  if (!pb) throw new AppError(404, 'playbook_not_found', { code });
  if (!pb.active) throw new AppError(409, 'playbook_inactive', { code });
  const body = pb.body as Playbook;
  const now = ctx.clock.now();
  const existing = await tx
    .select({ key: incidentTasks.playbookTaskKey })
    .from(incidentTasks)
    .where(and(eq(incidentTasks.incidentId, incidentId), eq(incidentTasks.playbookCode, code)));
  const have = new Set(existing.map((e) => e.key));
  const [{ last } = { last: null }] = await tx
    .select({ last: max(incidentTasks.position) })
    .from(incidentTasks)
    .where(eq(incidentTasks.incidentId, incidentId));
  const start = (last ?? -1) + 1;
  const rows = body.tasks
    .filter((t) => !have.has(t.key))
    .map((t, i) => {
      const due = t.due ? parseDueDuration(t.due) : null;
      return {
        incidentId,
        title: t.title.vi,
        titleEn: t.title.en,
        description: t.description.vi,
        descriptionEn: t.description.en,
        phase: t.phase,
        dueAt: due ? new Date(now.getTime() + due) : null,
        checklist: (t.checklist ?? []).map((c) => ({ text: c.vi, textEn: c.en, done: false })),
        requiresEvidence: t.requiresEvidence ?? false,
        playbookCode: code,
        playbookTaskKey: t.key,
        position: start + i,
        createdAt: now,
        updatedAt: now,
      };
    });
  const inserted =
    rows.length === 0
      ? []
      : await tx.insert(incidentTasks).values(rows).onConflictDoNothing().returning({ id: incidentTasks.id });
  audit({
    action: 'incident.playbook.apply',
    subjectType: 'incident',
    subjectId: incidentId,
    organisationId: loaded.row.organisationId,
    detail: { playbook: code, version: pb.version, added: inserted.length },
  });
  if (inserted.length > 0)
    await recordEvent(tx, ctx, {
      incidentId,
      kind: 'task',
      summary: `Áp dụng kịch bản ${body.title.vi}: thêm ${inserted.length} nhiệm vụ / Applied playbook ${body.title.en}: ${inserted.length} tasks added`,
      detail: {
        action: 'playbook',
        playbook: code,
        version: pb.version,
        added: inserted.length,
        titleVi: body.title.vi,
        titleEn: body.title.en,
      },
    });
  return { added: inserted.length, items: await listTasks(tx, incidentId, now) };
}
