import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../../db/database.ts';
import type { Principal } from '../../../../platform/actor.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { type LoadedIncident, loadIncident } from '../../load-incident.ts';
import { authorizeSeeIncident, authorizeWorkIncident, incidentVisibleSql } from '../../policy.ts';
import { incidentLinks, incidents } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { actorOf } from '../access.ts';
import { linkKey, resolveOther } from './resolve-other.ts';

/** The incidents linked to this one that the principal may see. */
export async function listLinks(db: Queryable, p: Principal, incidentId: string) {
  const { row, access } = await loadIncident(db, incidentId);
  authorizeSeeIncident(p, access);
  const otherSide = sql`CASE WHEN ${incidentLinks.incidentId} = ${incidentId} THEN ${incidentLinks.otherId} ELSE ${incidentLinks.incidentId} END`;
  const rows = await db
    .select({
      incidentId: incidents.id,
      number: incidents.number,
      title: incidents.title,
      status: incidents.status,
      tlp: incidents.tlp,
      kind: incidentLinks.kind,
      createdAt: incidentLinks.createdAt,
    })
    .from(incidentLinks)
    .innerJoin(incidents, eq(incidents.id, otherSide))
    .where(
      and(or(eq(incidentLinks.incidentId, incidentId), eq(incidentLinks.otherId, incidentId)), incidentVisibleSql(p)),
    )
    .orderBy(desc(incidentLinks.createdAt))
    .limit(500);
  const items = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  const target = row.mergedIntoId ? items.find((i) => i.incidentId === row.mergedIntoId) : undefined;
  return { items, mergedInto: target ? { id: target.incidentId, number: target.number } : null };
}

/** Both incidents, locked in id order (so two commands on the same pair never deadlock), each authorised for work. */
export async function loadPairForWork(
  tx: Tx,
  p: Principal,
  id: string,
  otherId: string,
): Promise<[LoadedIncident, LoadedIncident]> {
  const [first, second] = id < otherId ? [id, otherId] : [otherId, id];
  const a = await loadIncident(tx, first, { lock: true });
  const b = await loadIncident(tx, second, { lock: true });
  const [self, other] = id < otherId ? [a, b] : [b, a];
  authorizeWorkIncident(p, self.access);
  authorizeWorkIncident(p, other.access);
  return [self, other];
}

/** Links written by merge and split: the history of the pair, not re-labelled or removed by hand. */
const SYSTEM_KINDS = ['merged', 'split-from'];

async function refuseHistory(tx: Tx, a: string, b: string) {
  const key = linkKey(a, b);
  const pair = and(eq(incidentLinks.incidentId, key.incidentId), eq(incidentLinks.otherId, key.otherId));
  const [existing] = await tx.select({ kind: incidentLinks.kind }).from(incidentLinks).where(pair);
  if (existing && SYSTEM_KINDS.includes(existing.kind))
    throw new AppError(409, 'link_history', { kind: existing.kind });
  return { pair, existing };
}

/** Writes (or re-labels) the link between two incidents, with the history on both. Callers authorise. */
export async function putLink(scope: CommandScope, a: LoadedIncident, b: LoadedIncident, kind: string): Promise<void> {
  const p = actorOf(scope.ctx);
  await scope.tx
    .insert(incidentLinks)
    .values({ ...linkKey(a.row.id, b.row.id), kind, createdBy: p.userId, createdAt: scope.ctx.clock.now() })
    .onConflictDoUpdate({ target: [incidentLinks.incidentId, incidentLinks.otherId], set: { kind } });
  for (const [self, other] of [
    [a, b],
    [b, a],
  ] as const)
    await recordEvent(scope.tx, scope.ctx, {
      incidentId: self.row.id,
      kind: 'link',
      summary: `${kind}: ${other.row.number}`,
      detail: { otherId: other.row.id, number: other.row.number, kind },
    });
}

export async function addLink(
  scope: CommandScope,
  incidentId: string,
  input: { otherId?: string; otherNumber?: string; kind: string },
) {
  const p = actorOf(scope.ctx);
  const otherId = await resolveOther(scope.tx, { id: input.otherId, number: input.otherNumber });
  if (otherId === incidentId) throw new AppError(400, 'link_self');
  const [self, other] = await loadPairForWork(scope.tx, p, incidentId, otherId);
  await refuseHistory(scope.tx, incidentId, otherId);
  await putLink(scope, self, other, input.kind);
  scope.audit({
    action: 'incident.link.add',
    subjectType: 'incident',
    subjectId: incidentId,
    detail: { otherId, number: other.row.number, kind: input.kind },
  });
  return { ok: true as const };
}

export async function removeLink(scope: CommandScope, incidentId: string, otherId: string): Promise<void> {
  const p = actorOf(scope.ctx);
  if (otherId === incidentId) throw new AppError(404, 'link_unknown');
  const [self, other] = await loadPairForWork(scope.tx, p, incidentId, otherId);
  const { pair, existing } = await refuseHistory(scope.tx, incidentId, otherId);
  if (!existing) throw new AppError(404, 'link_unknown');
  const removed = await scope.tx.delete(incidentLinks).where(pair).returning({ kind: incidentLinks.kind });
  if (removed.length === 0) throw new AppError(404, 'link_unknown');
  for (const [a, b] of [
    [self, other],
    [other, self],
  ] as const)
    await recordEvent(scope.tx, scope.ctx, {
      incidentId: a.row.id,
      kind: 'link',
      summary: `-${removed[0]?.kind}: ${b.row.number}`,
      detail: { otherId: b.row.id, number: b.row.number, kind: removed[0]?.kind ?? null, removed: true },
    });
  scope.audit({
    action: 'incident.link.remove',
    subjectType: 'incident',
    subjectId: incidentId,
    detail: { otherId, kind: removed[0]?.kind ?? null },
  });
}
