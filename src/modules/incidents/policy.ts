import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { hasRole } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Tlp } from '../../shared/vocabulary.ts';
import { incidentMembers, incidentOrganisations, incidents } from './tables.ts';

/**
 * Who sees and works an incident (docs/ARCHITECTURE.md, "Incidents: visibility"). Role rights first:
 * the IR team (admin, coordinator, responder) and viewers read the whole constituency; member-leads,
 * members and partners read the incidents their organisation is involved in (owner, affected,
 * reporting or addressed). TLP then narrows it: RED — only the users named on the incident;
 * AMBER+STRICT — the IR team and the owning organisation; AMBER — those plus the involved
 * organisations; GREEN and CLEAR — everyone the role allows. A user named on an incident always sees it.
 */
export type IncidentAccess = {
  tlp: Tlp;
  organisationId: string;
  /** every organisation involved (affected, reporting, addressed), the owner included or not */
  involvedOrgIds: readonly string[];
  /** users named on it (lead, team, named) */
  memberUserIds: readonly string[];
};

export function isIrTeam(p: Principal): boolean {
  return hasRole(p, 'admin', 'coordinator', 'responder');
}

function isNamed(p: Principal, a: IncidentAccess): boolean {
  return a.memberUserIds.includes(p.userId);
}

function ownsIt(p: Principal, a: IncidentAccess): boolean {
  return hasRole(p, 'member', 'member-lead', 'partner') && a.organisationId === p.organisationId;
}

function involved(p: Principal, a: IncidentAccess): boolean {
  return (
    hasRole(p, 'member', 'member-lead', 'partner') &&
    (a.organisationId === p.organisationId || a.involvedOrgIds.includes(p.organisationId))
  );
}

export function canSeeIncident(p: Principal, a: IncidentAccess): boolean {
  if (isNamed(p, a)) return true;
  switch (a.tlp) {
    case 'red':
      return false;
    case 'amber+strict':
      return isIrTeam(p) || ownsIt(p, a);
    case 'amber':
      return isIrTeam(p) || involved(p, a);
    default:
      return isIrTeam(p) || hasRole(p, 'viewer') || involved(p, a);
  }
}

/** Case work (fields, status, tasks, observables, evidence, merge): the IR team, and users named as lead or team. */
export function canWorkIncident(p: Principal, a: IncidentAccess & { workerUserIds?: readonly string[] }): boolean {
  if (!canSeeIncident(p, a)) return false;
  if (p.via === 'token' && !p.tokenScopes?.includes('write')) return false;
  return isIrTeam(p) || (a.workerUserIds ?? []).includes(p.userId);
}

/** Outside a user's sight → 404; seen but not workable → 403. */
export function authorizeSeeIncident(p: Principal, a: IncidentAccess): void {
  if (!canSeeIncident(p, a)) throw notFound();
}

export function authorizeWorkIncident(p: Principal, a: IncidentAccess & { workerUserIds?: readonly string[] }): void {
  authorizeSeeIncident(p, a);
  if (!canWorkIncident(p, a)) throw forbidden();
}

/** Route-level: creating incidents directly and triage are IR-team work. */
export function authorizeIrTeam(p: Principal): void {
  if (!isIrTeam(p)) throw forbidden();
}

/**
 * The same rule as `canSeeIncident`, as a condition on `incidents` for list queries and counts.
 * Written with EXISTS so the planner can drive it from an index on (organisation_id) or the members table.
 * `tlp` judges the incident as if it had another TLP (an observable's: see `observableVisibleSql`).
 */
export function incidentVisibleSql(
  p: Principal,
  tlp: AnyColumn | SQL = incidents.tlp,
  opts: { narrow?: boolean } = {},
): SQL {
  // OFFSET 0 keeps each EXISTS a per-row index probe: without it the planner turns it into a semi-join
  // that first reads every membership of the user (180,000 rows for a busy responder at 1M incidents).
  const named = sql`EXISTS (SELECT 1 FROM ${incidentMembers} m WHERE m.incident_id = ${incidents.id} AND m.user_id = ${p.userId} OFFSET 0)`;
  if (isIrTeam(p)) return sql`(${tlp} <> 'red' OR ${named})`;
  const viewer = hasRole(p, 'viewer');
  const rule = sql`(${named} OR ${incidentRoleRuleSql(p, tlp)})`;
  if (viewer || !opts.narrow) return rule;
  // Everything a member or partner may see is on this list (its organisation's incidents, those
  // involving it, those naming the user). When the list is short (narrowScope), stating it lets the
  // planner start from it instead of walking a million incidents: a text search by a small
  // organisation goes from seconds to milliseconds. For a big organisation, walking the newest
  // incidents and checking each is faster, so the list is left out.
  const candidates = sql`${incidents.id} IN (
    SELECT o.incident_id FROM ${incidentOrganisations} o WHERE o.organisation_id = ${p.organisationId}
    UNION ALL SELECT i2.id FROM ${incidents} i2 WHERE i2.organisation_id = ${p.organisationId}
    UNION ALL SELECT m.incident_id FROM ${incidentMembers} m WHERE m.user_id = ${p.userId})`;
  return sql`(${candidates} AND ${rule})`;
}

/**
 * The part of the visibility rule that comes from roles and organisations, without "named on it"
 * (the dashboard adds named incidents separately). Never NULL.
 */
export function incidentRoleRuleSql(p: Principal, tlp: AnyColumn | SQL = incidents.tlp): SQL {
  const involvedOrg = sql`(${incidents.organisationId} = ${p.organisationId} OR EXISTS (SELECT 1 FROM ${incidentOrganisations} o WHERE o.incident_id = ${incidents.id} AND o.organisation_id = ${p.organisationId} OFFSET 0))`;
  if (isIrTeam(p)) return sql`(${tlp} <> 'red')`;
  const parts: SQL[] = [];
  if (hasRole(p, 'member', 'member-lead', 'partner')) {
    parts.push(sql`(${tlp} = 'amber+strict' AND ${incidents.organisationId} = ${p.organisationId})`);
    parts.push(sql`(${tlp} IN ('amber','green','clear') AND ${involvedOrg})`);
  }
  if (hasRole(p, 'viewer')) parts.push(sql`${tlp} IN ('green','clear')`);
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** An observable row the principal may see on a visible incident (`visibleObservableTlps` in SQL). */
export function observableVisibleSql(p: Principal, observableTlp: AnyColumn): SQL {
  return sql`(${incidentVisibleSql(p)} AND ${incidentVisibleSql(p, observableTlp)})`;
}

const NARROW_LIMIT = 10_000;

/**
 * Whether a member's or partner's visible incidents are few enough to drive queries from (see
 * incidentVisibleSql): at most NARROW_LIMIT involving the organisation. Reads at most that many
 * index entries.
 */
export async function narrowScope(db: Queryable, p: Principal): Promise<boolean> {
  if (isIrTeam(p) || hasRole(p, 'viewer')) return false;
  const r = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${incidentOrganisations} o
          WHERE o.organisation_id = ${p.organisationId} LIMIT ${NARROW_LIMIT + 1}) x`,
  );
  return Number(r.rows[0]?.n ?? 0) <= NARROW_LIMIT;
}
