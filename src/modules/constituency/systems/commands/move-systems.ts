import { eq, or } from 'drizzle-orm';
import type { CommandScope } from '../../../audit/command.ts';
import { systemFields } from '../presenter.ts';
import { informationSystems } from '../tables.ts';

/**
 * An organisation merged into a successor hands over the systems it owns or operates (part of the
 * merge command): each one is audited as `system.update` and counts as changed.
 */
export async function moveSystemsToSuccessor(scope: CommandScope, fromOrgId: string, toOrgId: string) {
  const { tx, ctx, audit } = scope;
  const rows = await tx
    .select()
    .from(informationSystems)
    .where(or(eq(informationSystems.ownerOrgId, fromOrgId), eq(informationSystems.operatorOrgId, fromOrgId)))
    .for('update');
  const now = ctx.clock.now();
  for (const before of rows) {
    const [row] = await tx
      .update(informationSystems)
      .set({
        ownerOrgId: before.ownerOrgId === fromOrgId ? toOrgId : before.ownerOrgId,
        operatorOrgId: before.operatorOrgId === fromOrgId ? toOrgId : before.operatorOrgId,
        updatedAt: now,
        lastChangedAt: now,
      })
      .where(eq(informationSystems.id, before.id))
      .returning();
    if (!row) continue;
    audit({
      action: 'system.update',
      subjectType: 'information_system',
      subjectId: row.id,
      organisationId: row.ownerOrgId,
      before: systemFields(before),
      after: systemFields(row),
      detail: { reason: 'organisation.merge' },
    });
  }
  return rows.map((r) => r.code);
}
