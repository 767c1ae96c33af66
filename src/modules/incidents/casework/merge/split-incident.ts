import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { createIncident } from '../../commands/create-incident.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import {
  evidence,
  incidentMembers,
  incidentObservables,
  incidentOrganisations,
  incidentTasks,
  reports,
} from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { actorOf, visibleObservableTlps } from '../access.ts';
import { putLink } from '../links/links.ts';
import type { SplitInput } from '../schemas.ts';

/**
 * Splits part of an incident off into a new one (same organisation, type, severity, TLP and PAP, the
 * same involved organisations and named users, so the same people see it) and moves the chosen
 * observables, tasks (with their evidence) and reports there. Linked `split-from`, history on both.
 */
export async function splitIncident(scope: CommandScope, sourceId: string, input: SplitInput) {
  const { tx, ctx } = scope;
  const p = actorOf(ctx);
  const source = await loadIncident(tx, sourceId, { lock: true });
  authorizeWorkIncident(p, source.access);
  const observableIds = [...new Set(input.observableIds ?? [])];
  const taskIds = [...new Set(input.taskIds ?? [])];
  const reportIds = [...new Set(input.reportIds ?? [])];
  const tlps = visibleObservableTlps(p, source.access);
  if (observableIds.length > 0) {
    const found = await tx
      .select({ id: incidentObservables.id })
      .from(incidentObservables)
      .where(
        and(
          eq(incidentObservables.incidentId, sourceId),
          inArray(incidentObservables.id, observableIds),
          inArray(incidentObservables.tlp, tlps),
        ),
      );
    if (found.length !== observableIds.length) throw new AppError(400, 'split_item_unknown', { kind: 'observable' });
  }
  if (taskIds.length > 0) {
    const found = await tx
      .select({ id: incidentTasks.id })
      .from(incidentTasks)
      .where(and(eq(incidentTasks.incidentId, sourceId), inArray(incidentTasks.id, taskIds)));
    if (found.length !== taskIds.length) throw new AppError(400, 'split_item_unknown', { kind: 'task' });
  }
  if (reportIds.length > 0) {
    const found = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.incidentId, sourceId), inArray(reports.id, reportIds)));
    if (found.length !== reportIds.length) throw new AppError(400, 'split_item_unknown', { kind: 'report' });
  }

  const [orgs, members] = await Promise.all([
    tx.select().from(incidentOrganisations).where(eq(incidentOrganisations.incidentId, sourceId)),
    tx.select().from(incidentMembers).where(eq(incidentMembers.incidentId, sourceId)),
  ]);
  const s = source.row;
  const created = await createIncident(scope, {
    title: input.title,
    description: s.description,
    typeCode: s.typeCode,
    severity: s.severity,
    tlp: s.tlp,
    pap: s.pap,
    organisationId: s.organisationId,
    leadUserId: s.leadUserId,
    detectedAt: s.detectedAt,
    occurredAt: s.occurredAt,
    reportedAt: s.reportedAt,
    triagedAt: s.triagedAt,
    organisations: orgs.map((o) => ({ organisationId: o.organisationId, relation: o.relation })),
    members: members.map((m) => ({ userId: m.userId, role: m.role })),
  });
  const moved = { observables: 0, tasks: 0, evidence: 0, reports: 0 };
  if (observableIds.length > 0)
    moved.observables = (
      await tx
        .update(incidentObservables)
        .set({ incidentId: created.id })
        .where(and(eq(incidentObservables.incidentId, sourceId), inArray(incidentObservables.id, observableIds)))
        .returning({ id: incidentObservables.id })
    ).length;
  if (taskIds.length > 0) {
    moved.tasks = (
      await tx
        .update(incidentTasks)
        .set({ incidentId: created.id })
        .where(and(eq(incidentTasks.incidentId, sourceId), inArray(incidentTasks.id, taskIds)))
        .returning({ id: incidentTasks.id })
    ).length;
    moved.evidence = (
      await tx
        .update(evidence)
        .set({ incidentId: created.id })
        .where(and(eq(evidence.incidentId, sourceId), inArray(evidence.taskId, taskIds)))
        .returning({ id: evidence.id })
    ).length;
  }
  if (reportIds.length > 0)
    moved.reports = (
      await tx
        .update(reports)
        .set({ incidentId: created.id })
        .where(and(eq(reports.incidentId, sourceId), inArray(reports.id, reportIds)))
        .returning({ id: reports.id })
    ).length;

  const fresh = await loadIncident(tx, created.id);
  await putLink(scope, source, fresh, 'split-from');
  await recordEvent(tx, ctx, {
    incidentId: sourceId,
    kind: 'split',
    summary: `→ ${created.number}`,
    detail: { to: created.id, number: created.number, moved },
  });
  await recordEvent(tx, ctx, {
    incidentId: created.id,
    kind: 'split',
    summary: `← ${s.number}`,
    detail: { from: sourceId, number: s.number, moved },
  });
  scope.audit({
    action: 'incident.split',
    subjectType: 'incident',
    subjectId: sourceId,
    organisationId: s.organisationId,
    detail: { to: created.id, number: created.number, moved, observableIds, taskIds, reportIds },
  });
  return { id: created.id, number: created.number, moved };
}
