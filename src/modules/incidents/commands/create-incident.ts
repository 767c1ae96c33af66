import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import type { IncidentMemberRole, IncidentOrgRelation, Pap, Severity, Tlp } from '../../../shared/vocabulary.ts';
import type { CommandScope } from '../../audit/command.ts';
import { informationSystems } from '../../constituency/systems/tables.ts';
import { organisations } from '../../constituency/tables.ts';
import { users } from '../../identity/tables.ts';
import {
  incidentMembers,
  incidentNumbers,
  incidentOrganisations,
  incidentSystems,
  incidents,
  incidentTypes,
} from '../tables.ts';
import { recordEvent } from '../timeline/record-event.ts';

export type NewIncident = {
  title: string;
  description?: string;
  typeCode: string;
  severity?: Severity;
  tlp?: Tlp;
  pap?: Pap;
  /** the organisation whose incident it is */
  organisationId: string;
  leadUserId?: string | null;
  detectedAt?: Date | null;
  occurredAt?: Date | null;
  /** when the first report came in (MTTA/MTTR start); defaults to now */
  reportedAt?: Date;
  /** set when opened from triage */
  triagedAt?: Date | null;
  status?: 'new' | 'triage';
  organisations?: { organisationId: string; relation: IncidentOrgRelation }[];
  systemIds?: string[];
  members?: { userId: string; role: IncidentMemberRole }[];
};

/** The next incident number, SC-<year>-<6 digits> (year of creation in Vietnam time). */
export async function nextIncidentNumber(tx: Tx, at: Date): Promise<string> {
  const r = await tx.execute<{ n: string }>(sql`SELECT nextval(${incidentNumbers.seqName}) AS n`);
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(at);
  return `SC-${year}-${String(r.rows[0]?.n ?? 0).padStart(6, '0')}`;
}

async function checkRefs(tx: Tx, input: NewIncident, orgIds: string[]): Promise<void> {
  const [type] = await tx
    .select({ code: incidentTypes.code })
    .from(incidentTypes)
    .where(and(eq(incidentTypes.code, input.typeCode), eq(incidentTypes.active, true)));
  if (!type) throw new AppError(400, 'incident_type_unknown', { code: input.typeCode });
  const found = await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, orgIds));
  if (found.length !== orgIds.length) throw new AppError(400, 'organisation_unknown');
  const systemIds = input.systemIds ?? [];
  if (systemIds.length > 0) {
    const s = await tx
      .select({ id: informationSystems.id })
      .from(informationSystems)
      .where(inArray(informationSystems.id, systemIds));
    if (s.length !== new Set(systemIds).size) throw new AppError(400, 'system_unknown');
  }
  const userIds = [...(input.members ?? []).map((m) => m.userId), ...(input.leadUserId ? [input.leadUserId] : [])];
  if (userIds.length > 0) {
    const u = await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds));
    if (u.length !== new Set(userIds).size) throw new AppError(400, 'user_unknown');
  }
}

/**
 * Opens an incident (audited `incident.create`, first timeline entry). Callers authorise first:
 * the IR team opens incidents directly or from triage. The owning organisation is always
 * recorded as affected; the lead is named on it (so it sees a TLP:RED incident it leads).
 */
export async function createIncident(scope: CommandScope, input: NewIncident) {
  const { tx, ctx, audit } = scope;
  const involved = [
    { organisationId: input.organisationId, relation: 'affected' as const },
    ...(input.organisations ?? []),
  ];
  const orgIds = [...new Set(involved.map((o) => o.organisationId))];
  await checkRefs(tx, input, orgIds);
  const now = ctx.clock.now();
  const creator = ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null;
  const [row] = await tx
    .insert(incidents)
    .values({
      number: await nextIncidentNumber(tx, now),
      title: input.title,
      description: input.description ?? '',
      typeCode: input.typeCode,
      severity: input.severity ?? 'medium',
      status: input.status ?? 'new',
      tlp: input.tlp ?? 'amber',
      pap: input.pap ?? 'amber',
      organisationId: input.organisationId,
      leadUserId: input.leadUserId ?? null,
      detectedAt: input.detectedAt ?? null,
      occurredAt: input.occurredAt ?? null,
      reportedAt: input.reportedAt ?? now,
      triagedAt: input.triagedAt ?? null,
      createdBy: creator,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  const seen = new Set<string>();
  const orgRows = involved.filter((o) => {
    const key = `${o.organisationId}/${o.relation}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  await tx.insert(incidentOrganisations).values(orgRows.map((o) => ({ incidentId: row.id, ...o })));
  const systemIds = [...new Set(input.systemIds ?? [])];
  if (systemIds.length > 0)
    await tx.insert(incidentSystems).values(systemIds.map((systemId) => ({ incidentId: row.id, systemId })));
  const members = new Map<string, IncidentMemberRole>();
  for (const m of input.members ?? []) members.set(m.userId, m.role);
  if (input.leadUserId) members.set(input.leadUserId, 'lead');
  // TLP:RED is seen only by the users named on it: whoever opens one is named, or could not open it again
  if (row.tlp === 'red' && creator && !members.has(creator)) members.set(creator, 'named');
  if (members.size > 0)
    await tx
      .insert(incidentMembers)
      .values([...members].map(([userId, role]) => ({ incidentId: row.id, userId, role })));
  await recordEvent(tx, ctx, {
    incidentId: row.id,
    kind: 'created',
    summary: row.title,
    detail: { number: row.number, status: row.status, severity: row.severity, tlp: row.tlp },
  });
  audit({
    action: 'incident.create',
    subjectType: 'incident',
    subjectId: row.id,
    organisationId: row.organisationId,
    after: {
      number: row.number,
      title: row.title,
      typeCode: row.typeCode,
      severity: row.severity,
      status: row.status,
      tlp: row.tlp,
      pap: row.pap,
      organisations: orgRows,
      systemIds,
      members: Object.fromEntries(members),
    },
  });
  return row;
}
