import { hasRole } from '../../../platform/access.ts';
import type { Ctx, Principal } from '../../../platform/actor.ts';
import { forbidden, unauthenticated } from '../../../platform/errors.ts';
import { TLP_LEVELS, type Tlp } from '../../../shared/vocabulary.ts';
import { canSeeIncident, type IncidentAccess } from '../policy.ts';

/**
 * The observable TLPs this principal may see on an incident it sees: an observable marked stricter
 * than the incident is judged as if the incident had that TLP (a member of the owning organisation
 * does not see a RED observable unless named on the incident).
 */
export function visibleObservableTlps(p: Principal, access: IncidentAccess): Tlp[] {
  return TLP_LEVELS.filter((tlp) => canSeeIncident(p, { ...access, tlp }));
}

/** Commenting: anyone who sees the incident and takes part in case work (read-only viewers do not). */
export function authorizeComment(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner')) throw forbidden();
  if (p.via === 'token' && !p.tokenScopes?.includes('write')) throw forbidden();
}

/** The person running a casework command (these commands are only run from a request). */
export function actorOf(ctx: Ctx): Principal {
  if (ctx.actor.kind !== 'user') throw unauthenticated();
  return ctx.actor.principal;
}
