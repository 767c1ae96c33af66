import { and, asc, desc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/database.ts';
import { hasRole, orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, paginate } from '../../platform/pagination.ts';
import { organisations } from '../constituency/tables.ts';
import { files } from '../files/tables.ts';
import { users } from '../identity/tables.ts';
import { defaultPattern } from './numbering.ts';
import { authorizeReadDocument } from './policy.ts';
import { presentDocument, presentScheme } from './presenter.ts';
import { type DocumentKind, documents, numberingSchemes } from './tables.ts';

const documentColumns = {
  id: documents.id,
  organisation: { id: organisations.id, code: organisations.code, name: organisations.name },
  kind: documents.kind,
  year: documents.year,
  seq: documents.seq,
  number: documents.number,
  title: documents.title,
  format: documents.format,
  sha256: documents.sha256,
  size: files.size,
  mediaType: files.mediaType,
  templateId: documents.templateId,
  templateVersion: documents.templateVersion,
  issuedById: documents.issuedBy,
  issuedByName: users.displayName,
  issuedAt: documents.issuedAt,
};

function documentQuery(db: Queryable) {
  return db
    .select(documentColumns)
    .from(documents)
    .innerJoin(organisations, eq(organisations.id, documents.organisationId))
    .innerJoin(files, eq(files.id, documents.fileId))
    .leftJoin(users, eq(users.id, documents.issuedBy));
}

/** The register, newest first, scoped to what the caller may see; keyset pages on (issued_at, id). */
export async function listDocuments(
  db: Db,
  p: Principal,
  filter: { organisationId?: string; kind?: DocumentKind; year?: number; cursor?: string; limit: number },
) {
  const scope = orgScope(p);
  const after = decodeCursor(filter.cursor);
  const [afterAt, afterId] = after ?? [];
  const afterDate = typeof afterAt === 'string' ? new Date(afterAt) : undefined;
  const rows = await documentQuery(db)
    .where(
      and(
        scope.all ? undefined : inArray(documents.organisationId, scope.organisationIds),
        filter.organisationId ? eq(documents.organisationId, filter.organisationId) : undefined,
        filter.kind ? eq(documents.kind, filter.kind) : undefined,
        filter.year ? eq(documents.year, filter.year) : undefined,
        afterDate && !Number.isNaN(afterDate.getTime()) && typeof afterId === 'string'
          ? or(lt(documents.issuedAt, afterDate), and(eq(documents.issuedAt, afterDate), lt(documents.id, afterId)))
          : undefined,
      ),
    )
    .orderBy(desc(documents.issuedAt), desc(documents.id))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (d) => [d.issuedAt.toISOString(), d.id]);
  return { items: page.items.map(presentDocument), nextCursor: page.nextCursor };
}

/** One document with the input it was made from; outside the caller's scope it does not exist. */
export async function getDocument(db: Db, p: Principal, id: string) {
  const [row] = await db
    .select({ ...documentColumns, input: documents.input, fileId: documents.fileId })
    .from(documents)
    .innerJoin(organisations, eq(organisations.id, documents.organisationId))
    .innerJoin(files, eq(files.id, documents.fileId))
    .leftJoin(users, eq(users.id, documents.issuedBy))
    .where(eq(documents.id, id));
  if (!row) throw notFound();
  authorizeReadDocument(p, row.organisation.id);
  const { input, fileId, ...rest } = row;
  return { ...presentDocument(rest), input, fileId };
}

/** The pattern an organisation numbers a kind with: its scheme, or the default. */
export async function schemeOf(db: Queryable, organisationId: string, kind: DocumentKind) {
  const [row] = await db
    .select({ pattern: numberingSchemes.pattern, orgSymbol: numberingSchemes.orgSymbol })
    .from(numberingSchemes)
    .where(and(eq(numberingSchemes.organisationId, organisationId), eq(numberingSchemes.kind, kind)));
  return row ?? { pattern: defaultPattern(kind), orgSymbol: null };
}

const schemeColumns = {
  id: numberingSchemes.id,
  organisation: { id: organisations.id, code: organisations.code, name: organisations.name },
  kind: numberingSchemes.kind,
  pattern: numberingSchemes.pattern,
  orgSymbol: numberingSchemes.orgSymbol,
  year: numberingSchemes.year,
  lastNumber: numberingSchemes.lastNumber,
  updatedAt: numberingSchemes.updatedAt,
};

/** Numbering schemes: coordinators see all, a member-lead its own organisation's; by code, then kind. */
export async function listSchemes(
  db: Db,
  p: Principal,
  filter: { organisationId?: string; cursor?: string; limit: number },
) {
  const ownOnly = !hasRole(p, 'admin', 'coordinator');
  const after = decodeCursor(filter.cursor);
  const [afterCode, afterKind] = after ?? [];
  const rows = await db
    .select(schemeColumns)
    .from(numberingSchemes)
    .innerJoin(organisations, eq(organisations.id, numberingSchemes.organisationId))
    .where(
      and(
        ownOnly ? eq(numberingSchemes.organisationId, p.organisationId) : undefined,
        filter.organisationId ? eq(numberingSchemes.organisationId, filter.organisationId) : undefined,
        typeof afterCode === 'string' && typeof afterKind === 'string'
          ? or(
              gt(organisations.code, afterCode),
              and(eq(organisations.code, afterCode), gt(numberingSchemes.kind, afterKind as DocumentKind)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(organisations.code), asc(numberingSchemes.kind))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (s) => [s.organisation.code, s.kind]);
  return { items: page.items.map(presentScheme), nextCursor: page.nextCursor };
}

export async function getScheme(db: Queryable, organisationId: string, kind: DocumentKind) {
  const [row] = await db
    .select(schemeColumns)
    .from(numberingSchemes)
    .innerJoin(organisations, eq(organisations.id, numberingSchemes.organisationId))
    .where(and(eq(numberingSchemes.organisationId, organisationId), eq(numberingSchemes.kind, kind)));
  return row ? presentScheme(row) : undefined;
}
