import { z } from 'zod';
import type { CommandScope } from '../../audit/command.ts';
import { presentPortal } from './presenter.ts';
import { organisationPortals } from './tables.ts';

/** `portals` in a constituency file: the page on which an organisation publishes its incident contact. */
export const portalSeed = z.strictObject({
  organisation: z.string(),
  url: z.url({ protocol: /^https?$/ }),
});
export type PortalSeed = z.infer<typeof portalSeed>;

/**
 * Sets the portal of organisations that have none; a URL set since (by a user) is left alone, so
 * re-seeding changes nothing. No check is run or invented here: the scheduled check finds out.
 */
export async function seedPortals(scope: CommandScope, portals: PortalSeed[], idByCode: Map<string, string>) {
  const { tx, ctx, audit } = scope;
  let created = 0;
  for (const p of portals) {
    const organisationId = idByCode.get(p.organisation);
    if (!organisationId) continue;
    const [row] = await tx
      .insert(organisationPortals)
      .values({ organisationId, url: p.url, updatedAt: ctx.clock.now(), updatedBy: null })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    created++;
    audit({
      action: 'publication.portal_set',
      subjectType: 'organisation_portal',
      subjectId: organisationId,
      organisationId,
      before: null,
      after: presentPortal(row),
    });
  }
  return created;
}
