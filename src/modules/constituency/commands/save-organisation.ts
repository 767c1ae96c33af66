import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { type CommandScope, runCommand } from '../../audit/command.ts';
import { authorizeManageOrganisations } from '../policy.ts';
import { presentOrganisation } from '../presenter.ts';
import { assertNoSuccessorCycle, lockOrganisations } from '../successor-chain.ts';
import { type OrganisationKind, organisations } from '../tables.ts';

export type OrganisationInput = {
  name?: string;
  nameEn?: string | null;
  shortName?: string | null;
  kind?: OrganisationKind;
  parentId?: string | null;
  locality?: string | null;
  networkMemberCode?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  successorId?: string | null;
  active?: boolean;
  requireMfa?: boolean;
};

function checkLinks(id: string | undefined, input: OrganisationInput) {
  if (id && (input.parentId === id || input.successorId === id)) {
    throw new AppError(400, 'validation_failed', { detail: 'an organisation cannot be its own parent or successor' });
  }
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw new AppError(400, 'validation_failed', { detail: 'validTo is before validFrom' });
  }
}

export async function createOrganisation(
  db: Db,
  ctx: Ctx,
  input: OrganisationInput & { code: string; name: string; kind: OrganisationKind },
) {
  return runCommand(db, ctx, (scope) => insertOrganisation(scope, input));
}

/** Creates an organisation inside a caller's command (bulk import runs many in one transaction). */
export async function insertOrganisation(
  { tx, ctx, audit }: CommandScope,
  input: OrganisationInput & { code: string; name: string; kind: OrganisationKind },
) {
  if (ctx.actor.kind === 'user') authorizeManageOrganisations(ctx.actor.principal);
  checkLinks(undefined, input);
  const code = input.code.trim().toUpperCase();
  const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
  if (taken) throw new AppError(409, 'code_taken', { code });
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(organisations)
    .values({ ...input, code, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  const after = presentOrganisation(row);
  audit({
    action: 'organisation.create',
    subjectType: 'organisation',
    subjectId: row.id,
    organisationId: row.id,
    after,
  });
  return after;
}

export async function updateOrganisation(db: Db, ctx: Ctx, id: string, input: OrganisationInput) {
  return runCommand(db, ctx, (scope) => changeOrganisation(scope, id, input));
}

/** Changes an organisation inside a caller's command. */
export async function changeOrganisation({ tx, ctx, audit }: CommandScope, id: string, input: OrganisationInput) {
  if (ctx.actor.kind === 'user') authorizeManageOrganisations(ctx.actor.principal);
  checkLinks(id, input);
  await lockOrganisations(tx, [id, ...(input.successorId ? [input.successorId] : [])]);
  const [before] = await tx.select().from(organisations).where(eq(organisations.id, id));
  if (!before) throw notFound();
  if (input.successorId) await assertNoSuccessorCycle(tx, id, input.successorId);
  const merged = { validFrom: before.validFrom, validTo: before.validTo, ...input };
  checkLinks(id, merged);
  const [row] = await tx
    .update(organisations)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(organisations.id, id))
    .returning();
  if (!row) throw notFound();
  const after = presentOrganisation(row);
  audit({
    action: 'organisation.update',
    subjectType: 'organisation',
    subjectId: id,
    organisationId: id,
    before: presentOrganisation(before),
    after,
  });
  return after;
}
