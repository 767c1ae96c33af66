import { type Hits, isTie } from '../../../engines/ownership/index.ts';
import { hasRole, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { AppError, forbidden } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type OwnershipSnapshot, ownershipService } from './ownership-service.ts';
import type { LookupResponse } from './schemas.ts';

/** What of an answer this principal may see (the rules are in policy.ts). */
function visibleHits(p: Principal, snap: OwnershipSnapshot, hits: Hits): Hits {
  if (readsConstituency(p)) return hits;
  if (hasRole(p, 'member', 'member-lead')) return hits.filter((h) => h.owner === p.organisationId);
  if (snap.organisations.get(p.organisationId)?.kind !== 'isp') throw forbidden();
  const own = hits.find((h) => h.owner === p.organisationId && h.via === 'range');
  if (!own) throw new AppError(403, 'ownership_outside_own_ranges');
  // The organisations inside the ISP's block, not those holding larger blocks around it.
  return hits.filter((h) => h.specificity >= own.specificity);
}

/** "Who owns this?" for an IP, CIDR, domain, URL or e-mail: every owner, most specific first. */
export async function lookupOwnership(platform: Platform, p: Principal, value: string): Promise<LookupResponse> {
  const snap = await ownershipService(platform).current();
  const r = snap.index.lookup(value);
  if (!r.ok) throw new AppError(400, r.error, r.params);
  const hits = visibleHits(p, snap, r.hits);
  // Partners read no systems (Registry access): an ISP learns the organisation, not which system.
  const seesSystems = readsConstituency(p) || hasRole(p, 'member', 'member-lead');
  const owners: LookupResponse['owners'] = [];
  for (const h of hits) {
    const organisation = snap.organisations.get(h.owner);
    if (!organisation) continue;
    const system = seesSystems && h.via === 'component' && h.ref ? (snap.systems.get(h.ref) ?? null) : null;
    owners.push({ organisation, via: h.via, match: h.match, system });
  }
  return { value, normalised: r.normalised, kind: r.kind, host: r.host, owners, tie: isTie(hits) };
}
