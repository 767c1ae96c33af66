import { hasRole } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/errors.ts';

/** The IR team reads SIEM sources and their alerts, and tries mappings out. */
export function authorizeSiemRead(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator', 'responder')) throw forbidden();
}

/** Creating, changing and disabling sources (they hold secrets): administrators and coordinators. */
export function authorizeSiemManage(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
}
