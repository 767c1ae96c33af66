import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { insertMany } from '../../../../db/insert-many.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { type NotifyItem, notifyMany } from '../../../notify/commands/notify-many.ts';
import { reportFiles, reportNumbers, reportObservables, reports } from '../../tables.ts';
import type { Collected } from '../collect-observables.ts';
import {
  acknowledgement,
  type ReportChannel,
  type ReportFacts,
  type ReportRow,
  reportValues,
  resubmittedEvent,
  type SubmitOutcome,
  submittedEvent,
  trackingNoFor,
} from './receive-report.ts';

/** One report of a batch: its own command scope (actor, audit), facts already checked, observables collected. */
export type BatchReport = { scope: CommandScope; facts: ReportFacts; channel: ReportChannel; collected: Collected };

const keyOf = (c: ReportChannel) => (c.externalId ? `${c.source}\u0000${c.channelKey}\u0000${c.externalId}` : null);

async function existing(tx: Tx, channels: readonly ReportChannel[]): Promise<Map<string, ReportRow>> {
  const keyed = channels.filter((c) => c.externalId);
  const found = new Map<string, ReportRow>();
  if (keyed.length === 0) return found;
  const rows = await tx
    .select()
    .from(reports)
    .where(
      sql`(${reports.source}, ${reports.channelKey}, ${reports.externalId}) IN (SELECT * FROM unnest(${sql.param(
        keyed.map((c) => c.source),
      )}::text[], ${sql.param(keyed.map((c) => c.channelKey))}::text[], ${sql.param(keyed.map((c) => c.externalId))}::text[]))`,
    );
  for (const r of rows) found.set(`${r.source}\u0000${r.channelKey}\u0000${r.externalId}`, r);
  return found;
}

async function observableCounts(tx: Tx, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: reportObservables.reportId, n: sql<number>`count(*)::int` })
    .from(reportObservables)
    .where(inArray(reportObservables.reportId, [...ids]))
    .groupBy(reportObservables.reportId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * receiveReport for many reports in one transaction (group commit of the intake API): the same rows,
 * acknowledgements and audit entries, in a handful of statements. A re-send (in the database or
 * earlier in the same batch) answers with the first report. Outcomes in the order of `items`.
 */
export async function receiveReports(
  tx: Tx,
  items: readonly BatchReport[],
  /** `unseen`: the caller knows the external ids are new (a stored one still answers as a re-send, one query later) */
  opts: { unseen?: boolean } = {},
): Promise<SubmitOutcome[]> {
  const out: (SubmitOutcome | undefined)[] = new Array(items.length);
  const before = opts.unseen
    ? new Map<string, ReportRow>()
    : await existing(
        tx,
        items.map((it) => it.channel),
      );
  const resends: { index: number; row: ReportRow }[] = [];
  const firstOfKey = new Map<string, number>();
  const fresh: number[] = [];
  for (const [i, it] of items.entries()) {
    const key = keyOf(it.channel);
    const row = key ? before.get(key) : undefined;
    if (row) resends.push({ index: i, row });
    else if (key && firstOfKey.has(key)) continue;
    else {
      if (key) firstOfKey.set(key, i);
      fresh.push(i);
    }
  }

  // One order for every batch: two batches inserting the same external ids wait, never deadlock.
  fresh.sort((a, b) => {
    const ka = keyOf((items[a] as BatchReport).channel) ?? '';
    const kb = keyOf((items[b] as BatchReport).channel) ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  const created = new Map<number, ReportRow>();
  if (fresh.length > 0) {
    const numbers = await tx.execute<{ n: string }>(
      sql`SELECT nextval(${reportNumbers.seqName}) AS n FROM generate_series(1, ${fresh.length}::int)`,
    );
    const values = fresh.map((i, k) => {
      const it = items[i] as BatchReport;
      const now = it.scope.ctx.clock.now();
      return reportValues(
        it.facts,
        it.channel,
        trackingNoFor(now, numbers.rows[k]?.n ?? '0'),
        now,
        it.collected.truncated,
      );
    });
    const inserted = await insertMany(tx, reports, values, { onConflictDoNothing: true });
    const byTracking = new Map(inserted.map((r) => [r.trackingNo, r]));
    const lost: number[] = [];
    for (const [k, i] of fresh.entries()) {
      const row = byTracking.get(values[k]?.trackingNo ?? '');
      if (row) created.set(i, row);
      else lost.push(i);
    }
    // Another transaction stored the same external id meanwhile: answer with its report.
    if (lost.length > 0) {
      const winners = await existing(
        tx,
        lost.map((i) => (items[i] as BatchReport).channel),
      );
      for (const i of lost) {
        const row = winners.get(keyOf((items[i] as BatchReport).channel) ?? '');
        if (!row) throw new AppError(409, 'conflict', { detail: 'duplicate' });
        resends.push({ index: i, row });
      }
    }
  }

  const files = [...created].flatMap(([i, row]) =>
    [...new Set((items[i] as BatchReport).channel.fileIds ?? [])].map((fileId) => ({ reportId: row.id, fileId })),
  );
  await insertMany(tx, reportFiles, files, { returning: false });
  const observables = [...created].flatMap(([i, row]) =>
    (items[i] as BatchReport).collected.items.map((o) => ({ reportId: row.id, ...o })),
  );
  await insertMany(tx, reportObservables, observables, { onConflictDoNothing: true, returning: false });

  const acks: NotifyItem[] = [];
  for (const [i, row] of created) {
    const it = items[i] as BatchReport;
    const ack = acknowledgement(row, it.channel);
    if (ack) acks.push({ scope: it.scope, input: ack });
  }
  await notifyMany(tx, acks);
  for (const [i, row] of created) {
    const it = items[i] as BatchReport;
    it.scope.audit(submittedEvent(row, it.channel, [...new Set(it.channel.fileIds ?? [])], it.collected));
    out[i] = { row, created: true, observableCount: it.collected.items.length };
  }

  // Duplicates inside the batch answer with the report their first copy made (or was answered with).
  const answered = new Set(resends.map((r) => r.index));
  for (const [i, it] of items.entries()) {
    if (out[i] || answered.has(i)) continue;
    const firstIndex = firstOfKey.get(keyOf(it.channel) ?? '') ?? -1;
    const first = created.get(firstIndex) ?? resends.find((r) => r.index === firstIndex)?.row;
    if (!first) throw new Error('batch duplicate without its first copy');
    resends.push({ index: i, row: first });
  }
  const counts = await observableCounts(
    tx,
    resends.map((r) => r.row.id),
  );
  for (const { index, row } of resends) {
    const it = items[index] as BatchReport;
    it.scope.audit(resubmittedEvent(row, it.channel));
    out[index] = { row, created: false, observableCount: counts.get(row.id) ?? 0 };
  }
  return out.map((o) => {
    if (!o) throw new Error('batch item without an outcome');
    return o;
  });
}
