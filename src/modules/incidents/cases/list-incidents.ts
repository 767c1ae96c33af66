import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Principal } from '../../../platform/actor.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { organisations } from '../../constituency/tables.ts';
import { users } from '../../identity/tables.ts';
import { cursorTime, cursorUuid } from '../cursor-parts.ts';
import { narrowScope } from '../policy.ts';
import { incidents, incidentTypes } from '../tables.ts';
import { incidentConditions } from './filters.ts';
import type { IncidentFilter, IncidentListQuery } from './schemas.ts';

export function selectIncidentRows(db: Db) {
  return db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      typeCode: incidents.typeCode,
      typeNameVi: incidentTypes.nameVi,
      typeNameEn: incidentTypes.nameEn,
      severity: incidents.severity,
      status: incidents.status,
      tlp: incidents.tlp,
      pap: incidents.pap,
      serious: incidents.serious,
      organisationId: incidents.organisationId,
      organisationCode: organisations.code,
      organisationName: organisations.name,
      leadUserId: incidents.leadUserId,
      leadName: users.displayName,
      reportedAt: incidents.reportedAt,
      createdAt: incidents.createdAt,
      updatedAt: incidents.updatedAt,
    })
    .from(incidents)
    .innerJoin(incidentTypes, eq(incidentTypes.code, incidents.typeCode))
    .innerJoin(organisations, eq(organisations.id, incidents.organisationId))
    .leftJoin(users, eq(users.id, incidents.leadUserId));
}

export type IncidentListRow = Awaited<ReturnType<ReturnType<typeof selectIncidentRows>['execute']>>[number];

/** Keyset condition "older than the cursor row" on (created_at, id), newest first. */
export function olderThan(cursor: string | undefined) {
  const [rawAt, rawId] = decodeCursor(cursor) ?? [];
  const at = cursorTime(rawAt);
  const id = cursorUuid(rawId);
  if (!at || !id) return undefined;
  return sql`(${incidents.createdAt}, ${incidents.id}) < (${at.toISOString()}::timestamptz, ${id}::uuid)`;
}

export function listOrder() {
  return [desc(incidents.createdAt), desc(incidents.id)] as const;
}

/** The incidents the principal may see, filtered, newest first (keyset; no total count at 1M rows). */
export async function listIncidents(db: Db, p: Principal, q: IncidentListQuery) {
  const filter: IncidentFilter = q;
  const keyset = olderThan(q.cursor);
  const narrow = await narrowScope(db, p);
  const where = keyset
    ? sql`${incidentConditions(p, filter, narrow)} AND ${keyset}`
    : incidentConditions(p, filter, narrow);
  const rows = await selectIncidentRows(db)
    .where(where)
    .orderBy(...listOrder())
    .limit(q.limit + 1);
  return paginate(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
}
