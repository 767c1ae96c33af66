import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Principal } from '../../../platform/actor.ts';
import { organisations } from '../../constituency/tables.ts';
import { incidentVisibleSql, narrowScope } from '../policy.ts';
import { incidents, incidentTasks, incidentTypes } from '../tables.ts';

const DAY = 86_400_000;

type Windowed = {
  /** i: weeks since the first Monday (arithmetic, not a time-zone conversion per row) */
  perWeek: { i: number; n: number }[];
  byType: { code: string; nameVi: string; nameEn: string; n: number }[];
  byOrganisation: { id: string; code: string; name: string; n: number }[];
  mtta: number | null;
  mttr: number | null;
  triaged: number;
  resolved: number;
};
const OPEN = sql`${incidents.status} IN ('new','triage','containment','eradication','recovery')`;

async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  return (await db.execute(q)).rows as T[];
}

/**
 * The incidents dashboard, over what the principal may see (incidentVisibleSql: RED only where
 * named). Three queries, each bounded by an index: open incidents (partial index), ONE pass over the
 * 90-day created window for weeks/types/organisations/MTTA/MTTR, and the open tasks past due.
 * Weeks start on Monday in Vietnam time.
 */
export async function incidentDashboard(db: Db, p: Principal, now: Date) {
  const visible = incidentVisibleSql(p, undefined, { narrow: await narrowScope(db, p) });
  const since90 = new Date(now.getTime() - 90 * DAY);
  const weekList = weeks(now);
  const firstMonday = new Date(`${weekList[0]}T00:00:00+07:00`);
  const windowStart = firstMonday < since90 ? firstMonday : since90;
  const in90 = sql.raw(`created_at >= '${since90.toISOString()}'::timestamptz`);
  const [bySeverity, windowed, overdue] = await Promise.all([
    rows<{ severity: string; n: number }>(
      db,
      sql`SELECT ${incidents.severity} AS severity, count(*)::int AS n FROM ${incidents}
          WHERE ${OPEN} AND ${visible} GROUP BY 1`,
    ),
    // One pass over the 90-day window (the 13 weeks fall inside it); every figure is taken from it.
    rows<Windowed>(
      db,
      sql`WITH w AS MATERIALIZED (
            SELECT ${incidents.createdAt} AS created_at, ${incidents.typeCode} AS type_code,
                   ${incidents.organisationId} AS organisation_id,
                   extract(epoch FROM ${incidents.triagedAt} - ${incidents.reportedAt}) AS tta,
                   extract(epoch FROM ${incidents.resolvedAt} - ${incidents.reportedAt}) AS ttr
            FROM ${incidents}
            WHERE ${incidents.createdAt} >= ${windowStart.toISOString()}::timestamptz AND ${visible}
          )
          SELECT
            (SELECT coalesce(json_agg(x), '[]') FROM (
               SELECT floor((extract(epoch FROM created_at) - ${firstMonday.getTime() / 1000}) / 604800)::int AS i, count(*)::int AS n
               FROM w WHERE created_at >= ${firstMonday.toISOString()}::timestamptz GROUP BY 1) x) AS "perWeek",
            (SELECT coalesce(json_agg(x ORDER BY x.n DESC, x.code), '[]') FROM (
               SELECT t.code, t.name_vi AS "nameVi", t.name_en AS "nameEn", c.n FROM (
                 SELECT type_code, count(*)::int AS n FROM w WHERE ${in90} GROUP BY 1) c
               JOIN ${incidentTypes} t ON t.code = c.type_code) x) AS "byType",
            (SELECT coalesce(json_agg(x ORDER BY x.n DESC, x.code), '[]') FROM (
               SELECT o.id, o.code, o.name, c.n FROM (
                 SELECT organisation_id, count(*)::int AS n FROM w WHERE ${in90} GROUP BY 1 ORDER BY 2 DESC LIMIT 10) c
               JOIN ${organisations} o ON o.id = c.organisation_id) x) AS "byOrganisation",
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY tta) FROM w WHERE ${in90} AND tta IS NOT NULL) AS mtta,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ttr) FROM w WHERE ${in90} AND ttr IS NOT NULL) AS mttr,
            (SELECT count(*)::int FROM w WHERE ${in90} AND tta IS NOT NULL) AS triaged,
            (SELECT count(*)::int FROM w WHERE ${in90} AND ttr IS NOT NULL) AS resolved`,
    ),
    rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM ${incidentTasks} tk JOIN ${incidents} ON ${incidents.id} = tk.incident_id
          WHERE tk.status IN ('open','in-progress') AND tk.due_at < ${now.toISOString()}::timestamptz
            AND ${OPEN} AND ${visible}`,
    ),
  ]);
  const t = windowed[0];
  const perWeek = t?.perWeek ?? [];
  const byType = t?.byType ?? [];
  const byOrganisation = t?.byOrganisation ?? [];
  return {
    openBySeverity: Object.fromEntries(
      ['low', 'medium', 'high', 'critical'].map((s) => [s, bySeverity.find((r) => r.severity === s)?.n ?? 0]),
    ),
    newPerWeek: weekList.map((week, i) => ({ week, count: perWeek.find((r) => r.i === i)?.n ?? 0 })),
    byType,
    byOrganisation,
    mttaSeconds: t?.mtta === null || t?.mtta === undefined ? null : Math.round(Number(t.mtta)),
    mttrSeconds: t?.mttr === null || t?.mttr === undefined ? null : Math.round(Number(t.mttr)),
    triagedCount: t?.triaged ?? 0,
    resolvedCount: t?.resolved ?? 0,
    overdueTasks: overdue[0]?.n ?? 0,
  };
}

/** The Mondays (Vietnam time, YYYY-MM-DD) of the 12 weeks up to now, oldest first (13 with the current). */
export function weeks(now: Date): string[] {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  const monday = new Date(
    Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() - ((vn.getUTCDay() + 6) % 7)),
  );
  return Array.from({ length: 13 }, (_, i) =>
    new Date(monday.getTime() - (12 - i) * 7 * DAY).toISOString().slice(0, 10),
  );
}
