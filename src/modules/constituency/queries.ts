import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { foldedSearch } from '../../db/text-search.ts';
import { orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, paginate } from '../../platform/pagination.ts';
import { authorizeReadOrganisation } from './policy.ts';
import { presentContact, presentOrganisation } from './presenter.ts';
import { contactPoints, type OrganisationKind, organisations } from './tables.ts';

/** Same expression as the organisations_search_idx index. */
export const organisationSearchDocument = sql`${organisations.code} || ' ' || ${organisations.name} || ' ' || coalesce(${organisations.nameEn}, '') || ' ' || coalesce(${organisations.shortName}, '')`;

function scopeCondition(p: Principal) {
  const scope = orgScope(p);
  return scope.all ? undefined : inArray(organisations.id, scope.organisationIds);
}

export async function listOrganisations(
  db: Db,
  p: Principal,
  filter: { q?: string; kind?: OrganisationKind; active?: 'true' | 'false'; cursor?: string; limit: number },
) {
  const after = decodeCursor(filter.cursor);
  const rows = await db
    .select()
    .from(organisations)
    .where(
      and(
        scopeCondition(p),
        filter.kind ? eq(organisations.kind, filter.kind) : undefined,
        filter.active ? eq(organisations.active, filter.active === 'true') : undefined,
        filter.q ? foldedSearch(organisationSearchDocument, filter.q).where : undefined,
        typeof after?.[0] === 'string' ? gt(organisations.code, after[0]) : undefined,
      ),
    )
    .orderBy(asc(organisations.code))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (o) => [o.code]);
  return { items: page.items.map(presentOrganisation), nextCursor: page.nextCursor };
}

export async function getOrganisation(db: Db, p: Principal, id: string) {
  authorizeReadOrganisation(p, id);
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!org) throw notFound();
  const contacts = await db
    .select()
    .from(contactPoints)
    .where(eq(contactPoints.organisationId, id))
    .orderBy(asc(contactPoints.createdAt));
  return { ...presentOrganisation(org), contacts: contacts.map(presentContact) };
}

export async function organisationStats(db: Db, p: Principal) {
  const rows = await db
    .select({ kind: organisations.kind, n: count() })
    .from(organisations)
    .where(and(scopeCondition(p), eq(organisations.active, true)))
    .groupBy(organisations.kind);
  return { byKind: Object.fromEntries(rows.map((r) => [r.kind, r.n])) };
}

export async function findOrganisationByCode(db: Db, code: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.code, code.toUpperCase()));
  return org;
}

export async function allOrganisations(db: Db) {
  return db.select().from(organisations).orderBy(asc(organisations.code));
}
