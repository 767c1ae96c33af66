import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../../db/database.ts';
import type { Principal } from '../../../../platform/actor.ts';
import { decodeCursor, paginate } from '../../../../platform/pagination.ts';
import type { Platform } from '../../../../platform/platform.ts';
import type { ObservableType } from '../../../../shared/vocabulary.ts';
import { cursorTime, cursorUuid } from '../../cursor-parts.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeSeeIncident } from '../../policy.ts';
import { incidentObservables } from '../../tables.ts';
import { visibleObservableTlps } from '../access.ts';
import type { ObservableOut } from '../schemas.ts';
import { ownersOf } from './owners.ts';

type ListQuery = { cursor?: string; limit: number; type?: ObservableType; ioc?: 'true' | 'false' };

/** Keyset cursor: the position (created_at, id) of the last row, as ISO time and uuid. */
function afterCursor(cursor: string | undefined): SQL | undefined {
  const [at, rawId] = decodeCursor(cursor) ?? [];
  const t = cursorTime(at);
  const id = cursorUuid(rawId);
  if (!t || !id) return undefined;
  return or(
    gt(incidentObservables.createdAt, t),
    and(eq(incidentObservables.createdAt, t), gt(incidentObservables.id, id)),
  );
}

/** An incident's observables the principal may see, oldest first, each with its owners. */
export async function listObservables(platform: Platform, p: Principal, incidentId: string, q: ListQuery) {
  const { db } = platform;
  const { access } = await loadIncident(db, incidentId);
  authorizeSeeIncident(p, access);
  const rows = await db
    .select()
    .from(incidentObservables)
    .where(
      and(
        eq(incidentObservables.incidentId, incidentId),
        inArray(incidentObservables.tlp, visibleObservableTlps(p, access)),
        q.type ? eq(incidentObservables.type, q.type) : undefined,
        q.ioc ? eq(incidentObservables.isIoc, q.ioc === 'true') : undefined,
        afterCursor(q.cursor),
      ),
    )
    .orderBy(asc(incidentObservables.createdAt), asc(incidentObservables.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  const owners = await ownersOf(platform, p, page.items);
  return { items: page.items.map((r, i) => presentObservable(r, owners[i] ?? [])), nextCursor: page.nextCursor };
}

export function presentObservable(
  r: typeof incidentObservables.$inferSelect,
  owners: ObservableOut['owners'],
): ObservableOut {
  return {
    id: r.id,
    type: r.type,
    value: r.value,
    isIoc: r.isIoc,
    tlp: r.tlp,
    note: r.note,
    reportId: r.reportId,
    indicatorId: r.indicatorId,
    firstSeenAt: r.firstSeenAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    owners,
  };
}

/** One visible observable of the incident, or 404. */
export async function findVisibleObservable(q: Queryable, incidentId: string, oid: string, tlps: readonly string[]) {
  const [row] = await q
    .select()
    .from(incidentObservables)
    .where(and(eq(incidentObservables.id, oid), eq(incidentObservables.incidentId, incidentId)));
  if (!row || !tlps.includes(row.tlp)) return undefined;
  return row;
}
