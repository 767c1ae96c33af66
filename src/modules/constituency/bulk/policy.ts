import { hasRole } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/errors.ts';

/**
 * Registry import (Registry access, docs/ARCHITECTURE.md): coordinators and admins import any row;
 * a member-lead may upload, but only rows of its own organisation's contacts and of the systems
 * (and their components) it owns or operates pass the plan — anything else is a row error.
 */
export function authorizeRegistryImport(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator', 'member-lead')) throw forbidden();
}
