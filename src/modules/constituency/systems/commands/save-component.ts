import { eq } from 'drizzle-orm';
import { hasRole } from '../../../../platform/access.ts';
import type { Ctx } from '../../../../platform/actor.ts';
import { notFound } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { type ComponentDraft, normaliseComponent } from '../normalise-component.ts';
import { authorizeManageSystem } from '../policy.ts';
import { componentFields, componentValue, presentComponent } from '../presenter.ts';
import type { ComponentUpdateInput } from '../schemas.ts';
import { informationSystems, systemComponents } from '../tables.ts';
import { lockSystem } from './load-system.ts';

type Scope = CommandScope;

async function touchSystem(scope: Scope, systemId: string) {
  const now = scope.ctx.clock.now();
  await scope.tx.update(informationSystems).set({ lastChangedAt: now }).where(eq(informationSystems.id, systemId));
  return now;
}

/**
 * Component events carry the system id, which the history query finds them by, and the component's
 * value, which names it in the history (an update's diff holds only the changed fields).
 */
function detailOf(system: { id: string; code: string }, component: typeof systemComponents.$inferSelect) {
  return {
    systemId: system.id,
    systemCode: system.code,
    componentKind: component.kind,
    component: componentValue(component),
  };
}

/**
 * Coordinators, administrators and the system (seed, imports it runs) vouch for what a component
 * claims; anyone else's claim on space another organisation registered waits for a coordinator
 * (docs/ARCHITECTURE.md, "Components and ownership").
 */
function confirmation(ctx: Ctx): { ownershipConfirmedAt: Date | null; ownershipConfirmedBy: string | null } {
  if (ctx.actor.kind === 'system') return { ownershipConfirmedAt: ctx.clock.now(), ownershipConfirmedBy: null };
  if (hasRole(ctx.actor.principal, 'admin', 'coordinator'))
    return { ownershipConfirmedAt: ctx.clock.now(), ownershipConfirmedBy: ctx.actor.principal.userId };
  return { ownershipConfirmedAt: null, ownershipConfirmedBy: null };
}

/** Adds a validated, normalised component (audited `system_component.create`). */
export async function addComponent(scope: Scope, systemId: string, draft: ComponentDraft) {
  const { tx, ctx, audit } = scope;
  const system = await lockSystem(tx, systemId);
  if (ctx.actor.kind === 'user') authorizeManageSystem(ctx.actor.principal, system);
  const values = normaliseComponent(draft);
  const now = await touchSystem(scope, systemId);
  const [row] = await tx
    .insert(systemComponents)
    .values({ ...values, ...confirmation(ctx), systemId, createdAt: now })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  audit({
    action: 'system_component.create',
    subjectType: 'system_component',
    subjectId: row.id,
    organisationId: system.ownerOrgId,
    after: componentFields(row),
    detail: detailOf(system, row),
  });
  return presentComponent(row);
}

async function lockComponent(scope: Scope, id: string, systemId?: string) {
  const [component] = await scope.tx.select().from(systemComponents).where(eq(systemComponents.id, id)).for('update');
  if (!component || (systemId && component.systemId !== systemId)) throw notFound();
  const system = await lockSystem(scope.tx, component.systemId);
  if (scope.ctx.actor.kind === 'user') authorizeManageSystem(scope.ctx.actor.principal, system);
  return { component, system };
}

/** Changes a component; the merged result is validated again as a whole. */
export async function updateComponent(scope: Scope, id: string, patch: ComponentUpdateInput, systemId?: string) {
  const { tx, ctx, audit } = scope;
  const { component, system } = await lockComponent(scope, id, systemId);
  const merged = { ...componentFields(component), ...patch };
  const values = normaliseComponent(merged);
  await touchSystem(scope, system.id);
  // a changed value is a new claim: confirmed again only if the actor vouches for it
  const claimChanged = componentValue({ ...component, ...values }) !== componentValue(component);
  const [row] = await tx
    .update(systemComponents)
    .set({ ...values, ...(claimChanged ? confirmation(ctx) : {}) })
    .where(eq(systemComponents.id, id))
    .returning();
  if (!row) throw notFound();
  audit({
    action: 'system_component.update',
    subjectType: 'system_component',
    subjectId: id,
    organisationId: system.ownerOrgId,
    before: componentFields(component),
    after: componentFields(row),
    detail: detailOf(system, row),
  });
  return presentComponent(row);
}

export async function removeComponent(scope: Scope, id: string, systemId?: string) {
  const { tx, audit } = scope;
  const { component, system } = await lockComponent(scope, id, systemId);
  await tx.delete(systemComponents).where(eq(systemComponents.id, id));
  await touchSystem(scope, system.id);
  audit({
    action: 'system_component.delete',
    subjectType: 'system_component',
    subjectId: id,
    organisationId: system.ownerOrgId,
    before: componentFields(component),
    detail: detailOf(system, component),
  });
}

/** A coordinator lets a component claim space another organisation registered (audited). */
export async function confirmComponentOwnership(scope: Scope, id: string, systemId: string) {
  const { tx, ctx, audit } = scope;
  const { component, system } = await lockComponent(scope, id, systemId);
  const [row] = await tx.update(systemComponents).set(confirmation(ctx)).where(eq(systemComponents.id, id)).returning();
  if (!row) throw notFound();
  audit({
    action: 'system_component.confirm_ownership',
    subjectType: 'system_component',
    subjectId: id,
    organisationId: system.ownerOrgId,
    before: { ownershipConfirmedAt: component.ownershipConfirmedAt },
    after: { ownershipConfirmedAt: row.ownershipConfirmedAt },
    detail: detailOf(system, row),
  });
  return presentComponent(row);
}
