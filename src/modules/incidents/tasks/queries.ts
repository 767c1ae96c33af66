import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { files } from '../../files/tables.ts';
import { users } from '../../identity/tables.ts';
import { evidence, evidenceCustody, incidentTasks } from '../tables.ts';
import { presentCustody, presentEvidence, presentTask } from './presenter.ts';

/** An incident's tasks in order, with assignees and evidence counts. Callers check the incident's visibility. */
export async function listTasks(q: Queryable, incidentId: string, now: Date, onlyIds?: string[]) {
  const where = onlyIds
    ? and(eq(incidentTasks.incidentId, incidentId), inArray(incidentTasks.id, onlyIds))
    : eq(incidentTasks.incidentId, incidentId);
  const rows = await q
    .select({ task: incidentTasks, uid: users.id, username: users.username, displayName: users.displayName })
    .from(incidentTasks)
    .leftJoin(users, eq(users.id, incidentTasks.assigneeUserId))
    .where(where)
    .orderBy(asc(incidentTasks.position), asc(incidentTasks.createdAt));
  const counts = await q
    .select({ taskId: evidence.taskId, n: count() })
    .from(evidence)
    .where(and(eq(evidence.incidentId, incidentId), onlyIds ? inArray(evidence.taskId, onlyIds) : undefined))
    .groupBy(evidence.taskId);
  const countOf = new Map(counts.map((c) => [c.taskId, Number(c.n)]));
  return rows.map((r) =>
    presentTask(
      r.task,
      r.uid && r.username && r.displayName ? { id: r.uid, username: r.username, displayName: r.displayName } : null,
      countOf.get(r.task.id) ?? 0,
      now,
    ),
  );
}

export async function getTask(q: Queryable, incidentId: string, taskId: string, now: Date) {
  const [t] = await listTasks(q, incidentId, now, [taskId]);
  if (!t) throw new AppError(404, 'task_not_found');
  return t;
}

/** An incident's evidence with the stored file's facts (SHA-256, size, sniffed type, safe name). */
export async function listEvidence(q: Queryable, incidentId: string, onlyId?: string) {
  const where = onlyId
    ? and(eq(evidence.incidentId, incidentId), eq(evidence.id, onlyId))
    : eq(evidence.incidentId, incidentId);
  const rows = await q
    .select({
      e: evidence,
      file: { id: files.id, name: files.name, size: files.size, mediaType: files.mediaType, sha256: files.sha256 },
      receivedBy: users.username,
    })
    .from(evidence)
    .innerJoin(files, eq(files.id, evidence.fileId))
    .leftJoin(users, eq(users.id, evidence.receivedBy))
    .where(where)
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
  return rows.map((r) => presentEvidence(r.e, r.file, r.receivedBy));
}

export async function getEvidence(q: Queryable, incidentId: string, evidenceId: string) {
  const [e] = await listEvidence(q, incidentId, evidenceId);
  if (!e) throw new AppError(404, 'evidence_not_found');
  return e;
}

export async function listCustody(q: Queryable, evidenceId: string) {
  const rows = await q
    .select()
    .from(evidenceCustody)
    .where(eq(evidenceCustody.evidenceId, evidenceId))
    .orderBy(asc(evidenceCustody.id));
  return rows.map(presentCustody);
}
