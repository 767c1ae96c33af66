import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Ctx } from '../../platform/actor.ts';
import { type AuditEvent, auditRows } from './command.ts';
import { auditLog } from './tables.ts';

/**
 * Records audit entries on a raw client inside a transaction the caller runs itself (a restore
 * streams COPY data and cannot use runCommand's Drizzle transaction); same fields as runCommand.
 */
export async function recordAuditInTransaction(client: pg.PoolClient, ctx: Ctx, events: AuditEvent[]): Promise<void> {
  await drizzle(client).insert(auditLog).values(auditRows(ctx, events));
}
