import { z } from 'zod';
import type { Principal } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ownershipService } from './ownership-service.ts';
import { authorizeOverlapReport } from './policy.ts';

const orgRef = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });

export const componentClaimsResponse = z.object({
  items: z.array(
    z.object({
      componentId: z.string(),
      system: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      value: z.string(),
      claimedBy: orgRef.nullable(),
      registeredBy: z.array(orgRef),
    }),
  ),
});

/**
 * Components that name space another organisation registered and that no coordinator has confirmed:
 * they do not count as owners until confirmed (POST …/components/:componentId/confirm-ownership).
 */
export async function listComponentClaims(platform: Platform, p: Principal) {
  authorizeOverlapReport(p);
  const snap = await ownershipService(platform).current();
  const org = (id: string) => {
    const o = snap.organisations.get(id);
    return o ? { id: o.id, code: o.code, name: o.name, nameEn: o.nameEn } : null;
  };
  return {
    items: snap.pending.slice(0, 1000).map((c) => ({
      componentId: c.componentId,
      system: snap.systems.get(c.systemId) ?? { id: c.systemId, code: '', name: '' },
      value: c.value,
      claimedBy: org(c.claimedBy),
      registeredBy: c.registeredBy.map(org).filter((o) => o !== null),
    })),
  };
}
