import type { Identity } from './session-store.ts';
import type { Role } from './tables.ts';

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  organisationId: string;
  disabled: boolean;
  mfaEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
};

export type OrgRef = { id: string; code: string; name: string; nameEn: string | null };

export function presentUser(u: UserRow, roles: Role[], org: OrgRef) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    organisation: { id: org.id, code: org.code, name: org.name, nameEn: org.nameEn },
    roles: [...roles].sort(),
    disabled: u.disabled,
    mfaEnabled: u.mfaEnabled,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof presentUser>;

export function presentMe(identity: Identity) {
  return {
    id: identity.principal.userId,
    username: identity.principal.username,
    displayName: identity.displayName,
    email: identity.email,
    locale: identity.locale,
    roles: identity.principal.roles,
    organisation: identity.organisation,
    mfaEnabled: identity.mfaEnabled,
    mfaEnrollmentRequired: identity.mfaEnrollmentRequired,
    csrfToken: identity.session?.csrfToken ?? null,
  };
}
