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

/** Webhooks carry data out of the platform: the notify module lets only administrators manage them. */
export function canManageWebhooks(me: Me | undefined): boolean {
  return hasRole(me, 'admin');
}

/** Intake mailboxes hold outside passwords: administrators and coordinators (the server's rule). */
export function canManageMailboxes(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator');
}

/** Notification delivery records and the outbox (retrying stuck mail). */
export function canViewNotifyRecords(me: Me | undefined): boolean {
  return canAdminister(me);
}

/** Roles that read the whole constituency (the others see their own organisation's data). */
export function readsConstituency(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator', 'responder', 'viewer');
}

/** The register of issued documents: those who administer, and a member-lead for its organisation. */
export function canViewDocuments(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator', 'member-lead');
}

/** Issuing the sample platform report (it speaks for the constituency). */
export function canIssueDocuments(me: Me | undefined): boolean {
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

/** Information systems: readers see all, members their organisation's; partners none. */
export function canViewSystems(me: Me | undefined): boolean {
  return readsConstituency(me) || hasRole(me, 'member', 'member-lead');
}

/** Registering systems: coordinators for anyone, members for their own organisation. */
export function canManageSystems(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator', 'member', 'member-lead');
}

/** Registry bulk import: coordinators for anything, a member-lead for its own organisation's rows. */
export function canImportRegistry(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator', 'member-lead');
}
