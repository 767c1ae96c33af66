import type { Db } from '../../../db/database.ts';
import { GroupCommit, type GroupCommitOptions } from '../../../db/group-commit.ts';
import type { ParsedAlert } from '../../../engines/siem-mapping/index.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { runBatchCommand } from '../../audit/batch-command.ts';
import { runCommand } from '../../audit/command.ts';
import { collectReportObservables } from '../../incidents/reports/collect-observables.ts';
import { type AlertOutcome, alertKeys, alertReport, receiveAlert } from './commands/receive-alert.ts';
import { type BatchAlert, receiveAlerts } from './commands/receive-alerts.ts';
import type { SourceConfig } from './source-cache.ts';

type Pending = BatchAlert & { ctx: Ctx };

export type AlertBatcherOptions = GroupCommitOptions;

/**
 * Group commit for the SIEM webhook (see GroupCommit): grouping is decided for the whole batch
 * (receiveAlerts); when a batch fails, its alerts are retried one by one (receiveAlert), so one bad
 * alert fails alone.
 */
export class AlertBatcher {
  private readonly commits: GroupCommit<Pending, AlertOutcome>;

  constructor(db: Db, opts: AlertBatcherOptions = {}) {
    this.commits = new GroupCommit(
      (batch) =>
        runBatchCommand(
          db,
          batch.map((b) => b.ctx),
          (tx, scopes) => receiveAlerts(tx, batch, scopes),
        ),
      (b) => runCommand(db, b.ctx, (scope) => receiveAlert(scope, b.source, b.parsed, b.raw)),
      { maxInFlight: 3, ...opts },
    );
  }

  /** Receives a mapped alert of an authenticated, enabled source; resolves once stored (or found stored). */
  submit(ctx: Ctx, source: SourceConfig, parsed: ParsedAlert, raw: string): Promise<AlertOutcome> {
    const now = ctx.clock.now();
    const keys = alertKeys(source, parsed, raw);
    const { facts, channel } = alertReport(source, parsed, keys, now);
    const collected = collectReportObservables(`${facts.title}\n${facts.description}`, facts.observables ?? []);
    if (collected.invalid.length > 0)
      throw new AppError(400, 'report_observables_invalid', { list: collected.invalid.slice(0, 10).join(', ') });
    return this.commits.submit({ ctx, source, parsed, raw, keys, now, facts, channel, collected });
  }

  /** Resolves once every alert handed in so far is answered (for a clean shutdown). */
  drained(): Promise<void> {
    return this.commits.drained();
  }
}
