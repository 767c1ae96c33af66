import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../../db/columns.ts';
import { reports } from '../../incidents/tables.ts';

/**
 * The public tracking code of a report sent through the public form: random (100 bits), unlike the
 * sequential TN-… number, so that the status page cannot be walked. Stored without separators.
 */
export const publicReportCodes = pgTable('public_report_codes', {
  reportId: uuid('report_id')
    .primaryKey()
    .references(() => reports.id),
  code: text('code').notNull().unique(),
  createdAt: timeNow(),
});

/**
 * Proof-of-work challenges already spent, written in the report's transaction: a solved challenge
 * buys one report. The submission id lets the same submission be re-sent (double click, retry).
 */
export const publicChallengesSpent = pgTable(
  'public_challenges_spent',
  {
    salt: text('salt').primaryKey(),
    submissionId: text('submission_id').notNull(),
    expiresAt: optionalTime('expires_at').notNull(),
  },
  (t) => [index('public_challenges_spent_expires_idx').on(t.expiresAt)],
);

/** Requests per client address and purpose in a fixed window (security bookkeeping, like login_throttle). */
export const publicIntakeThrottle = pgTable('public_intake_throttle', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowStart: optionalTime('window_start').notNull(),
});
