import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { users } from '../../../identity/tables.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { incidentMembers, incidents, incidentTypes } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import type { IncidentPatch } from '../schemas.ts';

const FIELDS = [
  'title',
  'description',
  'typeCode',
  'severity',
  'tlp',
  'pap',
  'detectedAt',
  'occurredAt',
  'leadUserId',
] as const;

const comparable = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/** Edits the incident's fields; a stale `version` → 409 (someone else saved in between). */
export async function updateIncident(scope: CommandScope, id: string, patch: IncidentPatch) {
  const { tx, ctx, audit } = scope;
  const loaded = await loadIncident(tx, id, { lock: true });
  if (ctx.actor.kind === 'user') authorizeWorkIncident(ctx.actor.principal, loaded.access);
  const row = loaded.row;
  if (patch.version !== row.version) throw new AppError(409, 'incident_version_conflict', { current: row.version });
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of FIELDS) {
    if (patch[f] === undefined || comparable(patch[f]) === comparable(row[f])) continue;
    before[f] = row[f];
    after[f] = patch[f];
  }
  if (Object.keys(after).length === 0) {
    scope.unchanged();
    return row;
  }
  const lead = after.leadUserId;
  if (typeof after.typeCode === 'string') {
    const [t] = await tx
      .select({ code: incidentTypes.code })
      .from(incidentTypes)
      .where(and(eq(incidentTypes.code, after.typeCode), eq(incidentTypes.active, true)));
    if (!t) throw new AppError(400, 'incident_type_unknown', { code: after.typeCode });
  }
  if (typeof lead === 'string') {
    const u = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.id, [lead]));
    if (u.length === 0) throw new AppError(400, 'user_unknown');
  }
  // TLP:RED is seen only by the users named on it: whoever makes an incident RED is named on it
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null;
  if (after.tlp === 'red' && actorId && !loaded.access.memberUserIds.includes(actorId))
    await tx.insert(incidentMembers).values({ incidentId: id, userId: actorId, role: 'named' }).onConflictDoNothing();
  const [updated] = await tx
    .update(incidents)
    .set({ ...after, version: row.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(incidents.id, id))
    .returning();
  if (!updated) throw new Error('update returned nothing');
  if ('leadUserId' in after) {
    // One lead: the old lead stays on the team; the new one is named as lead (and sees TLP:RED).
    await tx
      .update(incidentMembers)
      .set({ role: 'team' })
      .where(and(eq(incidentMembers.incidentId, id), eq(incidentMembers.role, 'lead')));
    if (typeof lead === 'string')
      await tx
        .insert(incidentMembers)
        .values({ incidentId: id, userId: lead, role: 'lead' })
        .onConflictDoUpdate({ target: [incidentMembers.incidentId, incidentMembers.userId], set: { role: 'lead' } });
  }
  await recordEvent(tx, ctx, {
    incidentId: id,
    kind: 'fields',
    summary: Object.keys(after).join(', '),
    detail: { before, after },
  });
  audit({
    action: 'incident.update',
    subjectType: 'incident',
    subjectId: id,
    organisationId: row.organisationId,
    before,
    after,
  });
  return updated;
}
