import { date, index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { informationSystems } from '../../constituency/systems/tables.ts';
import { organisations } from '../../constituency/tables.ts';
import { notifications } from '../../notify/tables.ts';
import { scans } from '../tables.ts';

/**
 * The systems each scan touched (matched hosts or `--system`), one row per (scan, system), written
 * by the import engine in its transaction. Coverage reads the newest row per system by the index.
 */
export const scanSystems = pgTable(
  'scan_systems',
  {
    scanId: uuid('scan_id')
      .notNull()
      .references(() => scans.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => informationSystems.id, { onDelete: 'cascade' }),
    /** when the scan ran (the file's own time, never later than the import) */
    scannedAt: timestamp('scanned_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scanId, t.systemId] }),
    index('scan_systems_system_idx').on(t.systemId, t.scannedAt),
  ],
);

/** One scan digest per organisation per day (Vietnamese calendar day): a second run that day sends nothing. */
export const scanDigests = pgTable(
  'scan_digests',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.day] })],
);
