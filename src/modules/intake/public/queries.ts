import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import type { IncidentStatus, ReportStatus } from '../../../shared/vocabulary.ts';
import { incidents, reports } from '../../incidents/tables.ts';
import type { PublicState } from './schemas.ts';
import { publicReportCodes } from './tables.ts';

/** The coarse state a reporter may see: nothing about who handles it, how, or what else it touches. */
export function publicState(report: ReportStatus, incident: IncidentStatus | null): PublicState {
  if (report === 'new' || report === 'logged') return 'received';
  if (report === 'spam' || report === 'not-incident') return 'not-incident';
  if (incident === 'resolved' || incident === 'closed') return 'closed';
  if (incident === 'rejected') return 'not-incident';
  return 'in-progress';
}

/** The status page's one row, by the stored form of a code; undefined when no report has it. */
export async function publicStatusOf(q: Queryable, code: string) {
  const [row] = await q
    .select({ receivedAt: reports.receivedAt, status: reports.status, incidentStatus: incidents.status })
    .from(publicReportCodes)
    .innerJoin(reports, eq(reports.id, publicReportCodes.reportId))
    .leftJoin(incidents, eq(incidents.id, reports.incidentId))
    .where(eq(publicReportCodes.code, code));
  if (!row) return undefined;
  return { receivedAt: row.receivedAt, state: publicState(row.status, row.incidentStatus) };
}
