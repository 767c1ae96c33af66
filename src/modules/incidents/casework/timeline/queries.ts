import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../../db/database.ts';
import type { Principal } from '../../../../platform/actor.ts';
import { decodeCursor, paginate } from '../../../../platform/pagination.ts';
import { cursorBigint, cursorTime } from '../../cursor-parts.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeSeeIncident } from '../../policy.ts';
import { incidentEvents } from '../../tables.ts';

function afterCursor(cursor: string | undefined): SQL | undefined {
  const [at, rawId] = decodeCursor(cursor) ?? [];
  const t = cursorTime(at);
  const id = cursorBigint(rawId);
  if (!t || id === undefined) return undefined;
  return or(gt(incidentEvents.occurredAt, t), and(eq(incidentEvents.occurredAt, t), gt(incidentEvents.id, id)));
}

/** An incident's timeline in the order things happened (occurred_at), with when each was recorded. */
export async function listTimeline(
  db: Queryable,
  p: Principal,
  incidentId: string,
  q: { cursor?: string; limit: number },
) {
  const { access } = await loadIncident(db, incidentId);
  authorizeSeeIncident(p, access);
  const rows = await db
    .select()
    .from(incidentEvents)
    .where(and(eq(incidentEvents.incidentId, incidentId), afterCursor(q.cursor)))
    .orderBy(asc(incidentEvents.occurredAt), asc(incidentEvents.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.occurredAt.toISOString(), r.id]);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      kind: r.kind,
      summary: r.summary,
      detail: r.detail,
      occurredAt: r.occurredAt.toISOString(),
      recordedAt: r.recordedAt.toISOString(),
      actor: r.actor,
      actorUserId: r.actorUserId,
    })),
    nextCursor: page.nextCursor,
  };
}
