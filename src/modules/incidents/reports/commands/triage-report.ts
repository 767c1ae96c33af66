import { eq } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { AppError, notFound } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { informationSystems } from '../../../constituency/systems/tables.ts';
import { attachObservables } from '../../casework/observables/attach-observables.ts';
import { createIncident } from '../../commands/create-incident.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeIrTeam, authorizeWorkIncident } from '../../policy.ts';
import { reportObservables, reports } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';
import type { TriageInput } from '../schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ReportRow = typeof reports.$inferSelect;
export type TriageOutcome = { row: ReportRow; incident: { id: string; number: string } | null };

async function lockReport(tx: Tx, id: string): Promise<ReportRow> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
  if (!row) throw notFound();
  return row;
}

async function observablesOf(tx: Tx, reportId: string) {
  return tx
    .select({ type: reportObservables.type, value: reportObservables.value })
    .from(reportObservables)
    .where(eq(reportObservables.reportId, reportId));
}

async function affectedOrg(tx: Tx, report: ReportRow, chosen: string | undefined): Promise<string> {
  if (chosen) return chosen;
  if (report.systemId) {
    const [s] = await tx
      .select({ owner: informationSystems.ownerOrgId })
      .from(informationSystems)
      .where(eq(informationSystems.id, report.systemId));
    if (s) return s.owner;
  }
  if (report.reporterOrgId) return report.reporterOrgId;
  throw new AppError(400, 'report_no_organisation');
}

/**
 * The IR team's decision on a new report, taken once: open an incident from it, attach it to an
 * incident being worked, or dismiss it (duplicate, spam, not an incident) with a reason.
 */
export async function triageReport(scope: CommandScope, reportId: string, input: TriageInput): Promise<TriageOutcome> {
  const { tx, ctx, audit } = scope;
  if (ctx.actor.kind !== 'user') throw notFound();
  const p = ctx.actor.principal;
  authorizeIrTeam(p);
  const report = await lockReport(tx, reportId);
  if (report.status !== 'new') throw new AppError(409, 'report_already_triaged');
  const now = ctx.clock.now();
  let incident: { id: string; number: string } | null = null;
  let status: ReportRow['status'];

  if (input.action === 'open') {
    const organisationId = await affectedOrg(tx, report, input.organisationId);
    const created = await createIncident(scope, {
      title: input.title ?? report.title,
      description: report.description,
      typeCode: input.typeCode,
      severity: input.severity,
      tlp: input.tlp ?? report.tlp,
      organisationId,
      detectedAt: report.detectedAt,
      occurredAt: report.occurredAt,
      reportedAt: report.receivedAt,
      triagedAt: now,
      status: 'triage',
      organisations: report.reporterOrgId ? [{ organisationId: report.reporterOrgId, relation: 'reporting' }] : [],
      systemIds: report.systemId ? [report.systemId] : [],
    });
    incident = { id: created.id, number: created.number };
    status = 'accepted';
  } else if (input.action === 'attach') {
    const target = await loadIncident(tx, input.incidentId, { lock: true });
    authorizeWorkIncident(p, target.access);
    // a merged incident lives on in the one it was merged into: attach there
    if (target.row.mergedIntoId) throw new AppError(409, 'incident_merged_attach', { number: target.row.number });
    incident = { id: target.row.id, number: target.row.number };
    status = 'accepted';
  } else {
    status = input.outcome;
  }

  if (incident) {
    await recordEvent(tx, ctx, {
      incidentId: incident.id,
      kind: 'report',
      summary: `${report.trackingNo}: ${report.title}`.slice(0, 600),
      detail: { reportId: report.id, trackingNo: report.trackingNo, action: input.action },
    });
    await attachObservables(scope, incident.id, await observablesOf(tx, report.id), {
      reportId: report.id,
      tlp: report.tlp,
    });
  }
  const [row] = await tx
    .update(reports)
    .set({
      status,
      incidentId: incident?.id ?? null,
      triageReason: input.action === 'dismiss' ? input.reason : null,
      triagedBy: p.userId,
      triagedAt: now,
    })
    .where(eq(reports.id, report.id))
    .returning();
  if (!row) throw notFound();
  audit({
    action: 'incident.report.triage',
    subjectType: 'report',
    subjectId: row.id,
    organisationId: row.reporterOrgId,
    before: { status: report.status },
    after: { status: row.status, incidentId: row.incidentId, triageReason: row.triageReason },
    detail: { action: input.action, trackingNo: row.trackingNo },
  });
  return { row, incident };
}
