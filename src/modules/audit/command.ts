import type { Db, Tx } from '../../db/database.ts';
import { actorLabel, type Ctx } from '../../platform/actor.ts';
import { auditDiff } from './diff.ts';
import { auditLog } from './tables.ts';

export type AuditEvent = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  organisationId?: string | null;
  before?: object | null;
  after?: object | null;
  /** extra facts that are not a field change (e.g. a reason) */
  detail?: Record<string, unknown>;
};

export type CommandScope = {
  tx: Tx;
  ctx: Ctx;
  audit(event: AuditEvent): void;
  /** the command found nothing to change (a save without edits): no write, so nothing to audit */
  unchanged(): void;
};

export class UnauditedCommandError extends Error {}

const AUDIT_INSERT_BATCH = 1000;

/**
 * Runs a mutation in one transaction together with its audit entries. A command that changes
 * something and records nothing is a bug: it throws and the transaction rolls back.
 */
export async function runCommand<T>(db: Db, ctx: Ctx, fn: (scope: CommandScope) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const events: AuditEvent[] = [];
    let unchanged = false;
    const result = await fn({
      tx,
      ctx,
      audit: (e) => events.push(e),
      unchanged: () => {
        unchanged = true;
      },
    });
    if (events.length === 0) {
      if (unchanged) return result;
      throw new UnauditedCommandError('command wrote no audit entry');
    }
    // In slices: a bulk import records tens of thousands of events, past PostgreSQL's 65,535
    // bind parameters per statement.
    const rows = auditRows(ctx, events);
    for (let i = 0; i < rows.length; i += AUDIT_INSERT_BATCH)
      await tx.insert(auditLog).values(rows.slice(i, i + AUDIT_INSERT_BATCH));
    return result;
  });
}

/** The audit_log rows for a command's events: one time, actor and request for all of them. */
export function auditRows(ctx: Ctx, events: AuditEvent[]) {
  const now = ctx.clock.now();
  const principal = ctx.actor.kind === 'user' ? ctx.actor.principal : undefined;
  return events.map((e) => ({
    createdAt: now,
    actor: actorLabel(ctx.actor),
    actorUserId: principal?.userId ?? null,
    organisationId: e.organisationId ?? principal?.organisationId ?? null,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId ?? null,
    diff: { ...auditDiff(e.before ?? null, e.after ?? null), ...(e.detail ? { detail: e.detail } : {}) },
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  }));
}
