import type { Db } from '../../../db/database.ts';
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

type Pending = Omit<BatchReport, 'scope'> & {
  ctx: Ctx;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: unknown) => void;
};

export type BatcherOptions = {
  /** most reports in one transaction */
  maxBatch?: number;
  /** transactions in flight at once; further reports wait and form the next batch */
  maxInFlight?: number;
  /** told when a batch failed (its reports are then retried one by one) */
  onBatchError?: (err: unknown) => void;
};

/**
 * Group commit for POST /api/reports. Reports that arrive while earlier ones are being written share
 * the next transaction: one commit (one WAL flush) for many reports, each still with its own audit
 * entries and acknowledgement. A request is answered only after its transaction committed, so a 2xx
 * always means stored. When a batch fails, its reports are retried one by one, so one bad report
 * fails alone. Reports naming a system or files take the one-by-one path (they need checks in the
 * database against the reporter's rights).
 */
export class ReportBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly onBatchError: (err: unknown) => void;

  private readonly db: Db;

  constructor(db: Db, opts: BatcherOptions = {}) {
    this.db = db;
    this.maxBatch = opts.maxBatch ?? 200;
    this.maxInFlight = opts.maxInFlight ?? 2;
    this.onBatchError = opts.onBatchError ?? (() => {});
  }

  async submit(ctx: Ctx, identity: Identity, input: ReportSubmitInput): Promise<SubmitOutcome> {
    if (input.systemId || (input.fileIds?.length ?? 0) > 0 || ctx.actor.kind !== 'user')
      return runCommand(this.db, ctx, (scope) => submitReport(scope, input));
    const p = identity.principal;
    const { fileIds: _f, externalId, systemId: _s, ...facts } = input;
    const collected = collectReportObservables(`${facts.title}\n${facts.description}`, facts.observables ?? []);
    if (collected.invalid.length > 0)
      throw new AppError(400, 'report_observables_invalid', { list: collected.invalid.slice(0, 10).join(', ') });
    return new Promise<SubmitOutcome>((resolve, reject) => {
      this.queue.push({
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
        resolve,
        reject,
      });
      this.schedule();
    });
  }

  /** Resolves once every report handed in so far is answered (for a clean shutdown). */
  drained(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // After the current turn of the event loop: requests parsed in the same turn share the batch.
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.schedule();
        if (this.queue.length === 0 && this.inFlight === 0) for (const done of this.idle.splice(0)) done();
      });
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await runBatchCommand(
        this.db,
        batch.map((b) => b.ctx),
        (tx, scopes) =>
          receiveReports(
            tx,
            batch.map((b, i) => ({ ...b, scope: scopes[i] as BatchReport['scope'] })),
          ),
      );
      for (const [i, b] of batch.entries()) b.resolve(outcomes[i] as SubmitOutcome);
    } catch (err) {
      this.onBatchError(err);
      // One by one: the report that broke the batch fails alone, the others are stored.
      await Promise.all(
        batch.map((b) =>
          runCommand(this.db, b.ctx, (scope) => receiveReport(scope, b.facts, b.channel)).then(b.resolve, b.reject),
        ),
      );
    }
  }
}
