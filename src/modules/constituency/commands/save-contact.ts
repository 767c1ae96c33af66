import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { type CommandScope, runCommand } from '../../audit/command.ts';
import { authorizeManageContacts } from '../policy.ts';
import { presentContact } from '../presenter.ts';
import { contactPoints, organisations } from '../tables.ts';

export type ContactInput = {
  personName?: string;
  personRole?: string | null;
  phone247?: string | null;
  email?: string | null;
  otherChannels?: string | null;
};

/** Editing a contact also confirms it is current (R8 "last confirmed"). */
export function confirmation(ctx: Ctx, now: Date) {
  return { confirmedAt: now, confirmedBy: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null };
}

/** Contact points (đầu mối) carry `updated_at`: the 24-hour update duty is measured from it. */
export async function createContact(
  db: Db,
  ctx: Ctx,
  organisationId: string,
  input: ContactInput & { personName: string },
) {
  if (ctx.actor.kind === 'user') authorizeManageContacts(ctx.actor.principal, organisationId);
  return runCommand(db, ctx, (scope) => insertContact(scope, organisationId, input));
}

/** Adds a contact point inside a caller's command (bulk import runs many in one transaction). */
export async function insertContact(
  { tx, ctx, audit }: CommandScope,
  organisationId: string,
  input: ContactInput & { personName: string },
) {
  if (ctx.actor.kind === 'user') authorizeManageContacts(ctx.actor.principal, organisationId);
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw notFound();
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(contactPoints)
    .values({ ...input, organisationId, createdAt: now, updatedAt: now, ...confirmation(ctx, now) })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  const after = presentContact(row);
  audit({ action: 'contact.create', subjectType: 'contact_point', subjectId: row.id, organisationId, after });
  return after;
}

export async function updateContact(db: Db, ctx: Ctx, id: string, input: ContactInput) {
  return runCommand(db, ctx, (scope) => changeContact(scope, id, input));
}

/** Changes a contact point inside a caller's command. */
export async function changeContact({ tx, ctx, audit }: CommandScope, id: string, input: ContactInput) {
  const [before] = await tx.select().from(contactPoints).where(eq(contactPoints.id, id)).for('update');
  if (!before) throw notFound();
  if (ctx.actor.kind === 'user') authorizeManageContacts(ctx.actor.principal, before.organisationId);
  const [row] = await tx
    .update(contactPoints)
    .set({ ...input, updatedAt: ctx.clock.now(), ...confirmation(ctx, ctx.clock.now()) })
    .where(eq(contactPoints.id, id))
    .returning();
  if (!row) throw notFound();
  const after = presentContact(row);
  audit({
    action: 'contact.update',
    subjectType: 'contact_point',
    subjectId: id,
    organisationId: before.organisationId,
    before: presentContact(before),
    after,
  });
  return after;
}

export async function deleteContact(db: Db, ctx: Ctx, id: string) {
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [before] = await tx.select().from(contactPoints).where(eq(contactPoints.id, id)).for('update');
    if (!before) throw notFound();
    if (ctx.actor.kind === 'user') authorizeManageContacts(ctx.actor.principal, before.organisationId);
    await tx.delete(contactPoints).where(eq(contactPoints.id, id));
    audit({
      action: 'contact.delete',
      subjectType: 'contact_point',
      subjectId: id,
      organisationId: before.organisationId,
      before: presentContact(before),
    });
  });
}
