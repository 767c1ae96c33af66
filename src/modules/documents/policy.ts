import { hasRole, inScope, orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/** An issued document: the constituency readers see every one, everyone else its own organisation's. */
export function authorizeReadDocument(p: Principal, organisationId: string): void {
  if (!inScope(orgScope(p), organisationId)) throw notFound();
}

/** The sample platform report speaks for the constituency: admin and coordinators issue it. */
export function authorizeIssuePlatformReport(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
}

/** Numbering schemes: coarse check before the body is read. */
export function authorizeNumberingSchemes(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator', 'member-lead')) throw forbidden();
}

/** One organisation's numbering: coordinators everywhere, a member-lead its own organisation. */
export function authorizeManageNumbering(p: Principal, organisationId: string): void {
  if (!inScope(orgScope(p), organisationId)) throw notFound();
  if (hasRole(p, 'admin', 'coordinator')) return;
  if (hasRole(p, 'member-lead') && p.organisationId === organisationId) return;
  throw forbidden();
}
