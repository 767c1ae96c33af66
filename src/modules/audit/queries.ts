import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { decodeCursor, paginate } from '../../platform/pagination.ts';
import { auditLog } from './tables.ts';

export type AuditFilter = {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
};

function conditions(f: AuditFilter): (SQL | undefined)[] {
  return [
    f.actor ? eq(auditLog.actor, f.actor.toLowerCase()) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.subjectType ? eq(auditLog.subjectType, f.subjectType) : undefined,
    f.subjectId ? eq(auditLog.subjectId, f.subjectId) : undefined,
    f.from ? gte(auditLog.createdAt, new Date(f.from)) : undefined,
    f.to ? lte(auditLog.createdAt, new Date(f.to)) : undefined,
  ];
}

export function presentAuditEntry(e: typeof auditLog.$inferSelect) {
  return {
    id: String(e.id),
    seq: e.seq,
    createdAt: e.createdAt.toISOString(),
    actor: e.actor,
    organisationId: e.organisationId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    diff: e.diff,
    requestId: e.requestId,
    ip: e.ip,
  };
}

/** Newest first, keyset by id. */
export async function listAudit(db: Db, filter: AuditFilter & { cursor?: string; limit: number }) {
  const after = decodeCursor(filter.cursor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions(filter), typeof after?.[0] === 'number' ? lt(auditLog.id, after[0]) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (e) => [e.id]);
  return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
}

/** Streams every matching entry in pages (for CSV export): bounded memory. */
export async function* iterateAudit(db: Db, filter: AuditFilter) {
  let before: number | undefined;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(...conditions(filter), before !== undefined ? lt(auditLog.id, before) : undefined))
      .orderBy(desc(auditLog.id))
      .limit(1000);
    for (const r of rows) yield presentAuditEntry(r);
    const last = rows.at(-1);
    if (!last || rows.length < 1000) return;
    before = last.id;
  }
}
