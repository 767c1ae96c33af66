import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Principal } from '../../../platform/actor.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { auditLog } from '../../audit/tables.ts';
import { users } from '../../identity/tables.ts';
import { contactPoints, organisations } from '../tables.ts';
import { presentOrgRef } from './presenter.ts';
import { loadReadableSystem } from './queries.ts';

/** Fields of a system's audit diff that hold a reference the history shows by name. */
const ORG_FIELDS = ['ownerOrgId', 'operatorOrgId'] as const;
const CONTACT_FIELDS = ['ownerContactId'] as const;

type Diff = { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };

function referencedIds(diffs: unknown[], fields: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const diff of diffs) {
    if (!diff || typeof diff !== 'object') continue;
    const { before, after } = diff as Diff;
    for (const side of [before, after])
      for (const f of fields) {
        const v = side?.[f];
        if (typeof v === 'string') ids.add(v);
      }
  }
  return [...ids];
}

/**
 * The organisations and contact points a page of history entries refers to, so that the history
 * names them. Whoever reads the system reads these: they are (or were) its parties and its contact.
 */
async function historyRefs(db: Db, diffs: unknown[]) {
  const orgIds = referencedIds(diffs, ORG_FIELDS);
  const contactIds = referencedIds(diffs, CONTACT_FIELDS);
  const orgs = orgIds.length
    ? await db
        .select({
          id: organisations.id,
          code: organisations.code,
          name: organisations.name,
          nameEn: organisations.nameEn,
        })
        .from(organisations)
        .where(inArray(organisations.id, orgIds))
    : [];
  const contacts = contactIds.length
    ? await db
        .select({ id: contactPoints.id, personName: contactPoints.personName })
        .from(contactPoints)
        .where(inArray(contactPoints.id, contactIds))
    : [];
  return {
    organisations: Object.fromEntries(orgs.map((o) => [o.id, presentOrgRef(o)])),
    contacts: Object.fromEntries(contacts.map((c) => [c.id, { id: c.id, personName: c.personName }])),
  };
}

/**
 * A system's history: the audit entries of the system and of its components (found by the system
 * id every component event carries, so removed components stay in the history). Newest first, with
 * the actor's display name and the organisations and contacts the changes refer to.
 */
export async function systemHistory(db: Db, p: Principal, id: string, page: { cursor?: string; limit: number }) {
  await loadReadableSystem(db, p, id);
  const after = decodeCursor(page.cursor);
  const rows = await db
    .select({ e: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        or(
          and(eq(auditLog.subjectType, 'information_system'), eq(auditLog.subjectId, id)),
          and(eq(auditLog.subjectType, 'system_component'), sql`${auditLog.diff}->'detail'->>'systemId' = ${id}`),
        ),
        typeof after?.[0] === 'number' ? lt(auditLog.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(page.limit + 1);
  const result = paginate(rows, page.limit, (r) => [r.e.id]);
  return {
    items: result.items.map(({ e, actorName }) => ({
      id: String(e.id),
      createdAt: e.createdAt.toISOString(),
      actor: e.actor,
      actorName,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      diff: e.diff,
    })),
    nextCursor: result.nextCursor,
    refs: await historyRefs(
      db,
      result.items.map((r) => r.e.diff),
    ),
  };
}
