import { PgBoss } from 'pg-boss';
import { sealAudit } from '../modules/audit/seal-audit.ts';
import { deleteExpiredSessions } from '../modules/identity/commands/delete-expired-sessions.ts';
import { systemCtx } from '../platform/actor.ts';
import type { Platform } from '../platform/platform.ts';

export const QUEUES = {
  auditSeal: 'canhgac-audit-seal',
  sessionCleanup: 'canhgac-session-cleanup',
} as const;

/** Schedules (RRULE or cron). pg-boss runs each occurrence once, however many instances run. */
export const SCHEDULES: Record<keyof typeof QUEUES, string> = {
  auditSeal: '* * * * *',
  sessionCleanup: '17 * * * *',
};

const SEAL_TICK_MS = 2000;

export type Jobs = { boss: PgBoss; stop(): Promise<void> };

/**
 * Starts pg-boss on the platform's database. With `work`, this process also runs the handlers
 * (`serve` by default and `worker`); without it, it only sends and schedules.
 */
export async function startJobs(platform: Platform, databaseUrl: string, opts: { work: boolean }): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: 'pgboss',
    max: 4,
    application_name: 'canhgac-jobs',
    cronWorkerIntervalSeconds: 2,
    cronMonitorIntervalSeconds: 5,
  });
  boss.on('error', (err) => platform.log.error({ err }, 'job system error'));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  await boss.schedule(QUEUES.auditSeal, SCHEDULES.auditSeal);
  await boss.schedule(QUEUES.sessionCleanup, SCHEDULES.sessionCleanup);
  if (opts.work) {
    await boss.work(QUEUES.auditSeal, async () => {
      await sealAudit(platform.pool);
    });
    await boss.work(QUEUES.sessionCleanup, async () => {
      await deleteExpiredSessions(platform.db, systemCtx('system:job', platform.clock));
    });
  }
  // Seal promptly as well: sealers exclude each other with an advisory lock, so a tick that finds
  // another instance sealing simply does nothing.
  const sealer = opts.work
    ? setInterval(() => {
        sealAudit(platform.pool).catch((err: unknown) => platform.log.warn({ err }, 'audit sealing failed'));
      }, SEAL_TICK_MS)
    : undefined;
  sealer?.unref();
  platform.boss = boss;
  return {
    boss,
    stop: async () => {
      clearInterval(sealer);
      // Graceful: running handlers finish (or time out) before the connections close.
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}
