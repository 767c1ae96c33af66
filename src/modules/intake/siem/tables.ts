import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../../db/columns.ts';
import type { SiemMapping } from '../../../engines/siem-mapping/index.ts';
import { organisations } from '../../constituency/tables.ts';
import { reports } from '../../incidents/tables.ts';

export const SIEM_KINDS = ['generic', 'wazuh'] as const;
export type SiemKind = (typeof SIEM_KINDS)[number];
/** `hmac`: signed bodies (X-CanhGac-Signature over "<timestamp>.<body>"); `token`: a bearer token */
export const SIEM_AUTH_MODES = ['hmac', 'token'] as const;
export type SiemAuthMode = (typeof SIEM_AUTH_MODES)[number];

/** A SIEM (or any monitoring system) that posts alerts to POST /api/intake/webhooks/:id. */
export const siemSources = pgTable(
  'siem_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').$type<SiemKind>().notNull(),
    /** the organisation the alerts are attributed to (the reporter); null: none */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    authMode: text('auth_mode').$type<SiemAuthMode>().notNull(),
    /** HMAC secret, AES-256-GCM with the platform's webhook-secret key (hmac mode) */
    secretEnc: text('secret_enc'),
    /** SHA-256 of the bearer token (token mode): high entropy, so a plain hash is enough */
    tokenHash: text('token_hash'),
    /** the generic mapping; null for a built-in kind */
    mapping: jsonb('mapping').$type<SiemMapping>(),
    /** alerts below this level are stored but not queued for triage */
    minLevel: integer('min_level').notNull().default(0),
    groupWindowMinutes: integer('group_window_minutes').notNull().default(60),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    check('siem_sources_kind_check', sql`${t.kind} IN ('generic','wazuh')`),
    check('siem_sources_auth_check', sql`${t.authMode} IN ('hmac','token')`),
    check('siem_sources_window_check', sql`${t.groupWindowMinutes} BETWEEN 0 AND 10080`),
  ],
);

/**
 * Every alert a source posted, attached to the report it created or joined (a report stays
 * immutable: later alerts of its group are its attachments). Unique per (source, external id):
 * a replayed alert finds its row.
 */
export const siemAlerts = pgTable(
  'siem_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => siemSources.id),
    externalId: text('external_id').notNull(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    title: text('title').notNull(),
    level: integer('level'),
    /** at or above the source's level when it arrived */
    queued: boolean('queued').notNull(),
    detectedAt: optionalTime('detected_at'),
    /** `type:value` of the observables that group alerts */
    groupKeys: text('group_keys').array().notNull().default(sql`'{}'`),
    /** the alert as received, at most RAW_MAX characters of its JSON */
    raw: text('raw').notNull(),
    rawTruncated: boolean('raw_truncated').notNull().default(false),
    receivedAt: timeNow('received_at'),
  },
  (t) => [
    uniqueIndex('siem_alerts_source_external_idx').on(t.sourceId, t.externalId),
    index('siem_alerts_source_received_idx').on(t.sourceId, t.receivedAt),
    index('siem_alerts_report_idx').on(t.reportId, t.receivedAt),
  ],
);

/**
 * The latest alert of a source carrying a grouping key (per queued / below-level): where the next
 * alert with that key looks for its group — one primary-key lookup per key, however many alerts
 * carried it before (a search of siem_alerts.group_keys grew with every alert of a busy attacker).
 * Updated under the key's advisory lock by every alert that carries the key.
 */
export const siemGroupKeys = pgTable(
  'siem_group_keys',
  {
    sourceId: uuid('source_id')
      .notNull()
      .references(() => siemSources.id),
    key: text('key').notNull(),
    queued: boolean('queued').notNull(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    receivedAt: optionalTime('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.key, t.queued] })],
);
