import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import { organisations } from '../../constituency/tables.ts';
import { authorizeManageOrganisationAddresses } from '../policy.ts';
import { organisationNotifyAddresses } from '../tables.ts';

/** Replaces the e-mail addresses that receive an organisation's notifications. */
export async function saveOrganisationAddresses(db: Db, ctx: Ctx, organisationId: string, emails: readonly string[]) {
  if (ctx.actor.kind === 'user') authorizeManageOrganisationAddresses(ctx.actor.principal, organisationId);
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))].sort();
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .for('update');
    if (!org) throw notFound();
    const before = await tx
      .select()
      .from(organisationNotifyAddresses)
      .where(eq(organisationNotifyAddresses.organisationId, organisationId));
    await tx.delete(organisationNotifyAddresses).where(eq(organisationNotifyAddresses.organisationId, organisationId));
    const now = ctx.clock.now();
    const kept = new Map(before.map((b) => [b.email, b.createdAt]));
    const rows =
      wanted.length === 0
        ? []
        : await tx
            .insert(organisationNotifyAddresses)
            .values(wanted.map((email) => ({ organisationId, email, createdAt: kept.get(email) ?? now })))
            .returning();
    audit({
      action: 'notify.organisation_addresses',
      subjectType: 'organisation',
      subjectId: organisationId,
      organisationId,
      before: { emails: before.map((b) => b.email).sort() },
      after: { emails: wanted },
    });
    return {
      items: rows
        .sort((a, b) => a.email.localeCompare(b.email))
        .map((r) => ({ email: r.email, createdAt: r.createdAt.toISOString() })),
    };
  });
}
