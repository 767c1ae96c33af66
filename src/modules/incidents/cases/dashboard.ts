import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Principal } from '../../../platform/actor.ts';
import { organisations } from '../../constituency/tables.ts';
import { namedExtraSql, rollupScope } from '../dashboard/scope.ts';
import {
  incidentDailyCounts,
  incidentDailyOwners,
  incidentDailyTotals,
  incidentOpenCounts,
  incidentOpenTaskCounts,
  incidentOpenTaskTotals,
} from '../dashboard/tables.ts';
import { incidentVisibleSql } from '../policy.ts';
import { incidents, incidentTasks, incidentTypes } from '../tables.ts';

const DAY = 86_400_000;
const VN = 7 * 3_600_000;

type Windowed = {
  /** i: weeks since the first Monday */
  perWeek: { i: number; n: number }[];
  byType: { code: string; nameVi: string; nameEn: string; n: number }[];
  byOrganisation: { id: string; code: string; name: string; n: number }[];
  mtta: string | null;
  mttr: string | null;
  triaged: number;
  resolved: number;
};
const OPEN = sql`${incidents.status} IN ('new','triage','containment','eradication','recovery')`;
const TASK_OPEN = sql`tk.status IN ('open','in-progress')`;
const createdDay = sql`(${incidents.createdAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
const tta = sql`extract(epoch FROM ${incidents.triagedAt} - ${incidents.reportedAt})`;
const ttr = sql`extract(epoch FROM ${incidents.resolvedAt} - ${incidents.reportedAt})`;

async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  return (await db.execute(q)).rows as T[];
}

/** The Vietnam calendar date of an instant (Vietnam keeps UTC+7 all year). */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** `UNION ALL` of the parts that apply (a principal may have no roll-up part at all). */
function union(parts: (SQL | null)[]): SQL {
  const present = parts.filter((x): x is SQL => x !== null);
  return sql.join(present, sql` UNION ALL `);
}

/**
 * The incidents dashboard, over exactly what the principal may see (policy.ts). Figures come from the
 * roll-ups the triggers keep (dashboard/tables.ts): the once-per-incident totals for the IR team and
 * viewers, the per-organisation rows for members and partners; plus, live, the incidents naming the
 * user that those leave out (dashboard/scope.ts), and the open tasks due today. Windows are Vietnam
 * calendar days: the 13 weeks from Monday, and "90 days" = today and the 89 days before. MTTA/MTTR
 * are means (sum ÷ count) over the incidents created in the 90 days.
 */
export async function incidentDashboard(db: Db, p: Principal, now: Date) {
  const { global, org } = rollupScope(p);
  const extra = namedExtraSql(p);
  const today = vnDate(now);
  const todayStart = new Date(`${today}T00:00:00+07:00`).toISOString();
  const weekList = weeks(now);
  const firstMonday = weekList[0] as string;
  const start90 = addDays(today, -89);
  // the earlier of the two window starts (ISO dates sort as text)
  const from = [firstMonday, start90].sort()[0] as string;
  const fromTime = new Date(`${from}T00:00:00+07:00`).toISOString();
  const open = union([
    global &&
      sql`SELECT r.severity, r.incidents AS n FROM ${incidentOpenCounts} r WHERE r.organisation_id = r.owner_id AND ${global}`,
    org && sql`SELECT r.severity, r.incidents AS n FROM ${incidentOpenCounts} r WHERE ${org}`,
    sql`SELECT ${incidents.severity} AS severity, 1 AS n FROM ${incidents} WHERE ${OPEN} AND ${extra}`,
  ]);
  const columns = sql`r.day, r.type_code, r.incidents AS n, r.triaged, r.tta_seconds AS tta, r.resolved, r.ttr_seconds AS ttr`;
  const byDay = union([
    global && sql`SELECT ${columns} FROM ${incidentDailyTotals} r WHERE r.day >= ${from}::date AND ${global}`,
    org && sql`SELECT ${columns} FROM ${incidentDailyCounts} r WHERE r.day >= ${from}::date AND ${org}`,
    sql`SELECT ${createdDay} AS day, ${incidents.typeCode} AS type_code, 1 AS n, (${tta} IS NOT NULL)::int AS triaged,
          coalesce(${tta}, 0) AS tta, (${ttr} IS NOT NULL)::int AS resolved, coalesce(${ttr}, 0) AS ttr
        FROM ${incidents} WHERE ${incidents.createdAt} >= ${fromTime}::timestamptz AND ${extra}`,
  ]);
  const byOwner = union([
    global &&
      sql`SELECT r.owner_id, r.incidents AS n FROM ${incidentDailyOwners} r WHERE r.day >= ${start90}::date AND ${global}`,
    org &&
      sql`SELECT r.owner_id, r.incidents AS n FROM ${incidentDailyCounts} r WHERE r.day >= ${start90}::date AND ${org}`,
    sql`SELECT ${incidents.organisationId} AS owner_id, 1 AS n FROM ${incidents}
        WHERE ${incidents.createdAt} >= ${fromTime}::timestamptz AND ${createdDay} >= ${start90}::date AND ${extra}`,
  ]);
  const pastDue = union([
    global && sql`SELECT r.tasks AS n FROM ${incidentOpenTaskTotals} r WHERE r.due_day < ${today}::date AND ${global}`,
    org && sql`SELECT r.tasks AS n FROM ${incidentOpenTaskCounts} r WHERE r.due_day < ${today}::date AND ${org}`,
    // from the named incidents to their tasks (LATERAL: not a scan of every open task)
    sql`SELECT c.n FROM ${incidents} CROSS JOIN LATERAL (
          SELECT count(*)::int AS n FROM ${incidentTasks} tk
          WHERE tk.incident_id = ${incidents.id} AND ${TASK_OPEN} AND tk.due_at < ${todayStart}::timestamptz) c
        WHERE ${OPEN} AND ${extra}`,
    // due today: the roll-up is by day, so today's are counted live (few)
    sql`SELECT 1 AS n FROM ${incidentTasks} tk JOIN ${incidents} ON ${incidents.id} = tk.incident_id
        WHERE ${TASK_OPEN} AND tk.due_at >= ${todayStart}::timestamptz AND tk.due_at < ${now.toISOString()}::timestamptz
          AND ${OPEN} AND ${incidentVisibleSql(p)}`,
  ]);
  const [bySeverity, windowed, overdue] = await Promise.all([
    rows<{ severity: string; n: number }>(db, sql`SELECT severity, sum(n)::int AS n FROM (${open}) u GROUP BY 1`),
    rows<Windowed>(
      db,
      sql`WITH d AS MATERIALIZED (
            SELECT day, type_code, sum(n)::int AS n, sum(triaged)::int AS triaged, sum(tta) AS tta,
                   sum(resolved)::int AS resolved, sum(ttr) AS ttr
            FROM (${byDay}) u GROUP BY 1, 2
          ), s AS MATERIALIZED (
            SELECT sum(triaged) AS triaged, sum(tta) AS tta, sum(resolved) AS resolved, sum(ttr) AS ttr
            FROM d WHERE day >= ${start90}::date
          )
          SELECT
            (SELECT coalesce(json_agg(x), '[]') FROM (
               SELECT (day - ${firstMonday}::date) / 7 AS i, sum(n)::int AS n
               FROM d WHERE day >= ${firstMonday}::date GROUP BY 1) x) AS "perWeek",
            (SELECT coalesce(json_agg(x ORDER BY x.n DESC, x.code), '[]') FROM (
               SELECT t.code, t.name_vi AS "nameVi", t.name_en AS "nameEn", c.n FROM (
                 SELECT type_code, sum(n)::int AS n FROM d WHERE day >= ${start90}::date GROUP BY 1 HAVING sum(n) > 0) c
               JOIN ${incidentTypes} t ON t.code = c.type_code) x) AS "byType",
            (SELECT coalesce(json_agg(x ORDER BY x.n DESC, x.code), '[]') FROM (
               SELECT o.id, o.code, o.name, c.n FROM (
                 SELECT owner_id, sum(n)::int AS n FROM (${byOwner}) u GROUP BY 1 HAVING sum(n) > 0) c
               JOIN ${organisations} o ON o.id = c.owner_id ORDER BY c.n DESC, o.code LIMIT 10) x) AS "byOrganisation",
            (SELECT round(tta / nullif(triaged, 0)) FROM s) AS mtta,
            (SELECT round(ttr / nullif(resolved, 0)) FROM s) AS mttr,
            (SELECT coalesce(triaged, 0)::int FROM s) AS triaged,
            (SELECT coalesce(resolved, 0)::int FROM s) AS resolved`,
    ),
    rows<{ n: number }>(db, sql`SELECT coalesce(sum(n), 0)::int AS n FROM (${pastDue}) u`),
  ]);
  const t = windowed[0];
  const perWeek = t?.perWeek ?? [];
  return {
    openBySeverity: Object.fromEntries(
      ['low', 'medium', 'high', 'critical'].map((s) => [s, bySeverity.find((r) => r.severity === s)?.n ?? 0]),
    ),
    newPerWeek: weekList.map((week, i) => ({ week, count: perWeek.find((r) => r.i === i)?.n ?? 0 })),
    byType: t?.byType ?? [],
    byOrganisation: t?.byOrganisation ?? [],
    mttaSeconds: t?.mtta === null || t?.mtta === undefined ? null : Number(t.mtta),
    mttrSeconds: t?.mttr === null || t?.mttr === undefined ? null : Number(t.mttr),
    triagedCount: t?.triaged ?? 0,
    resolvedCount: t?.resolved ?? 0,
    overdueTasks: overdue[0]?.n ?? 0,
  };
}

/** The Mondays (Vietnam time, YYYY-MM-DD) of the 12 weeks up to now, oldest first (13 with the current). */
export function weeks(now: Date): string[] {
  const vn = new Date(now.getTime() + VN);
  const monday = new Date(
    Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() - ((vn.getUTCDay() + 6) % 7)),
  );
  return Array.from({ length: 13 }, (_, i) =>
    new Date(monday.getTime() - (12 - i) * 7 * DAY).toISOString().slice(0, 10),
  );
}
