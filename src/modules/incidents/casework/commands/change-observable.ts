import { eq } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { Platform } from '../../../../platform/platform.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { incidentObservables } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { actorOf, visibleObservableTlps } from '../access.ts';
import { ownersOf } from '../observables/owners.ts';
import { findVisibleObservable, presentObservable } from '../observables/queries.ts';
import type { ObservableUpdateInput } from '../schemas.ts';

async function loadForWork(scope: CommandScope, incidentId: string, oid: string) {
  const p = actorOf(scope.ctx);
  const { access } = await loadIncident(scope.tx, incidentId, { lock: true });
  authorizeWorkIncident(p, access);
  const row = await findVisibleObservable(scope.tx, incidentId, oid, visibleObservableTlps(p, access));
  if (!row) throw new AppError(404, 'observable_unknown');
  return { p, row };
}

/** Sets an observable's IOC flag, TLP or note. */
export async function updateObservable(
  platform: Platform,
  scope: CommandScope,
  incidentId: string,
  oid: string,
  input: ObservableUpdateInput,
) {
  const { p, row } = await loadForWork(scope, incidentId, oid);
  const set = {
    ...(input.isIoc === undefined ? {} : { isIoc: input.isIoc }),
    ...(input.tlp === undefined ? {} : { tlp: input.tlp }),
    ...(input.note === undefined ? {} : { note: input.note }),
  };
  const [after] = await scope.tx
    .update(incidentObservables)
    .set(set)
    .where(eq(incidentObservables.id, oid))
    .returning();
  if (!after) throw new AppError(404, 'observable_unknown');
  scope.audit({
    action: 'incident.observable.update',
    subjectType: 'incident',
    subjectId: incidentId,
    before: { isIoc: row.isIoc, tlp: row.tlp, note: row.note },
    after: { isIoc: after.isIoc, tlp: after.tlp, note: after.note },
    detail: { observableId: oid, type: row.type, value: row.value },
  });
  const [owners] = await ownersOf(platform, p, [after]);
  return presentObservable(after, owners ?? []);
}

/** Removes an observable from the incident (the constituency-wide indicator stays). */
export async function removeObservable(scope: CommandScope, incidentId: string, oid: string): Promise<void> {
  const { row } = await loadForWork(scope, incidentId, oid);
  await scope.tx.delete(incidentObservables).where(eq(incidentObservables.id, oid));
  await recordEvent(scope.tx, scope.ctx, {
    incidentId,
    kind: 'observable',
    summary: `-1 ${row.type}`,
    detail: { removed: 1, type: row.type },
  });
  scope.audit({
    action: 'incident.observable.remove',
    subjectType: 'incident',
    subjectId: incidentId,
    before: { type: row.type, value: row.value, isIoc: row.isIoc, tlp: row.tlp, note: row.note },
    detail: { observableId: oid },
  });
}
