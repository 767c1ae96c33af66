import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import type { CoverageScope } from './policy.ts';

export const SLA_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type SeverityCounts = Record<(typeof SLA_SEVERITIES)[number], number> & { total: number };
export type OrganisationOverdue = SeverityCounts & { organisationId: string; name: string };

/**
 * A finding is overdue when it is still to be remediated (open or in remediation, or risk accepted
 * with the acceptance expired) and its SLA deadline has passed. Counted per owning organisation.
 */
function overdueSql(at: Date, where: SQL): SQL {
  const now = sql`${at.toISOString()}::timestamptz`;
  return sql`
    SELECT s.owner_org_id AS "organisationId", min(o.name) AS name,
           count(*) FILTER (WHERE f.severity = 'critical')::int AS critical,
           count(*) FILTER (WHERE f.severity = 'high')::int AS high,
           count(*) FILTER (WHERE f.severity = 'medium')::int AS medium,
           count(*) FILTER (WHERE f.severity = 'low')::int AS low,
           count(*)::int AS total
      FROM findings f
      JOIN information_systems s ON s.id = f.system_id
      JOIN organisations o ON o.id = s.owner_org_id
     WHERE f.sla_due_at < ${now}
       AND (f.status IN ('open', 'in-remediation') OR (f.status = 'risk-accepted' AND f.risk_expires_at <= ${now}))
       AND ${where}
     GROUP BY s.owner_org_id
     ORDER BY min(o.name), s.owner_org_id`;
}

export async function overdueByOrganisation(
  db: Queryable,
  scope: CoverageScope,
  at: Date,
  organisationId: string | undefined,
): Promise<{ at: string; total: SeverityCounts; organisations: OrganisationOverdue[] }> {
  const org = scope.all ? organisationId : scope.organisationId;
  const where =
    org === undefined ? sql`true` : sql`(s.owner_org_id = ${org}::uuid OR s.operator_org_id = ${org}::uuid)`;
  const organisations = (await db.execute(overdueSql(at, where))).rows as OrganisationOverdue[];
  const total: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, total: 0 };
  for (const o of organisations) {
    for (const k of Object.keys(total) as (keyof SeverityCounts)[]) total[k] += o[k];
  }
  return { at: at.toISOString(), total, organisations };
}
