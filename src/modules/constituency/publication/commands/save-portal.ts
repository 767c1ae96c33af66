import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/database.ts';
import type { Ctx } from '../../../../platform/actor.ts';
import { AppError, notFound } from '../../../../platform/errors.ts';
import type { FetchAllowlist } from '../../../../platform/fetch-guard.ts';
import { checkUrl, SafeFetchError } from '../../../../platform/safe-fetch.ts';
import { runCommand } from '../../../audit/command.ts';
import { organisations } from '../../tables.ts';
import { authorizeManagePublication } from '../policy.ts';
import { presentPortal } from '../presenter.ts';
import { organisationPortals } from '../tables.ts';

/** Sets (or, with null, removes) the portal page URL of an organisation. */
export async function savePortal(db: Db, ctx: Ctx, organisationId: string, url: string | null, allow: FetchAllowlist) {
  if (ctx.actor.kind === 'user') authorizeManagePublication(ctx.actor.principal, organisationId);
  if (url) refuseBlockedLiteral(url, allow);
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    if (!org) throw notFound();
    const [before] = await tx
      .select()
      .from(organisationPortals)
      .where(eq(organisationPortals.organisationId, organisationId))
      .for('update');
    const subject = { subjectType: 'organisation_portal', subjectId: organisationId, organisationId };
    if (!url) {
      if (before) await tx.delete(organisationPortals).where(eq(organisationPortals.organisationId, organisationId));
      audit({ action: 'publication.portal_remove', ...subject, before: before ? presentPortal(before) : null });
      return null;
    }
    const values = {
      url,
      updatedAt: ctx.clock.now(),
      updatedBy: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
    };
    const [row] = await tx
      .insert(organisationPortals)
      .values({ organisationId, ...values })
      .onConflictDoUpdate({ target: organisationPortals.organisationId, set: values })
      .returning();
    if (!row) throw new Error('upsert returned nothing');
    const after = presentPortal(row);
    audit({ action: 'publication.portal_set', ...subject, before: before ? presentPortal(before) : null, after });
    return after;
  });
}

/** An address literal that the fetcher would refuse is refused when typed, with the reason. */
function refuseBlockedLiteral(url: string, allow: FetchAllowlist): void {
  try {
    checkUrl(url, allow);
  } catch (err) {
    if (err instanceof SafeFetchError && err.code === 'blocked') {
      throw new AppError(400, 'portal_url_blocked', { reason: err.message.replace(/^blocked: /, '') });
    }
    throw new AppError(400, 'validation_failed', { detail: 'url' });
  }
}
