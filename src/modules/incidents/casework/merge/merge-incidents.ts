import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import { TLP_LEVELS } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { canTransition } from '../../cases/lifecycle.ts';
import {
  evidence,
  incidentComments,
  incidentMembers,
  incidentObservables,
  incidentOrganisations,
  incidentSystems,
  incidents,
  incidentTasks,
  reports,
} from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { actorOf } from '../access.ts';
import { loadPairForWork, putLink } from '../links/links.ts';
import { resolveOther } from '../links/resolve-other.ts';

/**
 * Merges an incident into another: its reports, observables (de-duplicated by type and value; the
 * IOC flag carries over), tasks, evidence and comments move to the target; its members,
 * organisations and systems are copied there (and kept, so everyone who saw the source still sees
 * what it became). The source becomes a `duplicate` pointing at the target, the two are linked,
 * both timelines say so, and the audit entry lists what moved.
 */
export async function mergeIncidents(
  scope: CommandScope,
  sourceId: string,
  input: { intoId?: string; intoNumber?: string },
) {
  const { tx, ctx } = scope;
  const p = actorOf(ctx);
  const targetId = await resolveOther(tx, { id: input.intoId, number: input.intoNumber });
  if (targetId === sourceId) throw new AppError(400, 'merge_self');
  const [source, target] = await loadPairForWork(tx, p, sourceId, targetId);
  if (source.row.mergedIntoId) throw new AppError(409, 'merge_source_merged');
  // the source becomes a duplicate: only from a state the lifecycle allows (a closed incident stays closed)
  if (!canTransition(source.row.status, 'duplicate'))
    throw new AppError(409, 'incident_transition_invalid', { from: source.row.status, to: 'duplicate' });
  if (target.row.mergedIntoId) throw new AppError(409, 'merge_target_merged');
  // What moves (reports, tasks, evidence, comments) would reach everyone who sees the target.
  if (TLP_LEVELS.indexOf(target.row.tlp) < TLP_LEVELS.indexOf(source.row.tlp))
    throw new AppError(409, 'merge_tlp_looser', {
      source: source.row.tlp.toUpperCase(),
      target: target.row.tlp.toUpperCase(),
    });

  const moved: Record<string, number> = {};
  const movedReports = await tx
    .update(reports)
    .set({ incidentId: targetId })
    .where(eq(reports.incidentId, sourceId))
    .returning({ id: reports.id });
  moved.reports = movedReports.length;

  await tx.execute(sql`
    UPDATE ${incidentObservables} t SET is_ioc = true
    WHERE t.incident_id = ${targetId} AND NOT t.is_ioc AND EXISTS (
      SELECT 1 FROM ${incidentObservables} s
      WHERE s.incident_id = ${sourceId} AND s.type = t.type AND s.value = t.value AND s.is_ioc)`);
  const movedObs = await tx.execute<{ id: string }>(sql`
    UPDATE ${incidentObservables} s SET incident_id = ${targetId}
    WHERE s.incident_id = ${sourceId} AND NOT EXISTS (
      SELECT 1 FROM ${incidentObservables} t
      WHERE t.incident_id = ${targetId} AND t.type = s.type AND t.value = s.value)
    RETURNING s.id`);
  const dupObs = await tx
    .delete(incidentObservables)
    .where(eq(incidentObservables.incidentId, sourceId))
    .returning({ id: incidentObservables.id });
  moved.observables = movedObs.rows.length;
  moved.observablesAlreadyThere = dupObs.length;

  const tasks = await tx
    .update(incidentTasks)
    .set({ incidentId: targetId })
    .where(eq(incidentTasks.incidentId, sourceId))
    .returning({ id: incidentTasks.id });
  moved.tasks = tasks.length;
  const ev = await tx
    .update(evidence)
    .set({ incidentId: targetId })
    .where(eq(evidence.incidentId, sourceId))
    .returning({ id: evidence.id });
  moved.evidence = ev.length;
  const comments = await tx
    .update(incidentComments)
    .set({ incidentId: targetId })
    .where(eq(incidentComments.incidentId, sourceId))
    .returning({ id: incidentComments.id });
  moved.comments = comments.length;

  const members = await tx.execute(sql`
    INSERT INTO ${incidentMembers} (incident_id, user_id, role)
    SELECT ${targetId}, user_id, CASE WHEN role = 'lead' THEN 'team' ELSE role END
    FROM ${incidentMembers} WHERE incident_id = ${sourceId}
    ON CONFLICT DO NOTHING`);
  moved.members = members.rowCount ?? 0;
  const orgs = await tx.execute(sql`
    INSERT INTO ${incidentOrganisations} (incident_id, organisation_id, relation)
    SELECT ${targetId}, organisation_id, relation FROM ${incidentOrganisations} WHERE incident_id = ${sourceId}
    ON CONFLICT DO NOTHING`);
  moved.organisations = orgs.rowCount ?? 0;
  const systems = await tx.execute(sql`
    INSERT INTO ${incidentSystems} (incident_id, system_id)
    SELECT ${targetId}, system_id FROM ${incidentSystems} WHERE incident_id = ${sourceId}
    ON CONFLICT DO NOTHING`);
  moved.systems = systems.rowCount ?? 0;

  const now = ctx.clock.now();
  await tx
    .update(incidents)
    .set({ status: 'duplicate', mergedIntoId: targetId, updatedAt: now, version: sql`${incidents.version} + 1` })
    .where(and(eq(incidents.id, sourceId)));
  await tx
    .update(incidents)
    .set({ updatedAt: now, version: sql`${incidents.version} + 1` })
    .where(eq(incidents.id, targetId));
  await putLink(scope, source, target, 'merged');
  await recordEvent(tx, ctx, {
    incidentId: sourceId,
    kind: 'merge',
    summary: `→ ${target.row.number}`,
    detail: { into: targetId, number: target.row.number, moved },
  });
  await recordEvent(tx, ctx, {
    incidentId: targetId,
    kind: 'merge',
    summary: `← ${source.row.number}`,
    detail: { from: sourceId, number: source.row.number, moved },
  });
  scope.audit({
    action: 'incident.merge',
    subjectType: 'incident',
    subjectId: sourceId,
    organisationId: source.row.organisationId,
    before: { status: source.row.status, mergedIntoId: null },
    after: { status: 'duplicate', mergedIntoId: targetId },
    detail: {
      into: targetId,
      intoNumber: target.row.number,
      moved,
      reportIds: movedReports.map((r) => r.id),
      taskIds: tasks.map((t) => t.id),
      evidenceIds: ev.map((e) => e.id),
    },
  });
  return { sourceId, targetId, targetNumber: target.row.number, moved };
}
