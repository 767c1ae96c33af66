import { sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { insertManySql } from '../../../../db/insert-many.ts';
import type { ParsedAlert } from '../../../../engines/siem-mapping/index.ts';
import type { CommandScope } from '../../../audit/command.ts';
import type { Collected } from '../../../incidents/reports/collect-observables.ts';
import type { ReportChannel, ReportFacts } from '../../../incidents/reports/commands/receive-report.ts';
import { type BatchReport, receiveReports } from '../../../incidents/reports/commands/receive-reports.ts';
import type { SourceConfig } from '../source-cache.ts';
import { siemAlerts } from '../tables.ts';
import {
  type AlertKeys,
  type AlertOutcome,
  alertValues,
  groupKeyRows,
  lockKey,
  lockScopedKeys,
  rememberGroupKeysSql,
} from './receive-alert.ts';

/** One alert of a batch, mapped and checked, with the report it would open. */
export type BatchAlert = {
  source: SourceConfig;
  parsed: ParsedAlert;
  raw: string;
  keys: AlertKeys;
  /** when it arrived */
  now: Date;
  facts: ReportFacts;
  channel: ReportChannel;
  collected: Collected;
};

/** A map key of (source, external id). */
export const pairKey = (sourceId: string, externalId: string) => `${sourceId}\u0000${externalId}`;

type Candidate = { reportId: string; trackingNo: string; at: number };
const candidateKey = (sourceId: string, queued: boolean, key: string) =>
  `${sourceId}\u0000${queued ? 'q' : 'l'}\u0000${key}`;

type LookupRow = {
  kind: 'alert' | 'group';
  source_id: string;
  key: string;
  queued: boolean;
  report_id: string;
  tracking_no: string;
  alert_id: string | null;
  first_external_id: string | null;
  at: Date | string | null;
};

/**
 * One statement for the batch: the alerts already stored under its external ids (replays, with
 * their reports), and for every grouping key the report of the latest stored alert of the source
 * carrying it, if that report is still untriaged (`new`; `logged` for below-level alerts) — primary
 * key lookups; the window is checked per alert.
 */
async function lookup(tx: Tx, items: readonly BatchAlert[]) {
  const wanted = new Map<string, { sourceId: string; key: string; queued: boolean }>();
  for (const it of items) {
    if (it.source.groupWindowMinutes === 0) continue;
    for (const key of it.keys.groupKeys)
      wanted.set(candidateKey(it.source.id, it.keys.queued, key), {
        sourceId: it.source.id,
        key,
        queued: it.keys.queued,
      });
  }
  const list = [...wanted.values()];
  const rows = await tx.execute<LookupRow>(sql`
    SELECT 'alert' AS kind, a.source_id, a.external_id AS key, a.queued, a.report_id, r.tracking_no,
           a.id AS alert_id, r.external_id AS first_external_id, NULL::timestamptz AS at
    FROM siem_alerts a JOIN reports r ON r.id = a.report_id
    WHERE (a.source_id, a.external_id) IN (SELECT * FROM unnest(${sql.param(items.map((it) => it.source.id))}::uuid[],
      ${sql.param(items.map((it) => it.keys.externalId))}::text[]))
    UNION ALL
    SELECT 'group', g.source_id, g.key, g.queued, g.report_id, r.tracking_no, NULL, NULL, g.received_at
    FROM unnest(${sql.param(list.map((w) => w.sourceId))}::uuid[], ${sql.param(list.map((w) => w.key))}::text[],
      ${sql.param(list.map((w) => w.queued))}::boolean[]) AS q(source_id, key, queued)
    JOIN siem_group_keys g ON g.source_id = q.source_id AND g.key = q.key AND g.queued = q.queued
    JOIN reports r ON r.id = g.report_id
    WHERE r.status = CASE WHEN g.queued THEN 'new' ELSE 'logged' END`);
  const stored = new Map<string, AlertOutcome>();
  const candidates = new Map<string, Candidate>();
  for (const r of rows.rows) {
    if (r.kind === 'alert')
      stored.set(pairKey(r.source_id, r.key), {
        alertId: r.alert_id ?? '',
        reportId: r.report_id,
        trackingNo: r.tracking_no,
        queued: r.queued,
        grouped: r.first_external_id !== r.key,
        created: false,
      });
    else
      candidates.set(candidateKey(r.source_id, r.queued, r.key), {
        reportId: r.report_id,
        trackingNo: r.tracking_no,
        at: new Date(r.at ?? 0).getTime(),
      });
  }
  return { stored, candidates };
}

/** Where an alert of the batch goes. */
type Plan =
  | { kind: 'replay'; outcome: AlertOutcome }
  | { kind: 'same'; first: number }
  | { kind: 'join'; reportId: string; trackingNo: string }
  | { kind: 'joinNew'; creator: number }
  | { kind: 'create' };

/**
 * receiveAlert for many alerts in one transaction (group commit of the SIEM webhook): the advisory
 * locks of every external id and grouping key of the batch at once (hash order), one lookup of the
 * alerts already stored, one of the reports they could join, then grouping decided in memory in
 * arrival order — an alert joins the report of the latest alert sharing a key with it, in the batch
 * (newest) or stored within the window — and multi-row inserts of reports (receiveReports), alerts
 * and audit rows. Outcomes in the order of `items`; each scope records its own audit entries.
 */
export async function receiveAlerts(
  tx: Tx,
  items: readonly BatchAlert[],
  scopes: readonly CommandScope[],
): Promise<AlertOutcome[]> {
  await lockScopedKeys(
    tx,
    items.flatMap((it) => [
      lockKey(it.source.id, `ext:${it.keys.externalId}`),
      ...it.keys.groupKeys.map((k) => lockKey(it.source.id, k)),
    ]),
  );
  const { stored, candidates } = await lookup(tx, items);

  const plans: Plan[] = [];
  const firstOf = new Map<string, number>();
  // the latest alert of the batch carrying a key: in-batch alerts are newer than any stored one
  const latestInBatch = new Map<string, { seq: number; plan: Plan; index: number }>();
  for (const [i, it] of items.entries()) {
    const pk = pairKey(it.source.id, it.keys.externalId);
    const before = stored.get(pk);
    if (before) {
      plans.push({ kind: 'replay', outcome: before });
      continue;
    }
    const first = firstOf.get(pk);
    if (first !== undefined) {
      plans.push({ kind: 'same', first });
      continue;
    }
    firstOf.set(pk, i);
    const grouping = it.source.groupWindowMinutes > 0 ? it.keys.groupKeys : [];
    const ck = (k: string) => candidateKey(it.source.id, it.keys.queued, k);
    let plan: Plan = { kind: 'create' };
    let newest = -1;
    for (const k of grouping) {
      const hit = latestInBatch.get(ck(k));
      if (hit && hit.seq > newest) {
        newest = hit.seq;
        plan = hit.plan.kind === 'create' ? { kind: 'joinNew', creator: hit.index } : hit.plan;
      }
    }
    if (plan.kind === 'create') {
      const since = it.now.getTime() - it.source.groupWindowMinutes * 60_000;
      let at = -1;
      for (const k of grouping) {
        const c = candidates.get(ck(k));
        if (c && c.at >= since && c.at > at) {
          at = c.at;
          plan = { kind: 'join', reportId: c.reportId, trackingNo: c.trackingNo };
        }
      }
    }
    plans.push(plan);
    for (const k of grouping) latestInBatch.set(ck(k), { seq: i, plan, index: i });
  }

  const creators = [...plans.keys()].filter((i) => plans[i]?.kind === 'create');
  const made = await receiveReports(
    tx,
    creators.map((i): BatchReport => {
      const it = items[i] as BatchAlert;
      return { scope: scopes[i] as CommandScope, facts: it.facts, channel: it.channel, collected: it.collected };
    }),
    // the lookup above, under the external ids' locks, found none of them
    { unseen: true },
  );
  const reportOf = new Map<number, { id: string; trackingNo: string }>();
  for (const [k, i] of creators.entries()) {
    const row = made[k]?.row;
    if (!row) throw new Error('batch report without an outcome');
    reportOf.set(i, { id: row.id, trackingNo: row.trackingNo });
  }

  const target = (i: number): { id: string; trackingNo: string; grouped: boolean } | undefined => {
    const plan = plans[i];
    if (plan?.kind === 'create') {
      const r = reportOf.get(i);
      return r && { ...r, grouped: false };
    }
    if (plan?.kind === 'joinNew') {
      const r = reportOf.get(plan.creator);
      return r && { ...r, grouped: true };
    }
    if (plan?.kind === 'join') return { id: plan.reportId, trackingNo: plan.trackingNo, grouped: true };
    return undefined;
  };

  const writing = [...plans.keys()].filter((i) => target(i));
  const rows = writing.map((i) => {
    const it = items[i] as BatchAlert;
    return alertValues(it.source, it.parsed, it.raw, it.keys, (target(i) as { id: string }).id, it.now);
  });
  // the alerts and their grouping keys in one statement
  const keysSql = rememberGroupKeysSql(
    writing.flatMap((i) => {
      const it = items[i] as BatchAlert;
      return groupKeyRows(it.source, it.keys, (target(i) as { id: string }).id, it.now);
    }),
  );
  const insertSql = insertManySql(siemAlerts, rows);
  const inserted =
    rows.length === 0
      ? []
      : (
          await tx.execute<{ id: string; source_id: string; external_id: string }>(
            keysSql ? sql`WITH remembered AS (${keysSql}) ${insertSql}` : insertSql,
          )
        ).rows;
  const idOf = new Map(inserted.map((r) => [pairKey(r.source_id, r.external_id), r.id]));

  const out: (AlertOutcome | undefined)[] = new Array(items.length);
  for (const i of writing) {
    const it = items[i] as BatchAlert;
    const t = target(i) as { id: string; trackingNo: string; grouped: boolean };
    const alertId = idOf.get(pairKey(it.source.id, it.keys.externalId));
    if (!alertId) throw new Error('alert insert returned nothing');
    out[i] = {
      alertId,
      reportId: t.id,
      trackingNo: t.trackingNo,
      grouped: t.grouped,
      queued: it.keys.queued,
      created: true,
    };
    if (t.grouped)
      scopes[i]?.audit({
        action: 'intake.siem.alert.group',
        subjectType: 'report',
        subjectId: t.id,
        organisationId: it.source.organisationId,
        detail: { siemSourceId: it.source.id, externalId: it.keys.externalId, level: it.parsed.level, alertId },
      });
  }
  for (const [i, plan] of plans.entries()) {
    if (plan.kind !== 'replay' && plan.kind !== 'same') continue;
    const it = items[i] as BatchAlert;
    const first = plan.kind === 'replay' ? plan.outcome : out[plan.first];
    if (!first) throw new Error('batch replay without its first alert');
    out[i] = { ...first, created: false };
    scopes[i]?.audit({
      action: 'intake.siem.alert.replay',
      subjectType: 'report',
      subjectId: first.reportId,
      organisationId: it.source.organisationId,
      detail: { siemSourceId: it.source.id, externalId: it.keys.externalId },
    });
  }
  return out.map((o) => {
    if (!o) throw new Error('batch alert without an outcome');
    return o;
  });
}
