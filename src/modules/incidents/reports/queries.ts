import { and, desc, eq, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../../db/database.ts';
import { foldedContains } from '../../../db/text-search.ts';
import type { Principal } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { organisations } from '../../constituency/tables.ts';
import { files } from '../../files/tables.ts';
import { cursorTime, cursorUuid } from '../cursor-parts.ts';
import { loadIncident } from '../load-incident.ts';
import { canSeeIncident, incidentVisibleSql, isIrTeam, observableVisibleSql } from '../policy.ts';
import { incidentObservables, incidents, reportFiles, reportObservables, reports } from '../tables.ts';
import type { ReportListFilter } from './schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Same expression as reports_search_idx. */
const searchDocument = sql`${reports.trackingNo} || ' ' || ${reports.title} || ' ' || ${reports.description}`;
/** observables shown on a report's page; the count says how many there are */
const DETAIL_OBSERVABLES = 2000;

type ReportRow = typeof reports.$inferSelect;
type OrgRow = { id: string; name: string } | null;

/** The IR team sees every report; everyone else the reports of their own organisation. */
function scope(p: Principal): SQL | undefined {
  return isIrTeam(p) ? undefined : eq(reports.reporterOrgId, p.organisationId);
}

export function canSeeReport(p: Principal, r: { reporterOrgId: string | null }): boolean {
  return isIrTeam(p) || (r.reporterOrgId !== null && r.reporterOrgId === p.organisationId);
}

async function visibleIncident(q: Queryable, p: Principal, id: string | null) {
  if (!id) return null;
  const loaded = await loadIncident(q, id);
  return canSeeIncident(p, loaded.access) ? { id: loaded.row.id, number: loaded.row.number } : null;
}

function summary(r: ReportRow, org: OrgRow, incident: { id: string; number: string } | null) {
  return {
    id: r.id,
    trackingNo: r.trackingNo,
    title: r.title,
    source: r.source,
    status: r.status,
    tlp: r.tlp,
    organisation: org,
    systemName: r.systemName,
    receivedAt: r.receivedAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    incident,
  };
}

/** Newest first, keyset-paged on (received_at, id). */
export async function listReports(db: Db, p: Principal, f: ReportListFilter) {
  const [rawAt, rawId] = decodeCursor(f.cursor) ?? [];
  const afterAt = cursorTime(rawAt);
  const afterId = cursorUuid(rawId);
  const keyset =
    afterAt && afterId
      ? or(lt(reports.receivedAt, afterAt), and(eq(reports.receivedAt, afterAt), lt(reports.id, afterId)))
      : undefined;
  const rows = await db
    .select({ r: reports, org: { id: organisations.id, name: organisations.name } })
    .from(reports)
    .leftJoin(organisations, eq(organisations.id, reports.reporterOrgId))
    .where(
      and(
        scope(p),
        f.status ? eq(reports.status, f.status) : undefined,
        f.q?.trim() ? foldedContains(searchDocument, f.q) : undefined,
        keyset,
      ),
    )
    .orderBy(desc(reports.receivedAt), desc(reports.id))
    .limit(f.limit + 1);
  const page = paginate(rows, f.limit, (x) => [x.r.receivedAt.toISOString(), x.r.id]);
  const incidentIds = [...new Set(page.items.flatMap((x) => (x.r.incidentId ? [x.r.incidentId] : [])))];
  const seen = new Map<string, { id: string; number: string }>();
  if (incidentIds.length > 0) {
    const visible = await db
      .select({ id: incidents.id, number: incidents.number })
      .from(incidents)
      .where(and(inArray(incidents.id, incidentIds), incidentVisibleSql(p)));
    for (const i of visible) seen.set(i.id, i);
  }
  return {
    items: page.items.map((x) => summary(x.r, x.org, x.r.incidentId ? (seen.get(x.r.incidentId) ?? null) : null)),
    nextCursor: page.nextCursor,
  };
}

export async function loadVisibleReport(q: Queryable, p: Principal, id: string): Promise<ReportRow> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await q.select().from(reports).where(eq(reports.id, id));
  if (!row || !canSeeReport(p, row)) throw notFound();
  return row;
}

export async function getReport(db: Db, p: Principal, id: string) {
  const r = await loadVisibleReport(db, p, id);
  const [org] = r.reporterOrgId
    ? await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, r.reporterOrgId))
    : [];
  const [observables, count, attached, incident] = await Promise.all([
    db
      .select({ type: reportObservables.type, value: reportObservables.value })
      .from(reportObservables)
      .where(eq(reportObservables.reportId, id))
      .orderBy(reportObservables.type, reportObservables.value)
      .limit(DETAIL_OBSERVABLES),
    db.select({ n: sql<number>`count(*)::int` }).from(reportObservables).where(eq(reportObservables.reportId, id)),
    db
      .select({ id: files.id, name: files.name, size: files.size, mediaType: files.mediaType })
      .from(reportFiles)
      .innerJoin(files, eq(files.id, reportFiles.fileId))
      .where(eq(reportFiles.reportId, id))
      .orderBy(files.name),
    visibleIncident(db, p, r.incidentId),
  ]);
  return {
    ...summary(r, org ?? null, incident),
    externalId: r.externalId,
    description: r.description,
    reporter: {
      userId: r.reporterUserId,
      name: r.reporterName,
      address: r.reporterAddress,
      phone: r.reporterPhone,
      email: r.reporterEmail,
    },
    contact: { name: r.contactName, title: r.contactTitle, phone: r.contactPhone, email: r.contactEmail },
    system: { id: r.systemId, name: r.systemName },
    operatorName: r.operatorName,
    ownerName: r.ownerName,
    detectedAt: r.detectedAt.toISOString(),
    occurredAt: r.occurredAt?.toISOString() ?? null,
    detectionMethod: r.detectionMethod,
    detectionDetail: r.detectionDetail,
    handlingState: r.handlingState,
    handlingResult: r.handlingResult,
    notifiedParties: r.notifiedParties,
    requests: r.requests,
    confidential: r.confidential,
    extra: r.extra as Record<string, unknown>,
    triageReason: r.triageReason,
    triagedAt: r.triagedAt?.toISOString() ?? null,
    observables,
    observablesTruncated: r.observablesTruncated,
    observableCount: count[0]?.n ?? 0,
    files: attached,
  };
}

/** Other reports and (visible) incidents sharing this report's observables, most shared first. */
export async function similarTo(db: Db, p: Principal, id: string) {
  const r = await loadVisibleReport(db, p, id);
  const mine = db
    .select({ type: reportObservables.type, value: reportObservables.value })
    .from(reportObservables)
    .where(eq(reportObservables.reportId, r.id));
  const shared = sql<number>`count(*)::int`;
  const otherReports = await db
    .select({
      id: reports.id,
      trackingNo: reports.trackingNo,
      title: reports.title,
      status: reports.status,
      shared,
    })
    .from(reportObservables)
    .innerJoin(reports, eq(reports.id, reportObservables.reportId))
    .where(
      and(
        ne(reportObservables.reportId, r.id),
        sql`(${reportObservables.type}, ${reportObservables.value}) IN ${mine}`,
        scope(p),
      ),
    )
    .groupBy(reports.id)
    .orderBy(desc(shared), desc(reports.receivedAt))
    .limit(10);
  const otherIncidents = await db
    .select({ id: incidents.id, number: incidents.number, title: incidents.title, shared })
    .from(incidentObservables)
    .innerJoin(incidents, eq(incidents.id, incidentObservables.incidentId))
    .where(
      and(
        sql`(${incidentObservables.type}, ${incidentObservables.value}) IN ${mine}`,
        observableVisibleSql(p, incidentObservables.tlp),
      ),
    )
    .groupBy(incidents.id)
    .orderBy(desc(shared), desc(incidents.createdAt))
    .limit(10);
  return { reports: otherReports, incidents: otherIncidents };
}
