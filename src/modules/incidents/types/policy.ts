import { hasRole } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/errors.ts';

/** Incident types and playbooks are reference data: administrators and coordinators edit them. */
export function authorizeManageReference(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
  if (p.via === 'token' && !p.tokenScopes?.includes('write')) throw forbidden();
}
