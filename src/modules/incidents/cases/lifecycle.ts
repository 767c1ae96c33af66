import type { IncidentStatus } from '../../../shared/vocabulary.ts';

/** Open states: work is still going on. */
export const OPEN_STATUSES = [
  'new',
  'triage',
  'containment',
  'eradication',
  'recovery',
] as const satisfies readonly IncidentStatus[];

const FORWARD: Record<IncidentStatus, IncidentStatus[]> = {
  new: ['triage', 'containment'],
  triage: ['containment', 'eradication', 'recovery', 'resolved'],
  containment: ['eradication', 'recovery', 'resolved'],
  eradication: ['recovery', 'resolved'],
  recovery: ['resolved'],
  resolved: ['closed', 'recovery'],
  closed: [],
  rejected: ['triage'],
  duplicate: ['triage'],
};

/**
 * Where an incident may go from a status. Forward along new → triage → containment → eradication
 * → recovery → resolved → closed (phases may be skipped when there is nothing to do in them);
 * rejected and duplicate from any open state; a resolved incident may be reopened (back to
 * recovery); a rejected or duplicate one back to triage. Closed is final.
 */
export function allowedTransitions(from: IncidentStatus): IncidentStatus[] {
  const open = (OPEN_STATUSES as readonly IncidentStatus[]).includes(from);
  return open ? [...FORWARD[from], 'rejected', 'duplicate'] : FORWARD[from];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return allowedTransitions(from).includes(to);
}

export function isOpen(s: IncidentStatus): boolean {
  return (OPEN_STATUSES as readonly IncidentStatus[]).includes(s);
}

type Stamps = { triagedAt: Date | null; resolvedAt: Date | null; closedAt: Date | null };

/**
 * The timestamps after a transition: triagedAt the first time it leaves `new` (MTTA), resolvedAt
 * when resolved (MTTR; cleared on reopening), closedAt when closed.
 */
export function stampsAfter(to: IncidentStatus, before: Stamps, now: Date): Stamps {
  const triagedAt = before.triagedAt ?? (to === 'new' ? null : now);
  if (to === 'resolved') return { triagedAt, resolvedAt: now, closedAt: null };
  if (to === 'closed') return { triagedAt, resolvedAt: before.resolvedAt ?? now, closedAt: now };
  if (isOpen(to)) return { triagedAt, resolvedAt: null, closedAt: null };
  return { triagedAt, resolvedAt: before.resolvedAt, closedAt: before.closedAt };
}
