import type { Db } from '../../../db/database.ts';
import type { ParsedAlert } from '../../../engines/siem-mapping/index.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { runBatchCommand } from '../../audit/batch-command.ts';
import { runCommand } from '../../audit/command.ts';
import { collectReportObservables } from '../../incidents/reports/collect-observables.ts';
import { type AlertOutcome, alertKeys, alertReport, receiveAlert } from './commands/receive-alert.ts';
import { type BatchAlert, receiveAlerts } from './commands/receive-alerts.ts';
import type { SourceConfig } from './source-cache.ts';

type Pending = BatchAlert & {
  ctx: Ctx;
  resolve: (o: AlertOutcome) => void;
  reject: (e: unknown) => void;
};

export type AlertBatcherOptions = {
  /** most alerts in one transaction */
  maxBatch?: number;
  /** transactions in flight at once; further alerts wait and form the next batch */
  maxInFlight?: number;
  /** told when a batch failed (its alerts are then retried one by one) */
  onBatchError?: (err: unknown) => void;
};

/**
 * Group commit for the SIEM webhook (like the intake API's ReportBatcher): alerts that arrive while
 * earlier ones are being written share the next transaction, grouping decided for the whole batch
 * (receiveAlerts). Replays already stored are answered from one read before any transaction. A
 * request is answered only after its transaction committed; when a batch fails, its alerts are
 * retried one by one (receiveAlert), so one bad alert fails alone.
 */
export class AlertBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];
  private readonly db: Db;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly onBatchError: (err: unknown) => void;

  constructor(db: Db, opts: AlertBatcherOptions = {}) {
    this.db = db;
    this.maxBatch = opts.maxBatch ?? 200;
    this.maxInFlight = opts.maxInFlight ?? 3;
    this.onBatchError = opts.onBatchError ?? (() => {});
  }

  /** Receives a mapped alert of an authenticated, enabled source; resolves once stored (or found stored). */
  submit(ctx: Ctx, source: SourceConfig, parsed: ParsedAlert, raw: string): Promise<AlertOutcome> {
    const now = ctx.clock.now();
    const keys = alertKeys(source, parsed, raw);
    const { facts, channel } = alertReport(source, parsed, keys, now);
    const collected = collectReportObservables(`${facts.title}\n${facts.description}`, facts.observables ?? []);
    if (collected.invalid.length > 0)
      throw new AppError(400, 'report_observables_invalid', { list: collected.invalid.slice(0, 10).join(', ') });
    return new Promise<AlertOutcome>((resolve, reject) => {
      this.queue.push({ ctx, source, parsed, raw, keys, now, facts, channel, collected, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every alert handed in so far is answered (for a clean shutdown). */
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
        (tx, scopes) => receiveAlerts(tx, batch, scopes),
      );
      for (const [i, b] of batch.entries()) b.resolve(outcomes[i] as AlertOutcome);
    } catch (err) {
      this.onBatchError(err);
      // One by one: the alert that broke the batch fails alone, the others are stored.
      await Promise.all(
        batch.map((b) =>
          runCommand(this.db, b.ctx, (scope) => receiveAlert(scope, b.source, b.parsed, b.raw)).then(
            b.resolve,
            b.reject,
          ),
        ),
      );
    }
  }
}
