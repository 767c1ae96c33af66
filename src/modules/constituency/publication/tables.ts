import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timeNow } from '../../../db/columns.ts';
import type { PublicationResult } from '../../../shared/vocabulary.ts';
import { organisations } from '../tables.ts';

/** The portal page on which an organisation publishes its incident contact (one per organisation). */
export const organisationPortals = pgTable('organisation_portals', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  updatedAt: timeNow('updated_at'),
  updatedBy: uuid('updated_by'),
});

export type CheckedValue = { kind: 'email' | 'phone'; value: string };

/** Evidence of one check of a portal page: kept, never updated. */
export const publicationChecks = pgTable(
  'publication_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }).notNull(),
    finalUrl: text('final_url'),
    httpStatus: integer('http_status'),
    sha256: text('sha256'),
    bytes: integer('bytes'),
    found: jsonb('found').$type<CheckedValue[]>().notNull().default([]),
    missing: jsonb('missing').$type<CheckedValue[]>().notNull().default([]),
    result: text('result').$type<PublicationResult>().notNull(),
    error: text('error'),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
    checkedBy: uuid('checked_by'),
  },
  (t) => [
    check('publication_checks_result_check', sql`${t.result} IN ('published','not-found','unreachable','blocked')`),
    check('publication_checks_trigger_check', sql`${t.trigger} IN ('schedule','manual')`),
    index('publication_checks_org_time_idx').on(t.organisationId, t.checkedAt.desc(), t.id.desc()),
  ],
);
