import { and, eq } from 'drizzle-orm';
import { AppError, notFound } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { savedViews } from '../../tables.ts';

export const VIEW_SCOPE = 'incidents';

function userOf(scope: CommandScope): string {
  if (scope.ctx.actor.kind !== 'user') throw new Error('saved views belong to users');
  return scope.ctx.actor.principal.userId;
}

export async function saveView(scope: CommandScope, input: { name: string; filters: Record<string, unknown> }) {
  const userId = userOf(scope);
  const [row] = await scope.tx
    .insert(savedViews)
    .values({ userId, scope: VIEW_SCOPE, name: input.name, filters: input.filters })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError(409, 'saved_view_name_taken', { name: input.name });
  scope.audit({ action: 'incident.view.create', subjectType: 'saved_view', subjectId: row.id, after: input });
  return row;
}

/** Deletes one of the user's own views; someone else's is not found. */
export async function deleteView(scope: CommandScope, id: string) {
  const userId = userOf(scope);
  const [row] = await scope.tx
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId), eq(savedViews.scope, VIEW_SCOPE)))
    .returning();
  if (!row) throw notFound();
  scope.audit({
    action: 'incident.view.delete',
    subjectType: 'saved_view',
    subjectId: id,
    before: { name: row.name, filters: row.filters },
  });
}
