import { hasRole } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/errors.ts';

/**
 * Intake mailboxes hold outside passwords and make the server connect out (like webhooks):
 * administrators and coordinators (who run the IR team's intake) only.
 */
export function authorizeManageMailboxes(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
}
