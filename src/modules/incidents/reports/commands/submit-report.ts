import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { hasRole } from '../../../../platform/access.ts';
import type { Principal } from '../../../../platform/actor.ts';
import { AppError, forbidden } from '../../../../platform/errors.ts';
import type { ReportSource } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { canReadSystem } from '../../../constituency/systems/policy.ts';
import { informationSystems } from '../../../constituency/systems/tables.ts';
import { organisations } from '../../../constituency/tables.ts';
import { files } from '../../../files/tables.ts';
import { users } from '../../../identity/tables.ts';
import { notify } from '../../../notify/commands/notify.ts';
import { reportFiles, reportNumbers, reportObservables, reports } from '../../tables.ts';
import { collectReportObservables } from '../collect-observables.ts';
import type { ReportSubmitInput } from '../schemas.ts';

export type ReportRow = typeof reports.$inferSelect;
export type SubmitOutcome = { row: ReportRow; created: boolean; observableCount: number };

const OBSERVABLE_BATCH = 5000;

/** Every role except viewer may report (route-level check). */
export function authorizeSubmitReport(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner')) throw forbidden();
}

/** The next tracking number, TN-<year>-<6 digits> (year of receipt in Vietnam time). */
async function nextTrackingNo(tx: Tx, at: Date): Promise<string> {
  const r = await tx.execute<{ n: string }>(sql`SELECT nextval(${reportNumbers.seqName}) AS n`);
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(at);
  return `TN-${year}-${String(r.rows[0]?.n ?? 0).padStart(6, '0')}`;
}

async function existing(tx: Tx, source: ReportSource, orgId: string, externalId: string) {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.source, source), eq(reports.reporterOrgId, orgId), eq(reports.externalId, externalId)));
  return row;
}

async function checkSystem(tx: Tx, p: Principal, systemId: string) {
  const [s] = await tx.select().from(informationSystems).where(eq(informationSystems.id, systemId));
  if (!s || !canReadSystem(p, s)) throw new AppError(400, 'report_system_unknown');
  return s;
}

async function checkFiles(tx: Tx, p: Principal, fileIds: readonly string[]) {
  if (fileIds.length === 0) return;
  const found = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, [...fileIds]), eq(files.uploadedBy, p.userId)));
  if (found.length !== fileIds.length) throw new AppError(400, 'report_files_invalid');
}

async function countObservables(tx: Tx, reportId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(reportObservables)
    .where(eq(reportObservables.reportId, reportId));
  return r?.n ?? 0;
}

/**
 * Receives an incident report (TT 20 Điều 9–10, Mẫu 03) from the member form or the API: one
 * report per (source, organisation, externalId) — a re-send returns the first one — with its
 * observables and attachments, acknowledged at once to the reporter (in-app and e-mail).
 */
export async function submitReport(scope: CommandScope, input: ReportSubmitInput): Promise<SubmitOutcome> {
  const { tx, ctx, audit } = scope;
  if (ctx.actor.kind !== 'user') throw new AppError(400, 'report_reporter_required');
  const p = ctx.actor.principal;
  const source: ReportSource = p.via === 'token' ? 'api' : 'member-form';
  const externalId = input.externalId ?? null;

  const resent = async (row: ReportRow): Promise<SubmitOutcome> => {
    audit({
      action: 'incident.report.resubmit',
      subjectType: 'report',
      subjectId: row.id,
      organisationId: row.reporterOrgId,
      detail: { trackingNo: row.trackingNo, externalId },
    });
    return { row, created: false, observableCount: await countObservables(tx, row.id) };
  };
  if (externalId) {
    const before = await existing(tx, source, p.organisationId, externalId);
    if (before) return resent(before);
  }

  const system = input.systemId ? await checkSystem(tx, p, input.systemId) : undefined;
  const collected = collectReportObservables(`${input.title}\n${input.description}`, input.observables ?? []);
  if (collected.invalid.length > 0)
    throw new AppError(400, 'report_observables_invalid', { list: collected.invalid.slice(0, 10).join(', ') });
  const fileIds = [...new Set(input.fileIds ?? [])];
  await checkFiles(tx, p, fileIds);

  const [user] = await tx.select().from(users).where(eq(users.id, p.userId));
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, p.organisationId));
  const now = ctx.clock.now();
  const reporter = input.reporter ?? {};
  const contact = input.contact ?? {};
  const [row] = await tx
    .insert(reports)
    .values({
      trackingNo: await nextTrackingNo(tx, now),
      source,
      externalId,
      reporterUserId: p.userId,
      reporterOrgId: p.organisationId,
      reporterName: reporter.name ?? org?.name ?? user?.displayName ?? p.username,
      reporterAddress: reporter.address ?? null,
      reporterPhone: reporter.phone ?? null,
      reporterEmail: reporter.email ?? null,
      contactName: contact.name ?? user?.displayName ?? null,
      contactTitle: contact.title ?? null,
      contactPhone: contact.phone ?? null,
      contactEmail: contact.email ?? user?.email ?? null,
      systemId: system?.id ?? null,
      systemName: input.systemName ?? system?.name ?? null,
      operatorName: input.operatorName ?? null,
      ownerName: input.ownerName ?? null,
      title: input.title,
      description: input.description,
      detectedAt: input.detectedAt,
      occurredAt: input.occurredAt ?? null,
      detectionMethod: input.detectionMethod,
      detectionDetail: input.detectionDetail ?? null,
      handlingState: input.handlingState,
      handlingResult: input.handlingResult ?? null,
      notifiedParties: [...new Set(input.notifiedParties ?? [])],
      requests: input.requests ?? null,
      confidential: input.confidential ?? false,
      extra: input.extra ?? {},
      tlp: input.tlp ?? 'amber',
      receivedAt: now,
      acknowledgedAt: now,
      observablesTruncated: collected.truncated,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // A parallel re-send with the same externalId won the unique index: answer with its report.
    const winner = externalId ? await existing(tx, source, p.organisationId, externalId) : undefined;
    if (!winner) throw new AppError(409, 'conflict', { detail: 'duplicate' });
    return resent(winner);
  }

  if (fileIds.length > 0) await tx.insert(reportFiles).values(fileIds.map((fileId) => ({ reportId: row.id, fileId })));
  for (let i = 0; i < collected.items.length; i += OBSERVABLE_BATCH)
    await tx
      .insert(reportObservables)
      .values(collected.items.slice(i, i + OBSERVABLE_BATCH).map((o) => ({ reportId: row.id, ...o })))
      .onConflictDoNothing();

  // Only the tracking number travels: the report's content stays on the platform.
  await notify(scope, {
    recipients: { userIds: [p.userId] },
    category: 'incident',
    template: 'incident.report.received',
    data: {
      trackingNo: row.trackingNo,
      receivedAt: new Intl.DateTimeFormat('vi-VN', {
        timeZone: 'Asia/Ho_Chi_Minh',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(now),
      link: '/incidents/reports',
    },
    tlp: 'green',
  });
  audit({
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
      systemId: row.systemId,
      fileIds,
      observables: collected.items.length,
      observablesTruncated: collected.truncated,
    },
  });
  return { row, created: true, observableCount: collected.items.length };
}
