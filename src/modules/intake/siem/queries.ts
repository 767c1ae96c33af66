import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Principal } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { organisations } from '../../constituency/tables.ts';
import { loadVisibleReport } from '../../incidents/reports/queries.ts';
import { reports } from '../../incidents/tables.ts';
import { siemAlerts, siemSources } from './tables.ts';

/** counts stop here ("10,000+"): the admin page never counts millions of rows */
export const COUNT_CAP = 10_000;
const REPORT_ALERTS_MAX = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const endpointPath = (id: string) => `/api/intake/webhooks/${id}`;

function sourceSelect(db: Db, since: Date) {
  return db
    .select({
      source: siemSources,
      orgName: organisations.name,
      total: sql<number>`(SELECT count(*)::int FROM (SELECT 1 FROM siem_alerts a WHERE a.source_id = ${siemSources.id} LIMIT ${COUNT_CAP}) x)`,
      last24h: sql<number>`(SELECT count(*)::int FROM (SELECT 1 FROM siem_alerts a WHERE a.source_id = ${siemSources.id} AND a.received_at >= ${since} LIMIT ${COUNT_CAP}) x)`,
      lastReceivedAt: sql<Date | null>`(SELECT max(a.received_at) FROM siem_alerts a WHERE a.source_id = ${siemSources.id})`,
    })
    .from(siemSources)
    .leftJoin(organisations, eq(organisations.id, siemSources.organisationId));
}

type SourceRow = Awaited<ReturnType<typeof sourceSelect>>[number];

function present(r: SourceRow) {
  const s = r.source;
  const last = r.lastReceivedAt ? new Date(r.lastReceivedAt) : null;
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    organisation: s.organisationId && r.orgName ? { id: s.organisationId, name: r.orgName } : null,
    authMode: s.authMode,
    mapping: s.mapping,
    minLevel: s.minLevel,
    groupWindowMinutes: s.groupWindowMinutes,
    enabled: s.enabled,
    endpointPath: endpointPath(s.id),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    alerts: { last24h: r.last24h, total: r.total, lastReceivedAt: last?.toISOString() ?? null },
  };
}

export async function listSources(db: Db, now: Date) {
  const rows = await sourceSelect(db, new Date(now.getTime() - 86_400_000)).orderBy(siemSources.name, siemSources.id);
  return { items: rows.map(present) };
}

export async function getSource(db: Db, id: string, now: Date) {
  if (!UUID.test(id)) throw notFound();
  const [row] = await sourceSelect(db, new Date(now.getTime() - 86_400_000)).where(eq(siemSources.id, id));
  if (!row) throw notFound();
  return present(row);
}

const alertColumns = {
  alert: siemAlerts,
  trackingNo: reports.trackingNo,
  status: reports.status,
  sourceName: siemSources.name,
};

function presentAlert(r: {
  alert: typeof siemAlerts.$inferSelect;
  trackingNo: string;
  status: (typeof reports.$inferSelect)['status'];
  sourceName: string;
}) {
  const a = r.alert;
  return {
    id: a.id,
    externalId: a.externalId,
    title: a.title,
    level: a.level,
    queued: a.queued,
    detectedAt: a.detectedAt?.toISOString() ?? null,
    receivedAt: a.receivedAt.toISOString(),
    groupKeys: a.groupKeys,
    report: { id: a.reportId, trackingNo: r.trackingNo, status: r.status },
    source: { id: a.sourceId, name: r.sourceName },
  };
}

/** A source's alerts, newest first (keyset on received_at, id). */
export async function listSourceAlerts(db: Db, sourceId: string, q: { cursor?: string; limit: number }) {
  if (!UUID.test(sourceId)) throw notFound();
  const [source] = await db.select({ id: siemSources.id }).from(siemSources).where(eq(siemSources.id, sourceId));
  if (!source) throw notFound();
  const after = decodeCursor(q.cursor);
  const [at, id] = after ?? [];
  const rows = await db
    .select(alertColumns)
    .from(siemAlerts)
    .innerJoin(reports, eq(reports.id, siemAlerts.reportId))
    .innerJoin(siemSources, eq(siemSources.id, siemAlerts.sourceId))
    .where(
      and(
        eq(siemAlerts.sourceId, sourceId),
        typeof at === 'string' && typeof id === 'string' && UUID.test(id)
          ? or(
              lt(siemAlerts.receivedAt, new Date(at)),
              and(eq(siemAlerts.receivedAt, new Date(at)), lt(siemAlerts.id, id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(siemAlerts.receivedAt), desc(siemAlerts.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.alert.receivedAt.toISOString(), r.alert.id]);
  return { items: page.items.map(presentAlert), nextCursor: page.nextCursor };
}

/** The alerts grouped into a report (whoever sees the report sees them), oldest first. */
export async function alertsOfReport(db: Db, p: Principal, reportId: string) {
  await loadVisibleReport(db, p, reportId);
  const rows = await db
    .select(alertColumns)
    .from(siemAlerts)
    .innerJoin(reports, eq(reports.id, siemAlerts.reportId))
    .innerJoin(siemSources, eq(siemSources.id, siemAlerts.sourceId))
    .where(eq(siemAlerts.reportId, reportId))
    .orderBy(siemAlerts.receivedAt, siemAlerts.id)
    .limit(REPORT_ALERTS_MAX);
  return { items: rows.map((r) => ({ ...presentAlert(r), raw: r.alert.raw, rawTruncated: r.alert.rawTruncated })) };
}
