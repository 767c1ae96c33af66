import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  cidr,
  date,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { timeNow } from '../../../db/columns.ts';
import type { ComponentKind, SystemCategory, SystemStatus } from '../../../shared/vocabulary.ts';
import { contactPoints, organisations } from '../tables.ts';

/** What the TT 20 initial report (Mẫu 03) asks about the measures in place. */
export type SecurityMeasures = { antivirus: boolean; firewall: boolean; ids: boolean; other: string | null };

export const informationSystems = pgTable(
  'information_systems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organisations.id),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    securityLevel: integer('security_level'),
    levelDecisionNo: text('level_decision_no'),
    levelDecisionDate: date('level_decision_date', { mode: 'string' }),
    levelApprovedBy: text('level_approved_by'),
    category: text('category').$type<SystemCategory>().notNull(),
    sharedProvincial: boolean('shared_provincial').notNull().default(false),
    nationalCritical: boolean('national_critical').notNull().default(false),
    internetFacing: boolean('internet_facing').notNull().default(false),
    description: text('description'),
    status: text('status').$type<SystemStatus>().notNull().default('active'),
    ownerContactId: uuid('owner_contact_id').references(() => contactPoints.id, { onDelete: 'set null' }),
    securityMeasures: jsonb('security_measures').$type<SecurityMeasures>(),
    securityProvider: text('security_provider'),
    connectivityProvider: text('connectivity_provider'),
    osAndServices: text('os_and_services'),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
    lastChangedAt: timeNow('last_changed_at'),
  },
  (t) => [
    check('information_systems_level_check', sql`${t.securityLevel} IS NULL OR ${t.securityLevel} BETWEEN 1 AND 5`),
    check(
      'information_systems_category_check',
      sql`${t.category} IN ('internal','citizen-services','infrastructure','industrial-control','other')`,
    ),
    check('information_systems_status_check', sql`${t.status} IN ('planned','active','retired')`),
    index('information_systems_owner_idx').on(t.ownerOrgId),
    index('information_systems_operator_idx').on(t.operatorOrgId),
    index('information_systems_search_idx').using(
      'gin',
      sql`canhgac_fold(${t.code} || ' ' || ${t.name} || ' ' || coalesce(${t.nameEn}, '')) gin_trgm_ops`,
    ),
  ],
);

export const systemComponents = pgTable(
  'system_components',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => informationSystems.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ComponentKind>().notNull(),
    ip: inet('ip'),
    hostname: text('hostname'),
    fqdn: text('fqdn'),
    url: text('url'),
    cidr: cidr('cidr'),
    domain: text('domain'),
    cpe: text('cpe'),
    purl: text('purl'),
    vendor: text('vendor'),
    product: text('product'),
    version: text('version'),
    os: text('os'),
    note: text('note'),
    /** A coordinator confirmed that this component may claim space another organisation registered. */
    ownershipConfirmedAt: timestamp('ownership_confirmed_at', { withTimezone: true, mode: 'date' }),
    ownershipConfirmedBy: uuid('ownership_confirmed_by'),
    createdAt: timeNow(),
  },
  (t) => [
    check('system_components_kind_check', sql`${t.kind} IN ('host','url','range','domain','software')`),
    index('system_components_system_idx').on(t.systemId),
    index('system_components_ip_idx').on(t.ip),
    index('system_components_domain_idx').on(t.domain),
    index('system_components_fqdn_idx').on(t.fqdn),
    index('system_components_cpe_idx').on(t.cpe),
  ],
);
