import type { Db } from '../../../db/database.ts';
import { GroupCommit, type GroupCommitOptions } from '../../../db/group-commit.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { runBatchCommand } from '../../audit/batch-command.ts';
import { runCommand } from '../../audit/command.ts';
import type { Identity } from '../../identity/session-store.ts';
import { collectReportObservables } from '../../incidents/reports/collect-observables.ts';
import { receiveReport, type SubmitOutcome } from '../../incidents/reports/commands/receive-report.ts';
import { type BatchReport, receiveReports } from '../../incidents/reports/commands/receive-reports.ts';
import { sourceOf, submitReport } from '../../incidents/reports/commands/submit-report.ts';
import type { ReportSubmitInput } from '../../incidents/reports/schemas.ts';

type Pending = Omit<BatchReport, 'scope'> & { ctx: Ctx };

export type BatcherOptions = GroupCommitOptions;

/**
 * Group commit for POST /api/reports (see GroupCommit): each report keeps its own audit entries and
 * acknowledgement; a 2xx always means stored. Reports naming a system or files take the one-by-one
 * path (they need checks in the database against the reporter's rights).
 */
export class ReportBatcher {
  private readonly db: Db;
  private readonly commits: GroupCommit<Pending, SubmitOutcome>;

  constructor(db: Db, opts: BatcherOptions = {}) {
    this.db = db;
    this.commits = new GroupCommit(
      (batch) =>
        runBatchCommand(
          db,
          batch.map((b) => b.ctx),
          (tx, scopes) =>
            receiveReports(
              tx,
              batch.map((b, i) => ({ ...b, scope: scopes[i] as BatchReport['scope'] })),
            ),
        ),
      (b) => runCommand(db, b.ctx, (scope) => receiveReport(scope, b.facts, b.channel)),
      { maxInFlight: 2, ...opts },
    );
  }

  async submit(ctx: Ctx, identity: Identity, input: ReportSubmitInput): Promise<SubmitOutcome> {
    if (input.systemId || (input.fileIds?.length ?? 0) > 0 || ctx.actor.kind !== 'user')
      return runCommand(this.db, ctx, (scope) => submitReport(scope, input));
    const p = identity.principal;
    const { fileIds: _f, externalId, systemId: _s, ...facts } = input;
    const collected = collectReportObservables(`${facts.title}\n${facts.description}`, facts.observables ?? []);
    if (collected.invalid.length > 0)
      throw new AppError(400, 'report_observables_invalid', { list: collected.invalid.slice(0, 10).join(', ') });
    return this.commits.submit({
      ctx,
      facts: { ...facts, systemName: input.systemName ?? null },
      channel: {
        source: sourceOf(p),
        channelKey: p.organisationId,
        externalId: externalId ?? null,
        reporterUserId: p.userId,
        reporterOrgId: p.organisationId,
        reporterName: identity.organisation.name ?? identity.displayName ?? p.username,
        contactName: identity.displayName ?? null,
        contactEmail: identity.email ?? null,
        systemId: null,
        fileIds: [],
        acknowledge: { userIds: [p.userId] },
      },
      collected,
    });
  }

  /** Resolves once every report handed in so far is answered (for a clean shutdown). */
  drained(): Promise<void> {
    return this.commits.drained();
  }
}
