import { and, asc, count, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { foldedSearch } from '../../../db/text-search.ts';
import type { Principal } from '../../../platform/actor.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import type { PublicationStatus } from '../../../shared/vocabulary.ts';
import { organisationSearchDocument } from '../queries.ts';
import { organisations } from '../tables.ts';
import { authorizeListPublication, authorizeReadPublication } from './policy.ts';
import { presentCheck, presentPortal } from './presenter.ts';
import { organisationPortals, publicationChecks } from './tables.ts';

export async function getPublication(db: Db, p: Principal, organisationId: string) {
  authorizeReadPublication(p, organisationId);
  const [portal] = await db
    .select()
    .from(organisationPortals)
    .where(eq(organisationPortals.organisationId, organisationId));
  const [latest] = await db
    .select()
    .from(publicationChecks)
    .where(eq(publicationChecks.organisationId, organisationId))
    .orderBy(desc(publicationChecks.checkedAt), desc(publicationChecks.id))
    .limit(1);
  return {
    organisationId,
    portal: portal ? presentPortal(portal) : null,
    latest: latest ? presentCheck(latest) : null,
  };
}

/** The evidence history, newest first (keyset on checked_at, id). */
export async function listChecks(db: Db, p: Principal, organisationId: string, q: { cursor?: string; limit: number }) {
  authorizeReadPublication(p, organisationId);
  const after = decodeCursor(q.cursor);
  const [at, id] = after ?? [];
  const rows = await db
    .select()
    .from(publicationChecks)
    .where(
      and(
        eq(publicationChecks.organisationId, organisationId),
        typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))
          ? or(
              lt(publicationChecks.checkedAt, new Date(at)),
              and(eq(publicationChecks.checkedAt, new Date(at)), lt(publicationChecks.id, id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(publicationChecks.checkedAt), desc(publicationChecks.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (c) => [c.checkedAt.toISOString(), c.id]);
  return { items: page.items.map(presentCheck), nextCursor: page.nextCursor };
}

const latestCheckId = sql`(SELECT pc.id FROM publication_checks pc WHERE pc.organisation_id = ${organisations.id} ORDER BY pc.checked_at DESC, pc.id DESC LIMIT 1)`;

/** A check of an older URL does not speak for the current one. */
const statusExpr = sql<PublicationStatus>`CASE WHEN ${organisationPortals.url} IS NULL THEN 'no-url' WHEN ${publicationChecks.id} IS NULL OR ${publicationChecks.url} <> ${organisationPortals.url} THEN 'unchecked' ELSE ${publicationChecks.result} END`;

function statusBase(db: Db) {
  return db
    .select({
      organisation: {
        id: organisations.id,
        code: organisations.code,
        name: organisations.name,
        nameEn: organisations.nameEn,
        kind: organisations.kind,
      },
      url: organisationPortals.url,
      status: statusExpr,
      check: publicationChecks,
    })
    .from(organisations)
    .leftJoin(organisationPortals, eq(organisationPortals.organisationId, organisations.id))
    .leftJoin(publicationChecks, eq(publicationChecks.id, latestCheckId));
}

/** Every active organisation with its publication status (the R8 scorecard), paged by code. */
export async function listPublicationStatus(
  db: Db,
  p: Principal,
  q: { status?: PublicationStatus; q?: string; cursor?: string; limit: number },
) {
  authorizeListPublication(p);
  const after = decodeCursor(q.cursor);
  const rows = await statusBase(db)
    .where(
      and(
        eq(organisations.active, true),
        q.status ? sql`${statusExpr} = ${q.status}` : undefined,
        q.q ? foldedSearch(organisationSearchDocument, q.q).where : undefined,
        typeof after?.[0] === 'string' ? gt(organisations.code, after[0]) : undefined,
      ),
    )
    .orderBy(asc(organisations.code))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.organisation.code]);
  return {
    items: page.items.map((r) => ({
      organisation: r.organisation,
      url: r.url,
      status: r.status,
      latest: r.check && r.status !== 'unchecked' ? presentCheck(r.check) : null,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function publicationSummary(db: Db, p: Principal) {
  authorizeListPublication(p);
  const rows = await db
    .select({ status: statusExpr, n: count() })
    .from(organisations)
    .leftJoin(organisationPortals, eq(organisationPortals.organisationId, organisations.id))
    .leftJoin(publicationChecks, eq(publicationChecks.id, latestCheckId))
    .where(eq(organisations.active, true))
    .groupBy(statusExpr);
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  return { byStatus, total: rows.reduce((sum, r) => sum + r.n, 0) };
}
