import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { Locale } from '../../../../platform/messages.ts';
import type { ReportSource } from '../../../../shared/vocabulary.ts';
import type { AuditEvent, CommandScope } from '../../../audit/command.ts';
import { type NotifyInput, notify } from '../../../notify/commands/notify.ts';
import { reportFiles, reportNumbers, reportObservables, reports } from '../../tables.ts';
import { collectReportObservables } from '../collect-observables.ts';
import type { ReportSubmitInput } from '../schemas.ts';

export type ReportRow = typeof reports.$inferSelect;
export type SubmitOutcome = { row: ReportRow; created: boolean; observableCount: number };

/** The report's facts as every channel gives them (the member form's fields, checked). */
export type ReportFacts = Omit<ReportSubmitInput, 'fileIds' | 'externalId' | 'systemId'>;

/** Where a report came from and who is told it arrived. */
export type ReportChannel = {
  source: ReportSource;
  /**
   * The namespace of externalId: the reporter organisation's id for the form, API and partners,
   * `mailbox:<id>`, `webhook:<id>`, `public` for the others.
   */
  channelKey: string;
  externalId: string | null;
  reporterUserId: string | null;
  reporterOrgId: string | null;
  /** used where the facts name no reporter */
  reporterName: string;
  contactName?: string | null;
  contactEmail?: string | null;
  systemId?: string | null;
  /** already checked by the channel (uploaded by the reporter, or stored by the channel itself) */
  fileIds?: readonly string[];
  /** false: stored but not in the triage queue (status `logged`, e.g. a SIEM alert below its level) */
  queued?: boolean;
  /** who gets the acknowledgement (TT 20 Điều 10); addresses are people outside the platform */
  acknowledge: {
    userIds?: readonly string[];
    addresses?: readonly { email: string; locale: Locale }[];
    /** headers on the e-mails to `addresses` (In-Reply-To/References: the reply threads with the sender's mail) */
    addressHeaders?: Record<string, string>;
  };
  /** the acknowledgement's link (the reporter's own view of the report) */
  acknowledgeLink?: string;
  /** extra audit detail (the mailbox, the webhook source, the client address) */
  auditDetail?: Record<string, unknown>;
};

const OBSERVABLE_BATCH = 5000;

/** The next tracking number, TN-<year>-<6 digits> (year of receipt in Vietnam time). */
export async function nextTrackingNo(tx: Tx, at: Date): Promise<string> {
  const r = await tx.execute<{ n: string }>(sql`SELECT nextval(${reportNumbers.seqName}) AS n`);
  return trackingNoFor(at, r.rows[0]?.n ?? 0);
}

const VN_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });

/** TN-<year of `at` in Vietnam>-<n, 6 digits at least>. */
export function trackingNoFor(at: Date, n: string | number): string {
  return `TN-${VN_YEAR.format(at)}-${String(n).padStart(6, '0')}`;
}

/** The report a channel already received under this external id, if any. */
export async function findByExternalId(tx: Tx, source: ReportSource, channelKey: string, externalId: string) {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.source, source), eq(reports.channelKey, channelKey), eq(reports.externalId, externalId)));
  return row;
}

export async function countObservables(tx: Tx, reportId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(reportObservables)
    .where(eq(reportObservables.reportId, reportId));
  return r?.n ?? 0;
}

const VN_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  dateStyle: 'short',
  timeStyle: 'short',
});

export function vietnamTime(at: Date): string {
  return VN_TIME.format(at);
}

/**
 * Receives an incident report from any channel (TT 20 Điều 9–10, Mẫu 03): one report per
 * (source, channel, externalId) — a re-send returns the first one — with its observables and
 * attachments, acknowledged at once through the notification service. The report is immutable
 * from here on; only its triage outcome changes.
 */
export async function receiveReport(
  scope: CommandScope,
  facts: ReportFacts,
  channel: ReportChannel,
): Promise<SubmitOutcome> {
  const { tx, ctx, audit } = scope;
  const { source, channelKey } = channel;
  const externalId = channel.externalId ?? null;

  const resent = async (row: ReportRow): Promise<SubmitOutcome> => {
    audit(resubmittedEvent(row, channel));
    return { row, created: false, observableCount: await countObservables(tx, row.id) };
  };
  if (externalId) {
    const before = await findByExternalId(tx, source, channelKey, externalId);
    if (before) return resent(before);
  }

  const collected = collectReportObservables(`${facts.title}\n${facts.description}`, facts.observables ?? []);
  if (collected.invalid.length > 0)
    throw new AppError(400, 'report_observables_invalid', { list: collected.invalid.slice(0, 10).join(', ') });
  const fileIds = [...new Set(channel.fileIds ?? [])];
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(reports)
    .values(reportValues(facts, channel, await nextTrackingNo(tx, now), now, collected.truncated))
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // A parallel re-send with the same externalId won the unique index: answer with its report.
    const winner = externalId ? await findByExternalId(tx, source, channelKey, externalId) : undefined;
    if (!winner) throw new AppError(409, 'conflict', { detail: 'duplicate' });
    return resent(winner);
  }

  if (fileIds.length > 0) await tx.insert(reportFiles).values(fileIds.map((fileId) => ({ reportId: row.id, fileId })));
  for (let i = 0; i < collected.items.length; i += OBSERVABLE_BATCH)
    await tx
      .insert(reportObservables)
      .values(collected.items.slice(i, i + OBSERVABLE_BATCH).map((o) => ({ reportId: row.id, ...o })))
      .onConflictDoNothing();

  const ack = acknowledgement(row, channel);
  if (ack) await notify(scope, ack);
  audit(submittedEvent(row, channel, fileIds, collected));
  return { row, created: true, observableCount: collected.items.length };
}

/** The reports row a channel's facts make (status `logged` when the channel does not queue it). */
export function reportValues(
  facts: ReportFacts,
  channel: ReportChannel,
  trackingNo: string,
  now: Date,
  observablesTruncated: boolean,
): typeof reports.$inferInsert {
  const { source, channelKey } = channel;
  const externalId = channel.externalId ?? null;
  const reporter = facts.reporter ?? {};
  const contact = facts.contact ?? {};
  return {
    trackingNo,
    source,
    channelKey,
    externalId,
    reporterUserId: channel.reporterUserId,
    reporterOrgId: channel.reporterOrgId,
    reporterName: reporter.name ?? channel.reporterName,
    reporterAddress: reporter.address ?? null,
    reporterPhone: reporter.phone ?? null,
    reporterEmail: reporter.email ?? null,
    contactName: contact.name ?? channel.contactName ?? null,
    contactTitle: contact.title ?? null,
    contactPhone: contact.phone ?? null,
    contactEmail: contact.email ?? channel.contactEmail ?? null,
    systemId: channel.systemId ?? null,
    systemName: facts.systemName ?? null,
    operatorName: facts.operatorName ?? null,
    ownerName: facts.ownerName ?? null,
    title: facts.title,
    description: facts.description,
    detectedAt: facts.detectedAt,
    occurredAt: facts.occurredAt ?? null,
    detectionMethod: facts.detectionMethod,
    detectionDetail: facts.detectionDetail ?? null,
    handlingState: facts.handlingState,
    handlingResult: facts.handlingResult ?? null,
    notifiedParties: [...new Set(facts.notifiedParties ?? [])],
    requests: facts.requests ?? null,
    confidential: facts.confidential ?? false,
    extra: facts.extra ?? {},
    tlp: facts.tlp ?? 'amber',
    status: channel.queued === false ? 'logged' : 'new',
    receivedAt: now,
    acknowledgedAt: now,
    observablesTruncated,
  };
}

/** The acknowledgement (TT 20 Điều 10), or nothing when the channel names nobody to tell. */
export function acknowledgement(row: ReportRow, channel: ReportChannel): NotifyInput | undefined {
  const ack = channel.acknowledge;
  if ((ack.userIds?.length ?? 0) === 0 && (ack.addresses?.length ?? 0) === 0) return undefined;
  // Only the tracking number travels: the report's content stays on the platform.
  return {
    recipients: { userIds: ack.userIds ?? [], addresses: ack.addresses ?? [] },
    category: 'incident',
    template: 'incident.report.received',
    data: {
      trackingNo: row.trackingNo,
      receivedAt: vietnamTime(row.receivedAt),
      link: channel.acknowledgeLink ?? '/incidents/reports',
    },
    tlp: 'green',
    ...(ack.addressHeaders ? { addressHeaders: ack.addressHeaders } : {}),
  };
}

/** The audit entry of a received report. */
export function submittedEvent(
  row: ReportRow,
  channel: ReportChannel,
  fileIds: readonly string[],
  collected: { items: readonly unknown[]; truncated: boolean },
): AuditEvent {
  const { source } = channel;
  const externalId = channel.externalId ?? null;
  return {
    action: 'incident.report.submit',
    subjectType: 'report',
    subjectId: row.id,
    organisationId: row.reporterOrgId,
    after: {
      trackingNo: row.trackingNo,
      source,
      externalId,
      title: row.title,
      tlp: row.tlp,
      status: row.status,
      systemId: row.systemId,
      fileIds,
      observables: collected.items.length,
      observablesTruncated: collected.truncated,
      ...channel.auditDetail,
    },
  };
}

/** The audit entry of a re-send answered with the first report. */
export function resubmittedEvent(row: ReportRow, channel: ReportChannel): AuditEvent {
  return {
    action: 'incident.report.resubmit',
    subjectType: 'report',
    subjectId: row.id,
    organisationId: row.reporterOrgId,
    detail: {
      trackingNo: row.trackingNo,
      source: channel.source,
      externalId: channel.externalId ?? null,
      ...channel.auditDetail,
    },
  };
}
