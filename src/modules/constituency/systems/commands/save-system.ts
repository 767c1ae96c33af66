import { eq } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { contactPoints } from '../../tables.ts';
import { authorizeManageSystem, authorizeSystemParties } from '../policy.ts';
import { systemFields } from '../presenter.ts';
import type { SystemCreateInput, SystemUpdateInput } from '../schemas.ts';
import { informationSystems } from '../tables.ts';
import { findSystemByCode, lockSystem, organisationRefs, viewOf } from './load-system.ts';

function checkLevel(level: number | null | undefined): void {
  if (level == null) return;
  if (!Number.isInteger(level) || level < 1 || level > 5)
    throw new AppError(400, 'system_level_invalid', { value: String(level) });
}

async function checkContact(tx: Tx, contactId: string | null | undefined, orgIds: string[]) {
  if (!contactId) return;
  const [c] = await tx
    .select({ organisationId: contactPoints.organisationId })
    .from(contactPoints)
    .where(eq(contactPoints.id, contactId));
  if (!c || !orgIds.includes(c.organisationId)) throw new AppError(400, 'system_contact_foreign');
}

async function checkCodeFree(tx: Tx, code: string, exceptId?: string) {
  const existing = await findSystemByCode(tx, code);
  if (existing && existing.id !== exceptId) throw new AppError(409, 'system_code_taken', { code });
}

/** Registers an information system (audited `system.create`). Runs inside the caller's command. */
export async function createSystem(scope: CommandScope, input: SystemCreateInput) {
  const { tx, ctx, audit } = scope;
  const code = input.code.trim().toUpperCase();
  const parties = { ownerOrgId: input.ownerOrgId, operatorOrgId: input.operatorOrgId ?? input.ownerOrgId };
  if (ctx.actor.kind === 'user') authorizeSystemParties(ctx.actor.principal, parties);
  checkLevel(input.securityLevel);
  await organisationRefs(tx, [parties.ownerOrgId, parties.operatorOrgId]);
  await checkContact(tx, input.ownerContactId, [parties.ownerOrgId, parties.operatorOrgId]);
  await checkCodeFree(tx, code);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(informationSystems)
    .values({
      ...input,
      code,
      ...parties,
      securityMeasures: input.securityMeasures ?? null,
      createdAt: now,
      updatedAt: now,
      lastChangedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  audit({
    action: 'system.create',
    subjectType: 'information_system',
    subjectId: row.id,
    organisationId: row.ownerOrgId,
    after: systemFields(row),
  });
  return viewOf(tx, row);
}

/** Changes a system's fields (audited `system.update` with before/after); bumps last_changed_at. */
export async function updateSystem(scope: CommandScope, id: string, patch: SystemUpdateInput) {
  const { tx, ctx, audit } = scope;
  const before = await lockSystem(tx, id);
  if (ctx.actor.kind === 'user') authorizeManageSystem(ctx.actor.principal, before);
  const parties = {
    ownerOrgId: patch.ownerOrgId ?? before.ownerOrgId,
    operatorOrgId: patch.operatorOrgId ?? before.operatorOrgId,
  };
  if (ctx.actor.kind === 'user') authorizeSystemParties(ctx.actor.principal, parties);
  checkLevel(patch.securityLevel);
  await organisationRefs(tx, [parties.ownerOrgId, parties.operatorOrgId]);
  const contactId = patch.ownerContactId === undefined ? before.ownerContactId : patch.ownerContactId;
  await checkContact(tx, contactId, [parties.ownerOrgId, parties.operatorOrgId]);
  const code = patch.code ? patch.code.trim().toUpperCase() : before.code;
  if (code !== before.code) await checkCodeFree(tx, code, id);
  const now = ctx.clock.now();
  const [row] = await tx
    .update(informationSystems)
    .set({ ...patch, code, ...parties, updatedAt: now, lastChangedAt: now })
    .where(eq(informationSystems.id, id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  audit({
    action: patch.status === 'retired' && before.status !== 'retired' ? 'system.retire' : 'system.update',
    subjectType: 'information_system',
    subjectId: id,
    organisationId: row.ownerOrgId,
    before: systemFields(before),
    after: systemFields(row),
  });
  return viewOf(tx, row);
}

/** Retires a system: it stays in the registry (and its history) with status `retired`. */
export async function retireSystem(scope: CommandScope, id: string) {
  return updateSystem(scope, id, { status: 'retired' });
}
