import { sql } from 'drizzle-orm';
import { bigint, boolean, check, cidr, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timeNow } from '../../../db/columns.ts';
import { organisations } from '../tables.ts';

/** An organisation's claimed address blocks. Two organisations may claim overlapping (or the same) blocks: flagged, not refused. */
export const networkRanges = pgTable(
  'network_ranges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    cidr: cidr('cidr').notNull(),
    note: text('note'),
    createdAt: timeNow(),
  },
  (t) => [
    uniqueIndex('network_ranges_org_cidr_uq').on(t.organisationId, t.cidr),
    index('network_ranges_cidr_gist').using('gist', sql`${t.cidr} inet_ops`),
  ],
);

/** Domains are stored normalised (lowercase, punycode, no trailing dot). */
export const organisationDomains = pgTable(
  'organisation_domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    includeSubdomains: boolean('include_subdomains').notNull().default(true),
    note: text('note'),
    createdAt: timeNow(),
  },
  (t) => [
    uniqueIndex('organisation_domains_org_domain_uq').on(t.organisationId, t.domain),
    index('organisation_domains_domain_idx').on(t.domain),
  ],
);

export const organisationAsns = pgTable(
  'organisation_asns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    asn: bigint('asn', { mode: 'number' }).notNull(),
    note: text('note'),
    createdAt: timeNow(),
  },
  (t) => [
    uniqueIndex('organisation_asns_org_asn_uq').on(t.organisationId, t.asn),
    check('organisation_asns_range_check', sql`${t.asn} BETWEEN 0 AND 4294967295`),
  ],
);
