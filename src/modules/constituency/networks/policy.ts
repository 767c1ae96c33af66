import { hasRole, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';

/**
 * Network ownership (Registry access, docs/ARCHITECTURE.md). Claiming address space decides who is
 * told about incidents in it, so only coordinators and admins add or remove ranges, domains and
 * ASNs. Readers see every organisation's networks; members and member-leads their own; partners
 * none. Lookups: readers see every owner; members learn only whether their own organisation owns
 * the value; an ISP partner may look up addresses inside its own ranges and sees the organisations
 * there; other partners may not look up.
 */
export function authorizeReadNetworks(p: Principal, organisationId: string): void {
  if (readsConstituency(p)) return;
  if (hasRole(p, 'member', 'member-lead') && p.organisationId === organisationId) return;
  throw notFound();
}

export function authorizeManageNetworks(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
}

/** The overlap report spans the constituency. */
export function authorizeOverlapReport(p: Principal): void {
  if (!readsConstituency(p)) throw forbidden();
}

/** Route-level gate for lookups; what each caller sees is decided per answer (lookup-access.ts). */
export function authorizeLookup(p: Principal): void {
  if (readsConstituency(p) || hasRole(p, 'member', 'member-lead', 'partner')) return;
  throw forbidden();
}
