import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../../db/columns.ts';
import { organisations } from '../../constituency/tables.ts';
import { scans } from '../tables.ts';

export const SCAN_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ScanJobState = (typeof SCAN_JOB_STATES)[number];

/** An upload's import job (API): its progress in bytes read, then the CLI's summary or the error's message key. */
export const scanJobs = pgTable(
  'scan_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    state: text('state').$type<ScanJobState>().notNull().default('queued'),
    fileName: text('file_name').notNull(),
    format: text('format'),
    systemId: uuid('system_id'),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    bytesTotal: bigint('bytes_total', { mode: 'number' }).notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    errorKey: text('error_key'),
    errorParams: jsonb('error_params').$type<Record<string, string | number>>(),
    scanId: uuid('scan_id').references(() => scans.id),
    createdBy: text('created_by').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    createdAt: timeNow('created_at'),
    finishedAt: optionalTime('finished_at'),
    /** database time, renewed while the job runs: a queued/running job silent for 2 minutes was cut off (restart) */
    heartbeatAt: timeNow('heartbeat_at'),
  },
  (t) => [
    check('scan_jobs_state_check', sql`${t.state} IN ('queued','running','done','failed')`),
    index('scan_jobs_created_idx').on(t.createdAt),
  ],
);
