import { and, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { foldedContains } from '../../../db/text-search.ts';
import type { Principal } from '../../../platform/actor.ts';
import { incidentVisibleSql } from '../policy.ts';
import { incidentOrganisations, incidentSystems, incidents, incidentTasks } from '../tables.ts';
import type { IncidentFilter } from './schemas.ts';

/** Same expression as incidents_search_idx, so the trigram index serves text search. */
export const searchDocument = sql`${incidents.number} || ' ' || ${incidents.title} || ' ' || ${incidents.description}`;

/** A date-only bound is a day in Vietnam; `to` is exclusive of the next day. */
function bound(v: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00+07:00`);
    return end ? new Date(d.getTime() + 86_400_000) : d;
  }
  return new Date(v);
}

const nonEmpty = <T>(v: T[] | undefined): v is T[] => Array.isArray(v) && v.length > 0;

/**
 * The list filters and the principal's visibility as one condition on `incidents`. Each filter is
 * written so an index can drive it (the (x, created_at, id) indexes; EXISTS on the link tables'
 * (organisation_id|system_id|assignee) indexes).
 */
export function incidentConditions(p: Principal, f: IncidentFilter, narrow = false): SQL {
  const org = f.organisationId;
  const assignee = f.assigneeUserId;
  const conditions: (SQL | undefined)[] = [
    incidentVisibleSql(p, undefined, { narrow }),
    nonEmpty(f.status) ? inArray(incidents.status, f.status) : undefined,
    nonEmpty(f.typeCode) ? inArray(incidents.typeCode, f.typeCode) : undefined,
    nonEmpty(f.severity) ? inArray(incidents.severity, f.severity) : undefined,
    nonEmpty(f.tlp) ? inArray(incidents.tlp, f.tlp) : undefined,
    org
      ? or(
          sql`${incidents.organisationId} = ${org}`,
          sql`EXISTS (SELECT 1 FROM ${incidentOrganisations} fo WHERE fo.incident_id = ${incidents.id} AND fo.organisation_id = ${org})`,
        )
      : undefined,
    f.systemId
      ? sql`EXISTS (SELECT 1 FROM ${incidentSystems} fs WHERE fs.incident_id = ${incidents.id} AND fs.system_id = ${f.systemId})`
      : undefined,
    assignee
      ? or(
          sql`${incidents.leadUserId} = ${assignee}`,
          sql`EXISTS (SELECT 1 FROM ${incidentTasks} ft WHERE ft.incident_id = ${incidents.id} AND ft.assignee_user_id = ${assignee})`,
        )
      : undefined,
    f.from ? gte(incidents.createdAt, bound(f.from, false)) : undefined,
    f.to ? lt(incidents.createdAt, bound(f.to, true)) : undefined,
    f.q?.trim() ? foldedContains(searchDocument, f.q) : undefined,
  ];
  return and(...conditions) ?? sql`TRUE`;
}
