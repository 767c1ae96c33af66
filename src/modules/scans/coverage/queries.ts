import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import type { CoverageRule, CoverageStatus } from './due-status.ts';
import type { CoverageScope } from './policy.ts';
import { coverageRule } from './settings.ts';

export type CoverageFact = {
  systemId: string;
  lastScanAt: Date | null;
  nextDueAt: Date | null;
  status: CoverageStatus;
};

type CoverageRow = CoverageFact & {
  code: string;
  name: string;
  sharedProvincial: boolean;
  ownerOrgId: string;
  ownerName: string;
  operatorOrgId: string;
};

/**
 * Next due (a UTC timestamp without zone) and status of a system scanned last at `last` (null:
 * never), judged at `at`: month arithmetic in UTC, exactly as due-status.ts (tested against it).
 */
export function coverageExpressions(last: SQL, at: SQL, months: SQL, dueSoonDays: SQL): { due: SQL; status: SQL } {
  const atUtc = sql`(${at} AT TIME ZONE 'UTC')`;
  const due = sql`((${last} AT TIME ZONE 'UTC') + make_interval(months => ${months}))`;
  const status = sql`CASE WHEN ${last} IS NULL THEN 'never-scanned'
                WHEN ${atUtc} >= ${due} THEN 'overdue'
                WHEN ${atUtc} >= ${due} - make_interval(days => ${dueSoonDays}) THEN 'due-soon'
                ELSE 'ok' END`;
  return { due, status };
}

/** Every active system with its last scan (newest `scan_systems` row, an index-only lookup per system). */
function coverageSql(rule: CoverageRule, at: Date): SQL {
  const e = coverageExpressions(
    sql`l.last`,
    sql`${at.toISOString()}::timestamptz`,
    sql`${rule.months}::int`,
    sql`${rule.dueSoonDays}::int`,
  );
  return sql`
    SELECT s.id AS "systemId", s.code, s.name, s.shared_provincial AS "sharedProvincial",
           s.owner_org_id AS "ownerOrgId", o.name AS "ownerName", s.operator_org_id AS "operatorOrgId",
           l.last AS "lastScanAt", ${e.due} AT TIME ZONE 'UTC' AS "nextDueAt", ${e.status} AS status
      FROM information_systems s
      JOIN organisations o ON o.id = s.owner_org_id
      LEFT JOIN LATERAL (SELECT max(ss.scanned_at) AS last FROM scan_systems ss WHERE ss.system_id = s.id) l ON true
     WHERE s.status = 'active'`;
}

function scopeSql(scope: CoverageScope, organisationId: string | undefined): SQL {
  const org = scope.all ? organisationId : scope.organisationId;
  if (org === undefined) return sql`true`;
  return sql`(c."ownerOrgId" = ${org}::uuid OR c."operatorOrgId" = ${org}::uuid)`;
}

async function rows<T>(db: Queryable, q: SQL): Promise<T[]> {
  return (await db.execute(q)).rows as T[];
}

/** Drizzle's driver hands raw SQL timestamps over as text. */
function toDate(v: Date | string | null): Date | null {
  return v === null ? null : new Date(v);
}

async function coverageRows(db: Queryable, q: SQL): Promise<CoverageRow[]> {
  const found = await rows<CoverageRow>(db, q);
  return found.map((r) => ({ ...r, lastScanAt: toDate(r.lastScanAt), nextDueAt: toDate(r.nextDueAt) }));
}

/** The obligations feed (#12): coverage of every active system at `at` (rule: the configured one). */
export async function coverageFacts(db: Queryable, at: Date, rule?: CoverageRule): Promise<CoverageFact[]> {
  const r = rule ?? (await coverageRule(db));
  const all = await coverageRows(db, sql`SELECT * FROM (${coverageSql(r, at)}) c ORDER BY c.code`);
  return all.map((r) => ({ systemId: r.systemId, lastScanAt: r.lastScanAt, nextDueAt: r.nextDueAt, status: r.status }));
}

export type CoverageListFilter = {
  organisationId?: string;
  status?: CoverageStatus;
  cursor?: string;
  limit: number;
};

export async function listCoverage(
  db: Queryable,
  scope: CoverageScope,
  rule: CoverageRule,
  at: Date,
  f: CoverageListFilter,
) {
  const after = decodeCursor(f.cursor)?.[0];
  const found = await coverageRows(
    db,
    sql`SELECT * FROM (${coverageSql(rule, at)}) c
         WHERE ${scopeSql(scope, f.organisationId)}
           AND ${f.status ? sql`c.status = ${f.status}` : sql`true`}
           AND ${typeof after === 'string' ? sql`c.code > ${after}` : sql`true`}
         ORDER BY c.code LIMIT ${f.limit + 1}`,
  );
  const page = paginate(found, f.limit, (r) => [r.code]);
  return {
    at: at.toISOString(),
    months: rule.months,
    dueSoonDays: rule.dueSoonDays,
    items: page.items.map((r) => ({
      systemId: r.systemId,
      code: r.code,
      name: r.name,
      sharedProvincial: r.sharedProvincial,
      owner: { id: r.ownerOrgId, name: r.ownerName },
      operatorOrgId: r.operatorOrgId,
      lastScanAt: r.lastScanAt?.toISOString() ?? null,
      nextDueAt: r.nextDueAt?.toISOString() ?? null,
      status: r.status,
    })),
    nextCursor: page.nextCursor,
  };
}

export type StatusCounts = Record<CoverageStatus, number> & { total: number };

const countColumns = sql`
  count(*) FILTER (WHERE c.status = 'ok')::int AS "ok",
  count(*) FILTER (WHERE c.status = 'due-soon')::int AS "due-soon",
  count(*) FILTER (WHERE c.status = 'overdue')::int AS "overdue",
  count(*) FILTER (WHERE c.status = 'never-scanned')::int AS "never-scanned",
  count(*)::int AS total`;

/** Counts per status in the principal's scope, and per owning organisation. */
export async function coverageSummary(
  db: Queryable,
  scope: CoverageScope,
  rule: CoverageRule,
  at: Date,
  organisationId: string | undefined,
) {
  const perOrg = await rows<StatusCounts & { organisationId: string; name: string }>(
    db,
    sql`SELECT c."ownerOrgId" AS "organisationId", min(c."ownerName") AS name, ${countColumns}
          FROM (${coverageSql(rule, at)}) c WHERE ${scopeSql(scope, organisationId)}
         GROUP BY c."ownerOrgId" ORDER BY min(c."ownerName"), c."ownerOrgId"`,
  );
  const total: StatusCounts = { ok: 0, 'due-soon': 0, overdue: 0, 'never-scanned': 0, total: 0 };
  for (const o of perOrg) {
    for (const k of Object.keys(total) as (keyof StatusCounts)[]) total[k] += o[k];
  }
  return { at: at.toISOString(), months: rule.months, dueSoonDays: rule.dueSoonDays, total, organisations: perOrg };
}

/** Systems due soon, overdue or never scanned, by owning organisation (the digest). */
export async function systemsNeedingScan(db: Queryable, rule: CoverageRule, at: Date) {
  return rows<{ ownerOrgId: string; ownerName: string; code: string; name: string; status: CoverageStatus }>(
    db,
    sql`SELECT c."ownerOrgId", c."ownerName", c.code, c.name, c.status FROM (${coverageSql(rule, at)}) c
         WHERE c.status <> 'ok' ORDER BY c."ownerOrgId", c.code`,
  );
}
