import type { Me } from '../api/types';
import { canAdminister, canManageUsers, hasRole, readsConstituency } from './access';

// Which sections of the organisation drawer a user sees (the server scopes the data anyway).

/** Systems: readers of the constituency for any organisation, members for their own. */
export function canReadOrgSystems(me: Me | undefined, organisationId: string): boolean {
  if (readsConstituency(me)) return true;
  return hasRole(me, 'member', 'member-lead') && me?.organisation.id === organisationId;
}

/** Users: readers of the constituency for any organisation, everybody for their own. */
export function canReadOrgUsers(me: Me | undefined, organisationId: string): boolean {
  return readsConstituency(me) || me?.organisation.id === organisationId;
}

/** The users page filtered to the organisation: administrators, or a member-lead for its own. */
export function canOpenOrgUsersPage(me: Me | undefined, organisationId: string): boolean {
  return canManageUsers(me) && (canAdminister(me) || me?.organisation.id === organisationId);
}
