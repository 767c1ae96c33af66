import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { IncidentAccess } from './policy.ts';
import { incidentMembers, incidentOrganisations, incidents } from './tables.ts';

export type IncidentRow = typeof incidents.$inferSelect;
export type LoadedIncident = {
  row: IncidentRow;
  access: IncidentAccess & { workerUserIds: string[] };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An incident with the facts its policy needs (involved organisations, named users). `lock` takes
 * a row lock (FOR UPDATE) so concurrent commands on one incident run one after the other.
 * Unknown → 404 (callers check visibility next, which also answers 404).
 */
export async function loadIncident(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<LoadedIncident> {
  if (!UUID.test(id)) throw notFound();
  const base = q.select().from(incidents).where(eq(incidents.id, id));
  const [row] = opts.lock ? await base.for('update') : await base;
  if (!row) throw notFound();
  const [orgs, members] = await Promise.all([
    q
      .select({ organisationId: incidentOrganisations.organisationId })
      .from(incidentOrganisations)
      .where(eq(incidentOrganisations.incidentId, id)),
    q
      .select({ userId: incidentMembers.userId, role: incidentMembers.role })
      .from(incidentMembers)
      .where(eq(incidentMembers.incidentId, id)),
  ]);
  return {
    row,
    access: {
      tlp: row.tlp,
      organisationId: row.organisationId,
      involvedOrgIds: [...new Set(orgs.map((o) => o.organisationId))],
      memberUserIds: members.map((m) => m.userId),
      workerUserIds: members.filter((m) => m.role === 'lead' || m.role === 'team').map((m) => m.userId),
    },
  };
}
