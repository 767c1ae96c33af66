import { hasRole, inScope, orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/** Webhooks hold secrets of outside systems and reach out of the platform: administrators only. */
export function authorizeManageWebhooks(p: Principal): void {
  if (!hasRole(p, 'admin')) throw forbidden();
}

/** Everyone's notification records and the outbox: administrators and coordinators. */
export function authorizeReadDeliveries(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
}

/** An organisation's notification addresses are seen by whoever sees the organisation. */
export function authorizeReadOrganisationAddresses(p: Principal, organisationId: string): void {
  if (!inScope(orgScope(p), organisationId)) throw notFound();
}

/** …and managed like its contact points: coordinators everywhere, a member-lead for its own. */
export function authorizeManageOrganisationAddresses(p: Principal, organisationId: string): void {
  authorizeReadOrganisationAddresses(p, organisationId);
  if (hasRole(p, 'admin', 'coordinator')) return;
  if (hasRole(p, 'member-lead') && p.organisationId === organisationId) return;
  throw forbidden();
}
