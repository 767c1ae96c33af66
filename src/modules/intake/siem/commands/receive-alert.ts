import { and, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { EXTERNAL_ID_LIMIT, type ParsedAlert } from '../../../../engines/siem-mapping/index.ts';
import { sha256Hex } from '../../../../platform/secrets.ts';
import type { CommandScope } from '../../../audit/command.ts';
import {
  type ReportChannel,
  type ReportFacts,
  receiveReport,
} from '../../../incidents/reports/commands/receive-report.ts';
import { reports } from '../../../incidents/tables.ts';
import { isQueued } from '../map-alert.ts';
import type { SourceConfig } from '../source-cache.ts';
import { siemAlerts, siemGroupKeys } from '../tables.ts';

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

/**
 * The id an alert is known by: its own (a fingerprint of it when longer than EXTERNAL_ID_LIMIT), or
 * the SHA-256 of its body (a re-sent body is the same alert).
 */
export function alertExternalId(parsed: ParsedAlert, raw: string): string {
  const own = parsed.externalId;
  if (own === null) return `sha256:${sha256Hex(raw)}`;
  return own.length > EXTERNAL_ID_LIMIT ? `id-sha256:${sha256Hex(own)}` : own;
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
  await lockScopedKeys(
    tx,
    keys.map((k) => lockKey(sourceId, k)),
  );
}

/** The advisory lock name of a grouping key or an external id (`ext:<id>`) of a source. */
export const lockKey = (sourceId: string, key: string) => `siem:${sourceId}:${key}`;

/** Takes the advisory transaction locks of these names, in hash order (one statement, no deadlock). */
export async function lockScopedKeys(tx: Tx, scoped: readonly string[]): Promise<void> {
  if (scoped.length === 0) return;
  await tx.execute(sql`
    SELECT pg_advisory_xact_lock(h)
    FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${sql.param([...scoped])}::text[]) AS k ORDER BY h) AS ordered`);
}

/**
 * The report of the latest alert of this source sharing a grouping observable within the window,
 * still untriaged (`new`; `logged` for below-level alerts): one primary-key lookup per key.
 */
async function groupReport(tx: Tx, source: SourceConfig, keys: string[], queued: boolean, now: Date) {
  if (keys.length === 0 || source.groupWindowMinutes === 0) return undefined;
  const since = new Date(now.getTime() - source.groupWindowMinutes * 60_000);
  const [row] = await tx
    .select({ reportId: siemGroupKeys.reportId, trackingNo: reports.trackingNo })
    .from(siemGroupKeys)
    .innerJoin(reports, eq(reports.id, siemGroupKeys.reportId))
    .where(
      and(
        eq(siemGroupKeys.sourceId, source.id),
        eq(siemGroupKeys.queued, queued),
        inArray(siemGroupKeys.key, keys),
        gte(siemGroupKeys.receivedAt, since),
        eq(reports.status, queued ? 'new' : 'logged'),
      ),
    )
    .orderBy(desc(siemGroupKeys.receivedAt))
    .limit(1);
  return row;
}

export type GroupKeyRow = typeof siemGroupKeys.$inferInsert;

/**
 * Records the alerts as the latest carrying each of their grouping keys (callers hold the keys'
 * advisory locks). Rows in arrival order: for a key named twice, the later row wins.
 */
export async function rememberGroupKeys(tx: Tx, rows: readonly GroupKeyRow[]): Promise<void> {
  const statement = rememberGroupKeysSql(rows);
  if (statement) await tx.execute(statement);
}

/** The statement of rememberGroupKeys; undefined when there is no key. */
export function rememberGroupKeysSql(rows: readonly GroupKeyRow[]): SQL | undefined {
  const latest = new Map<string, GroupKeyRow>();
  for (const r of rows) latest.set(`${r.sourceId}\u0000${r.queued ? 'q' : 'l'}\u0000${r.key}`, r);
  if (latest.size === 0) return undefined;
  const list = [...latest.values()];
  return sql`
    INSERT INTO siem_group_keys (source_id, key, queued, report_id, received_at)
    SELECT * FROM unnest(${sql.param(list.map((r) => r.sourceId))}::uuid[], ${sql.param(list.map((r) => r.key))}::text[],
      ${sql.param(list.map((r) => r.queued))}::boolean[], ${sql.param(list.map((r) => r.reportId))}::uuid[],
      ${sql.param(list.map((r) => r.receivedAt.toISOString()))}::timestamptz[])
    ON CONFLICT (source_id, key, queued) DO UPDATE SET report_id = EXCLUDED.report_id, received_at = EXCLUDED.received_at`;
}

/** The grouping-key rows of an alert attached to a report. */
export function groupKeyRows(source: SourceConfig, k: AlertKeys, reportId: string, receivedAt: Date): GroupKeyRow[] {
  return k.groupKeys.map((key) => ({ sourceId: source.id, key, queued: k.queued, reportId, receivedAt }));
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
  const { externalId, queued, groupKeys } = alertKeys(source, parsed, raw);
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
  const alertRow = (reportId: string) =>
    alertValues(source, parsed, raw, { externalId, queued, groupKeys }, reportId, now);

  const group = await groupReport(tx, source, groupKeys, queued, now);
  if (group) {
    const [row] = await tx.insert(siemAlerts).values(alertRow(group.reportId)).returning({ id: siemAlerts.id });
    if (!row) throw new Error('alert insert returned nothing');
    await rememberGroupKeys(tx, groupKeyRows(source, { externalId, queued, groupKeys }, group.reportId, now));
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

  const { facts, channel } = alertReport(source, parsed, { externalId, queued }, now);
  const report = await receiveReport(scope, facts, channel);
  const [row] = await tx.insert(siemAlerts).values(alertRow(report.row.id)).returning({ id: siemAlerts.id });
  if (!row) throw new Error('alert insert returned nothing');
  await rememberGroupKeys(tx, groupKeyRows(source, { externalId, queued, groupKeys }, report.row.id, now));
  return {
    alertId: row.id,
    reportId: report.row.id,
    trackingNo: report.row.trackingNo,
    grouped: false,
    queued,
    created: true,
  };
}

/** What identifies and groups an alert: its external id, whether it is queued, its grouping keys. */
export type AlertKeys = { externalId: string; queued: boolean; groupKeys: string[] };

export function alertKeys(source: SourceConfig, parsed: ParsedAlert, raw: string): AlertKeys {
  const groupKeys = [...new Set(parsed.observables.filter((o) => o.group).map((o) => `${o.type}:${o.value}`))].slice(
    0,
    GROUP_KEYS_MAX,
  );
  return { externalId: alertExternalId(parsed, raw), queued: isQueued(parsed.level, source.minLevel), groupKeys };
}

/** The siem_alerts row of an alert attached to a report. */
export function alertValues(
  source: SourceConfig,
  parsed: ParsedAlert,
  raw: string,
  keys: AlertKeys,
  reportId: string,
  now: Date,
): typeof siemAlerts.$inferInsert {
  return {
    sourceId: source.id,
    externalId: keys.externalId,
    reportId,
    title: parsed.title,
    level: parsed.level === null ? null : Math.trunc(parsed.level),
    queued: keys.queued,
    detectedAt: parsed.detectedAt,
    groupKeys: keys.groupKeys,
    raw: raw.length > RAW_MAX ? raw.slice(0, RAW_MAX) : raw,
    rawTruncated: raw.length > RAW_MAX,
    receivedAt: now,
  };
}

/** The report an alert opens (through receiveReport / receiveReports). */
export function alertReport(
  source: SourceConfig,
  parsed: ParsedAlert,
  keys: Pick<AlertKeys, 'externalId' | 'queued'>,
  now: Date,
): { facts: ReportFacts; channel: ReportChannel } {
  const { externalId, queued } = keys;
  const invalidNote = parsed.invalidObservables.length > 0 ? `\n\n[${parsed.invalidObservables.join(', ')}]` : '';
  return {
    facts: {
      title: parsed.title,
      description: `${parsed.description || parsed.title}${invalidNote}`,
      detectedAt: parsed.detectedAt ?? now,
      detectionMethod: 'ids',
      detectionDetail: `${source.name} (${source.kind}${parsed.level === null ? '' : `, level ${parsed.level}`})`,
      handlingState: 'not-yet',
      observables: parsed.observables.map(({ type, value }) => ({ type, value })),
    },
    channel: {
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
  };
}
