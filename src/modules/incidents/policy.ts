import { type SQL, sql } from 'drizzle-orm';
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

/** Route-level: may this principal list incidents at all? (Everyone logged in: the query scopes it.) */
export function authorizeListIncidents(_p: Principal): void {}

/** Route-level: creating incidents directly and triage are IR-team work. */
export function authorizeIrTeam(p: Principal): void {
  if (!isIrTeam(p)) throw forbidden();
}

/**
 * The same rule as `canSeeIncident`, as a condition on `incidents` for list queries and counts.
 * Written with EXISTS so the planner can drive it from an index on (organisation_id) or the members table.
 */
export function incidentVisibleSql(p: Principal): SQL {
  const named = sql`EXISTS (SELECT 1 FROM ${incidentMembers} m WHERE m.incident_id = ${incidents.id} AND m.user_id = ${p.userId})`;
  const involvedOrg = sql`(${incidents.organisationId} = ${p.organisationId} OR EXISTS (SELECT 1 FROM ${incidentOrganisations} o WHERE o.incident_id = ${incidents.id} AND o.organisation_id = ${p.organisationId}))`;
  if (isIrTeam(p)) return sql`(${incidents.tlp} <> 'red' OR ${named})`;
  const partyRoles = hasRole(p, 'member', 'member-lead', 'partner');
  const viewer = hasRole(p, 'viewer');
  const parts: SQL[] = [named];
  if (partyRoles) {
    parts.push(sql`(${incidents.tlp} = 'amber+strict' AND ${incidents.organisationId} = ${p.organisationId})`);
    parts.push(sql`(${incidents.tlp} IN ('amber','green','clear') AND ${involvedOrg})`);
  }
  if (viewer) parts.push(sql`${incidents.tlp} IN ('green','clear')`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}
