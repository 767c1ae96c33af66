import { hasRole } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/errors.ts';

/**
 * Who sees scans and findings (#7): the IR team (admin, coordinator, responder) all of them,
 * members and member leads those of systems their organisation owns or operates; unknown-asset
 * findings (no system yet) only the IR team. Viewers and partners see none.
 */
export type ScanVisibility = { all: true } | { all: false; organisationId: string };

export function isIrTeam(p: Principal): boolean {
  return hasRole(p, 'admin', 'coordinator', 'responder');
}

export function scanVisibility(p: Principal): ScanVisibility {
  if (isIrTeam(p)) return { all: true };
  if (hasRole(p, 'member', 'member-lead')) return { all: false, organisationId: p.organisationId };
  throw forbidden();
}

export function authorizeScansRead(p: Principal): void {
  scanVisibility(p);
}

export function authorizeUnknownAssets(p: Principal): void {
  if (!isIrTeam(p)) throw forbidden();
}

/** SQL condition on a system id column: visible to this caller. `$n` is the caller's organisation. */
export function systemVisibleSql(column: string, param: string): string {
  return `${column} IN (SELECT id FROM information_systems WHERE owner_org_id = ${param} OR operator_org_id = ${param})`;
}
