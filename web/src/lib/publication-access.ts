import type { Me } from '../api/types';
import { hasRole, readsConstituency } from './access';

// Who is offered what in contact publication (R8); the server enforces the real rules.

export function canReadPublication(me: Me | undefined, organisationId: string): boolean {
  if (readsConstituency(me)) return true;
  return hasRole(me, 'member-lead', 'member') && me?.organisation.id === organisationId;
}

export function canManagePublication(me: Me | undefined, organisationId: string): boolean {
  if (hasRole(me, 'admin', 'coordinator')) return true;
  return hasRole(me, 'member-lead') && me?.organisation.id === organisationId;
}

export function canConfirmContacts(me: Me | undefined, organisationId: string): boolean {
  if (hasRole(me, 'admin', 'coordinator')) return true;
  return hasRole(me, 'member-lead', 'member') && me?.organisation.id === organisationId;
}

/** The constituency-wide status list. */
export function canListPublication(me: Me | undefined): boolean {
  return readsConstituency(me);
}
