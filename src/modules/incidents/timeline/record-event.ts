import type { Tx } from '../../../db/database.ts';
import { actorLabel, type Ctx } from '../../../platform/actor.ts';
import { incidentEvents } from '../tables.ts';

export type TimelineEvent = {
  incidentId: string;
  /** e.g. created, status, report, task, evidence, observable, comment, merge, split, link, note */
  kind: string;
  summary: string;
  detail?: Record<string, unknown>;
  /** when it happened; defaults to now (when it was recorded) */
  occurredAt?: Date;
};

/** Adds an entry to an incident's timeline, inside the caller's command transaction. */
export async function recordEvent(tx: Tx, ctx: Ctx, e: TimelineEvent): Promise<void> {
  const now = ctx.clock.now();
  await tx.insert(incidentEvents).values({
    incidentId: e.incidentId,
    kind: e.kind,
    summary: e.summary,
    detail: e.detail ?? null,
    occurredAt: e.occurredAt ?? now,
    recordedAt: now,
    actorUserId: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
    actor: actorLabel(ctx.actor),
  });
}
