import type { Role } from '../modules/identity/tables.ts';
import type { Principal } from './actor.ts';

/** Roles that see the whole constituency (read). */
export const CONSTITUENCY_READERS: readonly Role[] = ['admin', 'coordinator', 'responder', 'viewer'];

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

export function readsConstituency(p: Principal): boolean {
  return hasRole(p, ...CONSTITUENCY_READERS);
}

/**
 * The organisations whose data a list query may return for this principal: every one, or the
 * listed ids. The one helper every list query scopes with.
 */
export type OrgScope = { all: true } | { all: false; organisationIds: string[] };

export function orgScope(p: Principal): OrgScope {
  if (readsConstituency(p)) return { all: true };
  return { all: false, organisationIds: [p.organisationId] };
}

export function inScope(scope: OrgScope, organisationId: string): boolean {
  return scope.all || scope.organisationIds.includes(organisationId);
}
