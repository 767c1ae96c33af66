import { eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { IncidentOrgRelation } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { informationSystems } from '../../../constituency/systems/tables.ts';
import { organisations } from '../../../constituency/tables.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident } from '../../policy.ts';
import { incidentOrganisations, incidentSystems, incidents } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';

async function bumpVersion(scope: CommandScope, id: string, version: number) {
  await scope.tx
    .update(incidents)
    .set({ version: version + 1, updatedAt: scope.ctx.clock.now() })
    .where(eq(incidents.id, id));
}

/** The whole list is replaced: read at an older version, it would drop another user's change. */
function checkVersion(current: number, given: number | undefined): void {
  if (given !== undefined && given !== current) throw new AppError(409, 'incident_version_conflict', { current });
}

/** Replaces the involved organisations; the owner always stays affected (AMBER reaches these). */
export async function setOrganisations(
  scope: CommandScope,
  id: string,
  input: { organisationId: string; relation: IncidentOrgRelation }[],
  version?: number,
) {
  const { tx, ctx, audit } = scope;
  const { row, access } = await loadIncident(tx, id, { lock: true });
  if (ctx.actor.kind === 'user') authorizeWorkIncident(ctx.actor.principal, access);
  checkVersion(row.version, version);
  if (!input.some((o) => o.organisationId === row.organisationId && o.relation === 'affected'))
    throw new AppError(400, 'incident_owner_required');
  const unique = [...new Map(input.map((o) => [`${o.organisationId}/${o.relation}`, o])).values()];
  const ids = [...new Set(unique.map((o) => o.organisationId))];
  const found = await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, ids));
  if (found.length !== ids.length) throw new AppError(400, 'organisation_unknown');
  const before = await tx
    .select({ organisationId: incidentOrganisations.organisationId, relation: incidentOrganisations.relation })
    .from(incidentOrganisations)
    .where(eq(incidentOrganisations.incidentId, id));
  await tx.delete(incidentOrganisations).where(eq(incidentOrganisations.incidentId, id));
  await tx.insert(incidentOrganisations).values(unique.map((o) => ({ incidentId: id, ...o })));
  await bumpVersion(scope, id, row.version);
  await recordEvent(tx, ctx, {
    incidentId: id,
    kind: 'organisations',
    summary: `${ids.length}`,
    detail: { organisations: unique },
  });
  audit({
    action: 'incident.organisations',
    subjectType: 'incident',
    subjectId: id,
    organisationId: row.organisationId,
    before: { organisations: before },
    after: { organisations: unique },
  });
  return { organisations: unique };
}

/** Replaces the affected information systems. */
export async function setSystems(scope: CommandScope, id: string, systemIds: string[], version?: number) {
  const { tx, ctx, audit } = scope;
  const { row, access } = await loadIncident(tx, id, { lock: true });
  if (ctx.actor.kind === 'user') authorizeWorkIncident(ctx.actor.principal, access);
  checkVersion(row.version, version);
  const ids = [...new Set(systemIds)];
  if (ids.length > 0) {
    const found = await tx
      .select({ id: informationSystems.id })
      .from(informationSystems)
      .where(inArray(informationSystems.id, ids));
    if (found.length !== ids.length) throw new AppError(400, 'system_unknown');
  }
  const before = await tx
    .select({ systemId: incidentSystems.systemId })
    .from(incidentSystems)
    .where(eq(incidentSystems.incidentId, id));
  await tx.delete(incidentSystems).where(eq(incidentSystems.incidentId, id));
  if (ids.length > 0) await tx.insert(incidentSystems).values(ids.map((systemId) => ({ incidentId: id, systemId })));
  await bumpVersion(scope, id, row.version);
  await recordEvent(tx, ctx, { incidentId: id, kind: 'systems', summary: `${ids.length}`, detail: { systemIds: ids } });
  audit({
    action: 'incident.systems',
    subjectType: 'incident',
    subjectId: id,
    organisationId: row.organisationId,
    before: { systemIds: before.map((s) => s.systemId) },
    after: { systemIds: ids },
  });
  return { systemIds: ids };
}
