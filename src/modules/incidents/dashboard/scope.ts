import { type SQL, sql } from 'drizzle-orm';
import { hasRole } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { incidentRoleRuleSql, isIrTeam } from '../policy.ts';
import { incidentMembers, incidents } from '../tables.ts';

/*
 * The visibility rule (policy.ts) split for the roll-ups: what a principal sees is
 *   (a) the roll-up rows its roles and organisation reach — `rollupScope`;
 *   (b) plus, counted live, the incidents naming the user that (a) does not already hold — `namedExtraSql`.
 * The two parts never overlap, so the dashboard adds them up.
 */

const PARTY_ROLES = ['member', 'member-lead', 'partner'] as const;

/**
 * Which roll-up rows (alias `r`) hold the incidents a principal sees without being named; `null` = none.
 * `global` filters the once-per-incident totals: the IR team takes all (RED is never in them), a viewer
 * GREEN/CLEAR. `org` filters the per-organisation rows: a member or partner of X takes X's rows at
 * AMBER/GREEN/CLEAR (X owns the incident or is linked to it) and AMBER+STRICT where X owns it — GREEN/CLEAR
 * left to `global` when the user is also a viewer, so no incident is counted twice.
 */
export type RollupScope = { global: SQL | null; org: SQL | null };

export function rollupScope(p: Principal): RollupScope {
  if (isIrTeam(p)) return { global: sql`true`, org: null };
  const viewer = hasRole(p, 'viewer');
  const global = viewer ? sql`r.tlp IN ('green','clear')` : null;
  if (!hasRole(p, ...PARTY_ROLES)) return { global, org: null };
  const tlps = viewer ? sql`('amber')` : sql`('amber','green','clear')`;
  return {
    global,
    org: sql`(r.organisation_id = ${p.organisationId} AND (r.tlp IN ${tlps} OR (r.tlp = 'amber+strict' AND r.owner_id = ${p.organisationId})))`,
  };
}

/** Incidents (the `incidents` table, unaliased) naming the user that `rollupScope` leaves out. */
export function namedExtraSql(p: Principal): SQL {
  // The IR team's only such incidents are RED ones: few, found from the partial index on RED.
  if (isIrTeam(p)) {
    return sql`(${incidents.tlp} = 'red' AND EXISTS (SELECT 1 FROM ${incidentMembers} m WHERE m.incident_id = ${incidents.id} AND m.user_id = ${p.userId}))`;
  }
  return sql`(${incidents.id} IN (SELECT m.incident_id FROM ${incidentMembers} m WHERE m.user_id = ${p.userId}) AND NOT ${incidentRoleRuleSql(p)})`;
}
