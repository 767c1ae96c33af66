import type { Db, Tx } from '../../db/database.ts';
import { insertMany } from '../../db/insert-many.ts';
import type { Ctx } from '../../platform/actor.ts';
import { type AuditEvent, auditRows, type CommandScope, UnauditedCommandError } from './command.ts';
import { auditLog } from './tables.ts';

/**
 * Several independent commands in one transaction (group commit): each keeps its own actor, request
 * and audit entries, and all commit — or roll back — together. Every command must record something.
 */
export async function runBatchCommand<T>(
  db: Db,
  ctxs: readonly Ctx[],
  fn: (tx: Tx, scopes: CommandScope[]) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const events: AuditEvent[][] = ctxs.map(() => []);
    const unchanged = ctxs.map(() => false);
    const scopes = ctxs.map(
      (ctx, i): CommandScope => ({
        tx,
        ctx,
        audit: (e) => events[i]?.push(e),
        unchanged: () => {
          unchanged[i] = true;
        },
      }),
    );
    const result = await fn(tx, scopes);
    if (events.some((e, i) => e.length === 0 && !unchanged[i]))
      throw new UnauditedCommandError('a command of the batch wrote no audit entry');
    const rows = ctxs.flatMap((ctx, i) => auditRows(ctx, events[i] ?? []));
    await insertMany(tx, auditLog, rows, { returning: false });
    return result;
  });
}
