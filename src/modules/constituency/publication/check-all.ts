import { asc } from 'drizzle-orm';
import { systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { checkPortal } from './commands/check-portal.ts';
import { organisationPortals } from './tables.ts';

/** How many portal pages the daily run fetches at once (they are other people's servers). */
const PARALLEL = 4;

/** The daily run: every organisation with a portal URL, a few at a time; one failure stops nothing. */
export async function checkAllPortals(platform: Platform): Promise<{ checked: number; failed: number }> {
  const ctx = systemCtx('system:publication-check', platform.clock);
  const rows = await platform.db
    .select({ organisationId: organisationPortals.organisationId })
    .from(organisationPortals)
    .orderBy(asc(organisationPortals.organisationId));
  let checked = 0;
  let failed = 0;
  const queue = rows.map((r) => r.organisationId);
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        await checkPortal(platform, ctx, id, 'schedule');
        checked++;
      } catch (err) {
        failed++;
        platform.log.warn({ err, organisationId: id }, 'portal check failed');
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { checked, failed };
}
