import { hasRole, readsConstituency } from '../../../../platform/access.ts';
import type { Principal } from '../../../../platform/actor.ts';
import type { Platform } from '../../../../platform/platform.ts';
import type { ObservableType } from '../../../../shared/vocabulary.ts';
import { ownershipService } from '../../../constituency/networks/ownership-service.ts';
import type { ObservableOut } from '../schemas.ts';

const OWNED: ReadonlySet<ObservableType> = new Set(['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email']);

/**
 * The owners of each observable (ownership lookup: organisation, and the system for a component hit).
 * Those who read the constituency see every owner; members see only their own organisation as an
 * owner, as in the ownership lookup; partners learn the organisation, not the system.
 */
export async function ownersOf(
  platform: Platform,
  p: Principal,
  rows: readonly { type: ObservableType; value: string }[],
): Promise<ObservableOut['owners'][]> {
  if (!rows.some((r) => OWNED.has(r.type))) return rows.map(() => []);
  const snap = await ownershipService(platform).current();
  const all = readsConstituency(p);
  const seesSystems = all || hasRole(p, 'member', 'member-lead');
  return rows.map((r) => {
    if (!OWNED.has(r.type)) return [];
    const found = snap.index.lookup(r.value);
    if (!found.ok) return [];
    const owners: ObservableOut['owners'] = [];
    for (const h of found.hits) {
      if (!all && h.owner !== p.organisationId) continue;
      const org = snap.organisations.get(h.owner);
      if (!org) continue;
      const system = seesSystems && h.via === 'component' && h.ref ? (snap.systems.get(h.ref) ?? null) : null;
      owners.push({
        organisation: { id: org.id, code: org.code, name: org.name, nameEn: org.nameEn },
        system: system ? { id: system.id, code: system.code, name: system.name } : null,
        via: h.via,
        match: h.match,
      });
    }
    return owners;
  });
}
