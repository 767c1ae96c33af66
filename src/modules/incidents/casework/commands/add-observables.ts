import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { actorOf } from '../access.ts';
import { attachObservables } from '../observables/attach-observables.ts';
import { parseObservableInput } from '../observables/parse-input.ts';
import { MAX_OBSERVABLES, type ObservableAddInput } from '../schemas.ts';

/** Adds typed and/or pasted observables to an incident; bad values are listed back, good ones added. */
export async function addObservables(scope: CommandScope, incidentId: string, input: ObservableAddInput) {
  const { row, access } = await loadIncident(scope.tx, incidentId, { lock: true });
  authorizeWorkIncident(actorOf(scope.ctx), access);
  if ((input.items ?? []).length === 0 && !input.text?.trim()) throw new AppError(400, 'observables_empty');
  const parsed = parseObservableInput(input, MAX_OBSERVABLES);
  if (parsed.found.length > MAX_OBSERVABLES)
    throw new AppError(400, 'observables_too_many', { max: MAX_OBSERVABLES, count: `${MAX_OBSERVABLES}+` });
  const added = await attachObservables(scope, incidentId, parsed.found, {
    isIoc: input.isIoc,
    tlp: input.tlp ?? row.tlp,
  });
  if (added === 0)
    scope.audit({
      action: 'incident.observables.add',
      subjectType: 'incident',
      subjectId: incidentId,
      detail: { added: 0, rejected: parsed.rejected.length },
    });
  return { added, found: parsed.found, rejected: parsed.rejected, truncated: parsed.truncated };
}
