import { eq } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { type IncidentClosure, incidents } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { canTransition, stampsAfter } from '../lifecycle.ts';
import type { StatusChange } from '../schemas.ts';

/** Mẫu 05 needs how it was handled, the damage estimate, a summary and the root cause. */
export function closureComplete(c: IncidentClosure | undefined): c is IncidentClosure {
  return (
    c !== undefined &&
    c.handledWith.length > 0 &&
    c.estimatedDamageVnd !== null &&
    (c.summary ?? '').trim() !== '' &&
    (c.rootCause ?? '').trim() !== ''
  );
}

/** Moves an incident along its lifecycle (lifecycle.ts); closing records the Mẫu 05 facts. */
export async function changeStatus(scope: CommandScope, id: string, change: StatusChange) {
  const { tx, ctx, audit } = scope;
  const { row, access } = await loadIncident(tx, id, { lock: true });
  if (ctx.actor.kind === 'user') authorizeWorkIncident(ctx.actor.principal, access);
  if (change.version !== undefined && change.version !== row.version)
    throw new AppError(409, 'incident_version_conflict', { current: row.version });
  // a merged incident's contents live in the one it was merged into: it stays a duplicate
  if (row.mergedIntoId && change.status !== row.status)
    throw new AppError(409, 'incident_merged_status', { number: row.number });
  if (!canTransition(row.status, change.status))
    throw new AppError(409, 'incident_transition_invalid', { from: row.status, to: change.status });
  const closing = change.status === 'closed';
  if (closing && !closureComplete(change.closure)) throw new AppError(400, 'incident_closure_required');
  const now = ctx.clock.now();
  const stamps = stampsAfter(change.status, row, now);
  const closure = closing ? (change.closure ?? null) : row.closure;
  const [updated] = await tx
    .update(incidents)
    .set({ status: change.status, ...stamps, closure, version: row.version + 1, updatedAt: now })
    .where(eq(incidents.id, id))
    .returning();
  if (!updated) throw new Error('update returned nothing');
  await recordEvent(tx, ctx, {
    incidentId: id,
    kind: 'status',
    summary: `${row.status} → ${change.status}`,
    detail: { from: row.status, to: change.status, reason: change.reason ?? null, ...(closing ? { closure } : {}) },
  });
  audit({
    action: 'incident.status',
    subjectType: 'incident',
    subjectId: id,
    organisationId: row.organisationId,
    before: { status: row.status, triagedAt: row.triagedAt, resolvedAt: row.resolvedAt, closedAt: row.closedAt },
    after: { status: change.status, ...stamps, ...(closing ? { closure } : {}) },
    ...(change.reason ? { detail: { reason: change.reason } } : {}),
  });
  return updated;
}
