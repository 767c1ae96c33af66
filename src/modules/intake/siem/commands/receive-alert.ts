import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import type { ParsedAlert } from '../../../../engines/siem-mapping/index.ts';
import { sha256Hex } from '../../../../platform/secrets.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { receiveReport } from '../../../incidents/reports/commands/receive-report.ts';
import { reports } from '../../../incidents/tables.ts';
import { isQueued } from '../map-alert.ts';
import type { SourceConfig } from '../source-cache.ts';
import { siemAlerts } from '../tables.ts';

/** characters of an alert's JSON kept with it */
export const RAW_MAX = 64 * 1024;
/** grouping observables per alert (more are kept on the report, but do not group) */
const GROUP_KEYS_MAX = 50;

export type AlertOutcome = {
  alertId: string;
  reportId: string;
  trackingNo: string;
  grouped: boolean;
  queued: boolean;
  created: boolean;
};

/** The id an alert is known by: its own, or the SHA-256 of its body (a re-sent body is the same alert). */
export function alertExternalId(parsed: ParsedAlert, raw: string): string {
  return parsed.externalId ?? `sha256:${sha256Hex(raw)}`;
}

/** An alert the source already sent, with its report. */
export async function findAlert(q: Pick<Tx, 'select'>, sourceId: string, externalId: string) {
  const [row] = await q
    .select({
      alertId: siemAlerts.id,
      reportId: siemAlerts.reportId,
      queued: siemAlerts.queued,
      trackingNo: reports.trackingNo,
      firstExternalId: reports.externalId,
    })
    .from(siemAlerts)
    .innerJoin(reports, eq(reports.id, siemAlerts.reportId))
    .where(and(eq(siemAlerts.sourceId, sourceId), eq(siemAlerts.externalId, externalId)));
  if (!row) return undefined;
  return {
    alertId: row.alertId,
    reportId: row.reportId,
    trackingNo: row.trackingNo,
    queued: row.queued,
    grouped: row.firstExternalId !== externalId,
    created: false,
  } satisfies AlertOutcome;
}

/**
 * Serialises the alerts that could group with each other (or are the same alert): one advisory
 * transaction lock per grouping observable and per external id, taken in hash order (no deadlock),
 * so unrelated alerts of the same source still run in parallel.
 */
async function lockKeys(tx: Tx, sourceId: string, keys: readonly string[]): Promise<void> {
  const scoped = keys.map((k) => `siem:${sourceId}:${k}`);
  await tx.execute(sql`
    SELECT pg_advisory_xact_lock(h)
    FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${sql.param(scoped)}::text[]) AS k ORDER BY h) AS ordered`);
}

/** The report of the latest alert of this source sharing a grouping observable within the window, still untriaged. */
async function groupReport(tx: Tx, source: SourceConfig, keys: string[], queued: boolean, now: Date) {
  if (keys.length === 0 || source.groupWindowMinutes === 0) return undefined;
  const since = new Date(now.getTime() - source.groupWindowMinutes * 60_000);
  const [row] = await tx
    .select({ reportId: siemAlerts.reportId, trackingNo: reports.trackingNo })
    .from(siemAlerts)
    .innerJoin(reports, eq(reports.id, siemAlerts.reportId))
    .where(
      and(
        eq(siemAlerts.sourceId, source.id),
        sql`${siemAlerts.groupKeys} && ${sql.param(keys)}::text[]`,
        gte(siemAlerts.receivedAt, since),
        eq(reports.status, queued ? 'new' : 'logged'),
      ),
    )
    .orderBy(desc(siemAlerts.receivedAt))
    .limit(1);
  return row;
}

/**
 * Receives one mapped alert of a source (inside runCommand): a replay answers with the alert's
 * report; an alert sharing a grouping observable with an earlier one of the same source, within
 * the source's window and not yet triaged, joins that report; any other creates a report through
 * receiveReport (status `logged` below the source's level: stored, not queued for triage).
 */
export async function receiveAlert(
  scope: CommandScope,
  source: SourceConfig,
  parsed: ParsedAlert,
  raw: string,
): Promise<AlertOutcome> {
  const { tx, ctx, audit } = scope;
  const externalId = alertExternalId(parsed, raw);
  const queued = isQueued(parsed.level, source.minLevel);
  const groupKeys = [...new Set(parsed.observables.filter((o) => o.group).map((o) => `${o.type}:${o.value}`))].slice(
    0,
    GROUP_KEYS_MAX,
  );
  await lockKeys(tx, source.id, [`ext:${externalId}`, ...groupKeys]);

  const before = await findAlert(tx, source.id, externalId);
  if (before) {
    audit({
      action: 'intake.siem.alert.replay',
      subjectType: 'report',
      subjectId: before.reportId,
      organisationId: source.organisationId,
      detail: { siemSourceId: source.id, externalId },
    });
    return before;
  }

  const now = ctx.clock.now();
  const rawKept = raw.length > RAW_MAX ? raw.slice(0, RAW_MAX) : raw;
  const alertRow = (reportId: string) => ({
    sourceId: source.id,
    externalId,
    reportId,
    title: parsed.title,
    level: parsed.level === null ? null : Math.trunc(parsed.level),
    queued,
    detectedAt: parsed.detectedAt,
    groupKeys,
    raw: rawKept,
    rawTruncated: raw.length > RAW_MAX,
    receivedAt: now,
  });

  const group = await groupReport(tx, source, groupKeys, queued, now);
  if (group) {
    const [row] = await tx.insert(siemAlerts).values(alertRow(group.reportId)).returning({ id: siemAlerts.id });
    if (!row) throw new Error('alert insert returned nothing');
    audit({
      action: 'intake.siem.alert.group',
      subjectType: 'report',
      subjectId: group.reportId,
      organisationId: source.organisationId,
      detail: { siemSourceId: source.id, externalId, level: parsed.level, alertId: row.id },
    });
    return {
      alertId: row.id,
      reportId: group.reportId,
      trackingNo: group.trackingNo,
      grouped: true,
      queued,
      created: true,
    };
  }

  const invalidNote = parsed.invalidObservables.length > 0 ? `\n\n[${parsed.invalidObservables.join(', ')}]` : '';
  const report = await receiveReport(
    scope,
    {
      title: parsed.title,
      description: `${parsed.description || parsed.title}${invalidNote}`,
      detectedAt: parsed.detectedAt ?? now,
      detectionMethod: 'ids',
      detectionDetail: `${source.name} (${source.kind}${parsed.level === null ? '' : `, level ${parsed.level}`})`,
      handlingState: 'not-yet',
      observables: parsed.observables.map(({ type, value }) => ({ type, value })),
    },
    {
      source: 'siem',
      channelKey: `webhook:${source.id}`,
      externalId,
      reporterUserId: null,
      reporterOrgId: source.organisationId,
      reporterName: source.name,
      queued,
      // a machine sent it: nobody to acknowledge to (acknowledged_at is still set on receipt)
      acknowledge: {},
      auditDetail: { siemSourceId: source.id, level: parsed.level },
    },
  );
  const [row] = await tx.insert(siemAlerts).values(alertRow(report.row.id)).returning({ id: siemAlerts.id });
  if (!row) throw new Error('alert insert returned nothing');
  return {
    alertId: row.id,
    reportId: report.row.id,
    trackingNo: report.row.trackingNo,
    grouped: false,
    queued,
    created: true,
  };
}
