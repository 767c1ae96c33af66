import type { Me } from '../api/types';
import { hasRole } from './access';

// What the incident pages offer to whom; the server enforces the real rules (TLP included).

/** The IR team: triage, open and work incidents. */
export function isIrTeam(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator', 'responder');
}

/** Filing an incident report from the member form. */
export function canFileReport(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator', 'responder', 'member-lead', 'member');
}

/** Administering incident types and playbooks. */
export function canEditPlaybooks(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'coordinator');
}
