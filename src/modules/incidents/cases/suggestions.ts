import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { hasRole, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ownershipService } from '../../constituency/networks/ownership-service.ts';
import { visibleObservableTlps } from '../casework/access.ts';
import { loadIncident } from '../load-incident.ts';
import { authorizeSeeIncident } from '../policy.ts';
import { incidentObservables, incidentSystems } from '../tables.ts';

const OWNED_TYPES = ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email'] as const;
const MAX_OBSERVABLES = 5000;

type Suggested = { id: string; code: string; name: string; matches: string[] };

/**
 * Organisations and systems that own the incident's observables (ownership lookup) and are not yet
 * on the incident — the responder confirms them with PUT …/organisations and …/systems. Only the
 * observables the principal may see count, and owners follow the ownership lookup's rule (ownersOf):
 * members and partners learn of their own organisation only, partners not of systems.
 */
export async function suggestAffected(platform: Platform, db: Db, p: Principal, id: string) {
  const { access } = await loadIncident(db, id);
  authorizeSeeIncident(p, access);
  const [observables, linkedSystems, snap] = await Promise.all([
    db
      .select({ value: incidentObservables.value })
      .from(incidentObservables)
      .where(
        and(
          eq(incidentObservables.incidentId, id),
          inArray(incidentObservables.type, [...OWNED_TYPES]),
          inArray(incidentObservables.tlp, visibleObservableTlps(p, access)),
        ),
      )
      .limit(MAX_OBSERVABLES),
    db.select({ systemId: incidentSystems.systemId }).from(incidentSystems).where(eq(incidentSystems.incidentId, id)),
    ownershipService(platform).current(),
  ]);
  const all = readsConstituency(p);
  const seesSystems = all || hasRole(p, 'member', 'member-lead');
  const knownOrgs = new Set([access.organisationId, ...access.involvedOrgIds]);
  const knownSystems = new Set(linkedSystems.map((s) => s.systemId));
  const orgs = new Map<string, Suggested>();
  const systems = new Map<string, Suggested & { organisationId: string }>();
  for (const o of observables) {
    const r = snap.index.lookup(o.value);
    if (!r.ok) continue;
    for (const h of r.hits) {
      if (!all && h.owner !== p.organisationId) continue;
      const org = snap.organisations.get(h.owner);
      if (org && !knownOrgs.has(org.id)) {
        const s = orgs.get(org.id) ?? { id: org.id, code: org.code, name: org.name, matches: [] };
        if (!s.matches.includes(o.value)) s.matches.push(o.value);
        orgs.set(org.id, s);
      }
      const sys = seesSystems && h.via === 'component' && h.ref ? snap.systems.get(h.ref) : undefined;
      if (sys && !knownSystems.has(sys.id)) {
        const s = systems.get(sys.id) ?? { ...sys, organisationId: h.owner, matches: [] };
        if (!s.matches.includes(o.value)) s.matches.push(o.value);
        systems.set(sys.id, s);
      }
    }
  }
  return { organisations: [...orgs.values()], systems: [...systems.values()] };
}
