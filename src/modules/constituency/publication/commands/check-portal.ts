import { asc, eq } from 'drizzle-orm';
import { registeredValues } from '../../../../engines/contact-match/index.ts';
import type { Ctx } from '../../../../platform/actor.ts';
import { AppError, notFound } from '../../../../platform/errors.ts';
import { parseAllowlist } from '../../../../platform/fetch-guard.ts';
import type { Platform } from '../../../../platform/platform.ts';
import { runCommand } from '../../../audit/command.ts';
import { contactPoints, organisations } from '../../tables.ts';
import { inspectPage } from '../inspect-page.ts';
import { authorizeManagePublication } from '../policy.ts';
import { presentCheck } from '../presenter.ts';
import { organisationPortals, publicationChecks } from '../tables.ts';

export type CheckTrigger = 'schedule' | 'manual';

/**
 * Checks one organisation's portal page and keeps the evidence. The fetch runs outside any
 * transaction; the evidence row and its audit entry are written together afterwards.
 */
export async function checkPortal(platform: Platform, ctx: Ctx, organisationId: string, trigger: CheckTrigger) {
  if (ctx.actor.kind === 'user') authorizeManagePublication(ctx.actor.principal, organisationId);
  const { db } = platform;
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw notFound();
  const [portal] = await db
    .select()
    .from(organisationPortals)
    .where(eq(organisationPortals.organisationId, organisationId));
  if (!portal) throw new AppError(409, 'portal_url_missing');
  const contacts = await db
    .select({ email: contactPoints.email, phone247: contactPoints.phone247 })
    .from(contactPoints)
    .where(eq(contactPoints.organisationId, organisationId))
    .orderBy(asc(contactPoints.createdAt));
  const outcome = await inspectPage(portal.url, registeredValues(contacts), {
    allow: parseAllowlist(platform.config.fetchAllow ?? []),
  });
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .insert(publicationChecks)
      .values({
        organisationId,
        ...outcome,
        checkedAt: ctx.clock.now(),
        trigger,
        checkedBy: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const check = presentCheck(row);
    audit({
      action: 'publication.check',
      subjectType: 'organisation_portal',
      subjectId: organisationId,
      organisationId,
      detail: {
        checkId: check.id,
        url: check.url,
        result: check.result,
        httpStatus: check.httpStatus,
        sha256: check.sha256,
        trigger,
      },
    });
    return check;
  });
}
