import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { foldedSearch } from '../../db/text-search.ts';
import { orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { decodeCursor, paginate } from '../../platform/pagination.ts';
import { organisations } from '../constituency/tables.ts';
import { presentUser } from './presenter.ts';
import { apiTokens, type Role, sessions, userRoles, users } from './tables.ts';

export const userSearchDocument = sql`${users.username} || ' ' || ${users.displayName} || ' ' || coalesce(${users.email}, '')`;

function scopeCondition(p: Principal): SQL | undefined {
  const scope = orgScope(p);
  return scope.all ? undefined : inArray(users.organisationId, scope.organisationIds);
}

async function withRolesAndOrgs(db: Db, rows: (typeof users.$inferSelect)[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roles = await db.select().from(userRoles).where(inArray(userRoles.userId, ids));
  const orgIds = [...new Set(rows.map((r) => r.organisationId))];
  const orgs = await db
    .select({ id: organisations.id, code: organisations.code, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .where(inArray(organisations.id, orgIds));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  return rows.map((u) => {
    const org = orgById.get(u.organisationId) ?? { id: u.organisationId, code: '?', name: '?', nameEn: null };
    const userRolesOf = roles.filter((r) => r.userId === u.id).map((r) => r.role as Role);
    return presentUser(u, userRolesOf, org);
  });
}

/** Users the principal may see, by username, one keyset page at a time. */
export async function listUsers(
  db: Db,
  p: Principal,
  filter: { q?: string; organisationId?: string; cursor?: string; limit: number },
) {
  const after = decodeCursor(filter.cursor);
  const conditions = [
    scopeCondition(p),
    filter.organisationId ? eq(users.organisationId, filter.organisationId) : undefined,
    filter.q ? foldedSearch(userSearchDocument, filter.q).where : undefined,
    typeof after?.[0] === 'string' ? gt(users.username, after[0]) : undefined,
  ];
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (u) => [u.username]);
  return { items: await withRolesAndOrgs(db, page.items), nextCursor: page.nextCursor };
}

export async function getUserView(db: Db, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id));
  const [view] = await withRolesAndOrgs(db, rows);
  return view;
}

export async function listSessions(db: Db, userId: string, currentPublicId?: string) {
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt));
  return rows.map((s) => ({
    id: s.publicId,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    mfaPassed: s.mfaPassed,
    current: s.publicId === currentPublicId,
  }));
}

export async function listApiTokens(db: Db, userId: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt));
}
