import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../../db/database.ts';
import type { Principal } from '../../../../platform/actor.ts';
import { notFound } from '../../../../platform/errors.ts';
import { decodeCursor, paginate } from '../../../../platform/pagination.ts';
import type { IndicatorType } from '../../../../shared/vocabulary.ts';
import { cursorTime, cursorUuid } from '../../cursor-parts.ts';
import { observableVisibleSql } from '../../policy.ts';
import { incidentObservables, incidents, indicators } from '../../tables.ts';

function beforeCursor(cursor: string | undefined): SQL | undefined {
  const [at, rawId] = decodeCursor(cursor) ?? [];
  const t = cursorTime(at);
  const id = cursorUuid(rawId);
  if (!t || !id) return undefined;
  return or(lt(indicators.lastSeenAt, t), and(eq(indicators.lastSeenAt, t), lt(indicators.id, id)));
}

const present = (r: typeof indicators.$inferSelect) => ({
  id: r.id,
  type: r.type,
  value: r.value,
  firstSeenAt: r.firstSeenAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
});

/** A sighting the principal may see: the observable on its incident, judged at the observable's TLP. */
const visibleSighting = (p: Principal) => observableVisibleSql(p, incidentObservables.tlp);

/** The indicator was seen somewhere the principal may see (else its value would leak a RED case). */
const sightedSql = (p: Principal) =>
  sql`EXISTS (SELECT 1 FROM ${incidentObservables} JOIN ${incidents} ON ${incidents.id} = ${incidentObservables.incidentId}
      WHERE ${incidentObservables.indicatorId} = ${indicators.id} AND ${visibleSighting(p)})`;

/** The indicators the principal has seen in some incident, most recently seen first; `q` matches part of the value. */
export async function listIndicators(
  db: Queryable,
  p: Principal,
  q: { cursor?: string; limit: number; q?: string; type?: IndicatorType },
) {
  const text = q.q?.trim().toLowerCase();
  const pattern = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select()
    .from(indicators)
    .where(
      and(
        q.type ? eq(indicators.type, q.type) : undefined,
        pattern ? sql`lower(${indicators.value}) LIKE ${pattern}` : undefined,
        beforeCursor(q.cursor),
        sightedSql(p),
      ),
    )
    .orderBy(desc(indicators.lastSeenAt), desc(indicators.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.lastSeenAt.toISOString(), r.id]);
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

/**
 * One indicator with the incidents it was seen in that the principal sees (the IR team: all but
 * RED ones it is not named on; a RED observable on an incident likewise counts only for those named).
 */
export async function getIndicator(db: Queryable, p: Principal, id: string) {
  if (!cursorUuid(id)) throw notFound();
  const [row] = await db.select().from(indicators).where(eq(indicators.id, id));
  if (!row) throw notFound();
  const seen = await db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      status: incidents.status,
      tlp: incidents.tlp,
      seenAt: incidentObservables.firstSeenAt,
      isIoc: incidentObservables.isIoc,
    })
    .from(incidentObservables)
    .innerJoin(incidents, eq(incidents.id, incidentObservables.incidentId))
    .where(and(eq(incidentObservables.indicatorId, id), visibleSighting(p)))
    .orderBy(desc(incidentObservables.firstSeenAt))
    .limit(200);
  if (seen.length === 0) throw notFound();
  return { ...present(row), incidents: seen.map((s) => ({ ...s, seenAt: s.seenAt.toISOString() })) };
}
