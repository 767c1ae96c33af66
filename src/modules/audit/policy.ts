import { hasRole } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';

/** The audit trail covers everyone: only the platform admin and the coordinators read it. */
export function authorizeReadAudit(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
}
