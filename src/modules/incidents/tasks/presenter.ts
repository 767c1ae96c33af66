import type { evidence, evidenceCustody, incidentTasks } from '../tables.ts';

type TaskRow = typeof incidentTasks.$inferSelect;
type Assignee = { id: string; username: string; displayName: string } | null;

const CLOSED = new Set(['done', 'cancelled']);

/** Overdue: the due time has passed and the task is neither done nor cancelled (the dashboard counts the same). */
export function isOverdue(t: Pick<TaskRow, 'dueAt' | 'status'>, now: Date): boolean {
  return t.dueAt !== null && t.dueAt.getTime() < now.getTime() && !CLOSED.has(t.status);
}

/** The task's own fields: what the audit trail records before/after. */
export function taskFields(t: TaskRow) {
  return {
    title: t.title,
    status: t.status,
    assigneeUserId: t.assigneeUserId,
    dueAt: t.dueAt?.toISOString() ?? null,
    checklist: t.checklist,
    requiresEvidence: t.requiresEvidence,
  };
}

export function presentTask(t: TaskRow, assignee: Assignee, evidenceCount: number, now: Date) {
  return {
    id: t.id,
    incidentId: t.incidentId,
    title: t.title,
    titleEn: t.titleEn,
    description: t.description,
    descriptionEn: t.descriptionEn,
    phase: t.phase,
    status: t.status,
    assignee,
    dueAt: t.dueAt?.toISOString() ?? null,
    overdue: isOverdue(t, now),
    checklist: t.checklist,
    requiresEvidence: t.requiresEvidence,
    evidenceCount,
    playbookCode: t.playbookCode,
    playbookTaskKey: t.playbookTaskKey,
    position: t.position,
    completedAt: t.completedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  };
}

type EvidenceRow = typeof evidence.$inferSelect;
type FileFacts = { id: string; name: string; size: number; mediaType: string; sha256: string };

export function presentEvidence(e: EvidenceRow, file: FileFacts, receivedBy: string | null) {
  return {
    id: e.id,
    incidentId: e.incidentId,
    taskId: e.taskId,
    description: e.description,
    collectedBy: e.collectedBy,
    collectedAt: e.collectedAt.toISOString(),
    receivedBy,
    receivedAt: e.receivedAt.toISOString(),
    file,
  };
}

export function presentCustody(c: typeof evidenceCustody.$inferSelect) {
  return { id: c.id, action: c.action, actor: c.actor, note: c.note, at: c.at.toISOString() };
}
