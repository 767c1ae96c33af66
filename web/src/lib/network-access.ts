import type { Me } from '../api/types';
import { hasRole, readsConstituency } from './access';

// Who is offered what in network ownership; the server enforces the real rules (networks/policy.ts).

/** Readers, members (for their own organisation) and ISP partners (inside their ranges). */
export function canLookupOwnership(me: Me | undefined): boolean {
  if (readsConstituency(me) || hasRole(me, 'member', 'member-lead')) return true;
  return hasRole(me, 'partner') && me?.organisation.kind === 'isp';
}

export function canReadNetworks(me: Me | undefined, organisationId: string): boolean {
  if (readsConstituency(me)) return true;
  return hasRole(me, 'member-lead', 'member') && me?.organisation.id === organisationId;
}

export function canManageNetworks(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator');
}

export function canViewOverlaps(me: Me | undefined): boolean {
  return readsConstituency(me);
}
