import { eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { IncidentMemberRole } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { users } from '../../../identity/tables.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { incidentMembers, incidents } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';

/** Replaces the users named on the incident (lead, team, named); the lead column follows. */
export async function setMembers(
  scope: CommandScope,
  id: string,
  input: { userId: string; role: IncidentMemberRole }[],
) {
  const { tx, ctx, audit } = scope;
  const { row, access } = await loadIncident(tx, id, { lock: true });
  if (ctx.actor.kind === 'user') authorizeWorkIncident(ctx.actor.principal, access);
  const members = new Map<string, IncidentMemberRole>();
  for (const m of input) members.set(m.userId, m.role);
  const leads = [...members].filter(([, r]) => r === 'lead').map(([u]) => u);
  if (leads.length > 1) throw new AppError(400, 'incident_one_lead');
  if (row.tlp === 'red' && members.size === 0) throw new AppError(409, 'incident_red_needs_member');
  if (members.size > 0) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.id, [...members.keys()]));
    if (found.length !== members.size) throw new AppError(400, 'user_unknown');
  }
  const before = await tx
    .select({ userId: incidentMembers.userId, role: incidentMembers.role })
    .from(incidentMembers)
    .where(eq(incidentMembers.incidentId, id));
  await tx.delete(incidentMembers).where(eq(incidentMembers.incidentId, id));
  if (members.size > 0)
    await tx.insert(incidentMembers).values([...members].map(([userId, role]) => ({ incidentId: id, userId, role })));
  const lead = leads[0] ?? null;
  await tx
    .update(incidents)
    .set({ leadUserId: lead, version: row.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(incidents.id, id));
  const after = Object.fromEntries(members);
  await recordEvent(tx, ctx, {
    incidentId: id,
    kind: 'members',
    summary: `${members.size}`,
    detail: { members: after },
  });
  audit({
    action: 'incident.members',
    subjectType: 'incident',
    subjectId: id,
    organisationId: row.organisationId,
    before: { members: Object.fromEntries(before.map((m) => [m.userId, m.role])) },
    after: { members: after },
  });
  return { members: [...members].map(([userId, role]) => ({ userId, role })) };
}
