import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timeNow } from '../../db/columns.ts';

const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The audit trail. Commands insert rows in their own transaction (no lock shared between writers);
 * the sealer later gives each committed row its `seq`, `prev_hash` and `hash` in transaction order.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    createdAt: timeNow(),
    actor: text('actor').notNull(),
    actorUserId: uuid('actor_user_id'),
    organisationId: uuid('organisation_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    diff: jsonb('diff').notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_unsealed_idx').on(t.txId, t.id).where(sql`${t.seq} IS NULL`),
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_log_actor_idx').on(t.actor),
    index('audit_log_created_idx').on(t.createdAt),
  ],
);

/** The head of the sealed chain: one row. */
export const auditSealState = pgTable('audit_seal_state', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
