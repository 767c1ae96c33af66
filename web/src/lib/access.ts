import type { Me } from '../api/types';

// What the interface offers to whom. The server enforces the real rules; these only
// decide which menus and buttons are shown.

export function hasRole(me: Me | undefined, ...roles: string[]): boolean {
  return Boolean(me?.roles.some((role) => roles.includes(role)));
}

/** Administration section (organisations management, audit log). */
export function canAdminister(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator');
}

/** User administration: platform-wide for admin/coordinator, own organisation for member-lead. */
export function canManageUsers(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator', 'member-lead');
}

/** Whether the user administration is limited to the user's own organisation. */
export function usersLimitedToOwnOrg(me: Me | undefined): boolean {
  return canManageUsers(me) && !canAdminister(me);
}

export function canManageOrganisations(me: Me | undefined): boolean {
  return canAdminister(me);
}

export function canViewAudit(me: Me | undefined): boolean {
  return canAdminister(me);
}

export function canEditContacts(me: Me | undefined, organisationId: string): boolean {
  if (canAdminister(me)) return true;
  return hasRole(me, 'member-lead') && me?.organisation.id === organisationId;
}

/** Only an administrator may hand out the `admin` role. */
export function assignableRoles<T extends string>(me: Me | undefined, roles: readonly T[]): T[] {
  return hasRole(me, 'admin') ? [...roles] : roles.filter((role) => role !== 'admin');
}
