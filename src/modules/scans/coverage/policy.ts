import { hasRole, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { AppError, forbidden } from '../../../platform/errors.ts';

/**
 * Coverage and overdue findings (#7) are read like the registry: constituency readers see every
 * system; members and member-leads the systems their organisation owns or operates; partners none.
 */
export type CoverageScope = { all: true } | { all: false; organisationId: string };

export function authorizeCoverage(p: Principal): void {
  if (readsConstituency(p) || hasRole(p, 'member', 'member-lead')) return;
  throw forbidden();
}

/** The principal's scope; asking for another organisation than its own is refused. */
export function coverageScope(p: Principal, organisationId: string | undefined): CoverageScope {
  if (readsConstituency(p)) return { all: true };
  if (!hasRole(p, 'member', 'member-lead')) throw forbidden();
  if (organisationId !== undefined && organisationId !== p.organisationId) {
    throw new AppError(403, 'scans_coverage_other_organisation');
  }
  return { all: false, organisationId: p.organisationId };
}
