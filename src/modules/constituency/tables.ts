import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../db/columns.ts';

import type { OrganisationKind } from '../../shared/vocabulary.ts';

export { ORGANISATION_KINDS, type OrganisationKind } from '../../shared/vocabulary.ts';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    shortName: text('short_name'),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id, { onDelete: 'set null' }),
    locality: text('locality'),
    networkMemberCode: text('network_member_code'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    successorId: uuid('successor_id').references((): AnyPgColumn => organisations.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    requireMfa: boolean('require_mfa').notNull().default(false),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    check(
      'organisations_kind_check',
      sql`${t.kind} IN ('coordinator','member','locality','police','isp','security-company','national-coordinator','other')`,
    ),
    check(
      'organisations_validity_check',
      sql`${t.validTo} IS NULL OR ${t.validFrom} IS NULL OR ${t.validTo} >= ${t.validFrom}`,
    ),
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_search_idx').using(
      'gin',
      sql`canhgac_fold(${t.code} || ' ' || ${t.name} || ' ' || coalesce(${t.nameEn}, '') || ' ' || coalesce(${t.shortName}, '')) gin_trgm_ops`,
    ),
  ],
);

export const contactPoints = pgTable(
  'contact_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    personName: text('person_name').notNull(),
    personRole: text('person_role'),
    phone247: text('phone_247'),
    email: text('email'),
    otherChannels: text('other_channels'),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
    // "my contact is current" (publication, R8): set by a confirmation and by every edit. The user
    // id has no foreign key: constituency tables load before identity's.
    confirmedAt: optionalTime('confirmed_at'),
    confirmedBy: uuid('confirmed_by'),
  },
  (t) => [index('contact_points_org_idx').on(t.organisationId)],
);
