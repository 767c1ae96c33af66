import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { evaluateSeriousIncident } from '../../../engines/serious-incident/index.ts';
import type { Principal } from '../../../platform/actor.ts';
import { informationSystems } from '../../constituency/systems/tables.ts';
import { organisations } from '../../constituency/tables.ts';
import { users } from '../../identity/tables.ts';
import { visibleObservableTlps } from '../casework/access.ts';
import { loadIncident } from '../load-incident.ts';
import { authorizeSeeIncident, canWorkIncident, isIrTeam } from '../policy.ts';
import {
  incidentMembers,
  incidentObservables,
  incidentOrganisations,
  incidentSystems,
  incidentTasks,
  incidentTypes,
  reports,
} from '../tables.ts';
import { allowedTransitions } from './lifecycle.ts';

/** The serious-incident verdict with the engine's reasons (recomputed from the stored answers). */
export function seriousVerdict(answers: Record<string, unknown> | null) {
  if (!answers) return { serious: 'undetermined' as const, reasons: [], missing: [] };
  const r = evaluateSeriousIncident(answers);
  if (!r.ok) return { serious: 'undetermined' as const, reasons: [], missing: [] };
  return r.result;
}

/**
 * One incident as its detail page shows it; 404 outside the principal's sight. `now` is the platform
 * clock (the test clock included), the same time the task list's overdue flags use.
 */
export async function getIncident(db: Db, p: Principal, id: string, now: Date) {
  const { row, access } = await loadIncident(db, id);
  authorizeSeeIncident(p, access);
  const [type, orgs, systems, members, taskCounts, observableCount, reportRows, owner] = await Promise.all([
    db.select().from(incidentTypes).where(eq(incidentTypes.code, row.typeCode)),
    db
      .select({
        organisationId: incidentOrganisations.organisationId,
        relation: incidentOrganisations.relation,
        code: organisations.code,
        name: organisations.name,
      })
      .from(incidentOrganisations)
      .innerJoin(organisations, eq(organisations.id, incidentOrganisations.organisationId))
      .where(eq(incidentOrganisations.incidentId, id))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: informationSystems.id, code: informationSystems.code, name: informationSystems.name })
      .from(incidentSystems)
      .innerJoin(informationSystems, eq(informationSystems.id, incidentSystems.systemId))
      .where(eq(incidentSystems.incidentId, id))
      .orderBy(asc(informationSystems.code)),
    db
      .select({ userId: incidentMembers.userId, role: incidentMembers.role, displayName: users.displayName })
      .from(incidentMembers)
      .innerJoin(users, eq(users.id, incidentMembers.userId))
      .where(eq(incidentMembers.incidentId, id))
      .orderBy(asc(users.displayName)),
    db
      .select({
        open: sql<number>`count(*) FILTER (WHERE ${incidentTasks.status} IN ('open','in-progress'))::int`,
        overdue: sql<number>`count(*) FILTER (WHERE ${incidentTasks.status} IN ('open','in-progress') AND ${incidentTasks.dueAt} < ${now.toISOString()}::timestamptz)::int`,
        total: sql<number>`count(*)::int`,
      })
      .from(incidentTasks)
      .where(eq(incidentTasks.incidentId, id)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(incidentObservables)
      .where(
        and(eq(incidentObservables.incidentId, id), inArray(incidentObservables.tlp, visibleObservableTlps(p, access))),
      ),
    db
      .select({ id: reports.id, trackingNo: reports.trackingNo, title: reports.title, receivedAt: reports.receivedAt })
      .from(reports)
      // Reports keep their own rule (canSeeReport): the IR team all, others their organisation's.
      .where(and(eq(reports.incidentId, id), isIrTeam(p) ? undefined : eq(reports.reporterOrgId, p.organisationId)))
      .orderBy(asc(reports.receivedAt)),
    db
      .select({ id: organisations.id, code: organisations.code, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, row.organisationId)),
  ]);
  const t = type[0];
  return {
    ...row,
    type: t ? { code: t.code, nameVi: t.nameVi, nameEn: t.nameEn, rsitClass: t.rsitClass, rsitType: t.rsitType } : null,
    organisation: owner[0] ?? null,
    organisations: orgs,
    systems,
    members,
    seriousVerdict: seriousVerdict(row.seriousAnswers),
    tasks: taskCounts[0] ?? { open: 0, overdue: 0, total: 0 },
    observableCount: observableCount[0]?.n ?? 0,
    reports: reportRows,
    canWork: canWorkIncident(p, access),
    transitions: canWorkIncident(p, access) ? allowedTransitions(row.status) : [],
  };
}
