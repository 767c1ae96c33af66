import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timeNow } from '../../db/columns.ts';
import type { DocumentFormat, DocumentKind } from '../../shared/vocabulary.ts';
import { organisations } from '../constituency/tables.ts';
import { files } from '../files/tables.ts';
import { users } from '../identity/tables.ts';

export { DOCUMENT_FORMATS, DOCUMENT_KINDS, type DocumentFormat, type DocumentKind } from '../../shared/vocabulary.ts';

/**
 * How an organisation numbers one kind of document: a pattern (`{n}/{kind}-{org}`) and a counter
 * that starts again at 01 each calendar year (Vietnam time). The row is locked while a number is
 * allocated, so numbers have neither gaps nor duplicates.
 */
export const numberingSchemes = pgTable(
  'numbering_schemes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').$type<DocumentKind>().notNull(),
    pattern: text('pattern').notNull(),
    /** the organisation's abbreviation in symbols (STTTT); the organisation code when null */
    orgSymbol: text('org_symbol'),
    /** the year the counter counts in */
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    uniqueIndex('numbering_schemes_org_kind_uq').on(t.organisationId, t.kind),
    check('numbering_schemes_last_number_check', sql`${t.lastNumber} >= 0`),
  ],
);

/**
 * The register of issued documents. Every row is issued and immutable: a trigger (migration
 * 0005) refuses UPDATE and DELETE. A draft (preview) is never stored.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').$type<DocumentKind>().notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** số, ký hiệu as printed: "01/BC-STTTT" */
    number: text('number').notNull(),
    title: text('title').notNull(),
    format: text('format').$type<DocumentFormat>().notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    sha256: text('sha256').notNull(),
    /** the data the template was given: with the template version it reproduces the document */
    input: jsonb('input').notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('documents_org_kind_year_seq_uq').on(t.organisationId, t.kind, t.year, t.seq),
    index('documents_issued_idx').on(t.issuedAt.desc(), t.id.desc()),
    index('documents_org_issued_idx').on(t.organisationId, t.issuedAt.desc(), t.id.desc()),
    check('documents_format_check', sql`${t.format} IN ('docx','xlsx','pdf')`),
    check('documents_seq_check', sql`${t.seq} > 0`),
  ],
);
