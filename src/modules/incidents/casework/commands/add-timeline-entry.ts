import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import { actorOf } from '../access.ts';

/** A manual timeline entry: something that happened (in the past) that a responder writes down. */
export async function addTimelineEntry(
  scope: CommandScope,
  incidentId: string,
  input: { occurredAt: string; summary: string },
): Promise<{ ok: true }> {
  const { access } = await loadIncident(scope.tx, incidentId);
  authorizeWorkIncident(actorOf(scope.ctx), access);
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > scope.ctx.clock.now().getTime() + 60_000) throw new AppError(400, 'timeline_future');
  await recordEvent(scope.tx, scope.ctx, { incidentId, kind: 'note', summary: input.summary, occurredAt });
  scope.audit({
    action: 'incident.timeline.add',
    subjectType: 'incident',
    subjectId: incidentId,
    detail: { occurredAt: occurredAt.toISOString(), summary: input.summary },
  });
  return { ok: true };
}
