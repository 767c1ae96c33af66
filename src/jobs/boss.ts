import { PgBoss } from 'pg-boss';
import { sealAudit } from '../modules/audit/seal-audit.ts';
import { checkAllPortals } from '../modules/constituency/publication/check-all.ts';
import { deleteExpiredSessions } from '../modules/identity/commands/delete-expired-sessions.ts';
import { pollAllMailboxes } from '../modules/intake/email/poll-all.ts';
import { cleanPublicIntake } from '../modules/intake/public/commands/clean-public-intake.ts';
import { buildDigests } from '../modules/notify/commands/build-digests.ts';
import { deliverDue } from '../modules/notify/commands/deliver-due.ts';
import { sendScanDigests } from '../modules/scans/coverage/send-scan-digests.ts';
import { systemCtx } from '../platform/actor.ts';
import type { Platform } from '../platform/platform.ts';

export const QUEUES = {
  auditSeal: 'canhgac-audit-seal',
  sessionCleanup: 'canhgac-session-cleanup',
  notifyDeliver: 'canhgac-notify-deliver',
  notifyDigest: 'canhgac-notify-digest',
  publicationCheck: 'canhgac-publication-check',
  publicIntakeCleanup: 'canhgac-public-intake-cleanup',
  mailPoll: 'canhgac-mail-poll',
  scansDigest: 'canhgac-scans-digest',
} as const;

/** Schedules (RRULE or cron). pg-boss runs each occurrence once, however many instances run. */
export const SCHEDULES: Record<keyof typeof QUEUES, string> = {
  auditSeal: '* * * * *',
  sessionCleanup: '17 * * * *',
  notifyDeliver: '* * * * *',
  // the hour comes from CANHGAC_DIGEST_HOUR (see digestSchedule)
  notifyDigest: '0 7 * * *',
  // portal contact pages (R8), daily at 05:30 Vietnamese time
  publicationCheck: '30 5 * * *',
  publicIntakeCleanup: '23 * * * *',
  // intake mailboxes (#6); a poll still running holds its mailbox's lock, the next one skips it
  mailPoll: '* * * * *',
  // overdue findings and systems to scan (#7), one per organisation a day (scan_digests), 07:15 Vietnamese time
  scansDigest: '15 7 * * *',
};

/** The daily digest at the configured hour, Vietnamese time. */
function digestSchedule(platform: Platform): string {
  return `0 ${platform.config.mail?.digestHour ?? 7} * * *`;
}

const NOTIFY_TICK_MS = 2000;

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
  // One delivery run at a time in this process; a tick that finds one running does nothing.
  let delivering: Promise<void> | undefined;
  const deliverNotifications = async () => {
    if (delivering) return delivering;
    delivering = deliverDue(platform).then(
      () => undefined,
      (err: unknown) => platform.log.warn({ err }, 'notification delivery failed'),
    );
    try {
      await delivering;
    } finally {
      delivering = undefined;
    }
  };
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  await boss.schedule(QUEUES.auditSeal, SCHEDULES.auditSeal);
  await boss.schedule(QUEUES.sessionCleanup, SCHEDULES.sessionCleanup);
  await boss.schedule(QUEUES.notifyDeliver, SCHEDULES.notifyDeliver);
  await boss.schedule(QUEUES.notifyDigest, digestSchedule(platform), null, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.schedule(QUEUES.publicationCheck, SCHEDULES.publicationCheck, null, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.schedule(QUEUES.publicIntakeCleanup, SCHEDULES.publicIntakeCleanup);
  await boss.schedule(QUEUES.mailPoll, SCHEDULES.mailPoll);
  await boss.schedule(QUEUES.scansDigest, SCHEDULES.scansDigest, null, { tz: 'Asia/Ho_Chi_Minh' });
  if (opts.work) {
    await boss.work(QUEUES.auditSeal, async () => {
      await sealAudit(platform.pool);
    });
    await boss.work(QUEUES.sessionCleanup, async () => {
      await deleteExpiredSessions(platform.db, systemCtx('system:job', platform.clock));
    });
    await boss.work(QUEUES.notifyDeliver, async () => {
      await deliverNotifications();
    });
    await boss.work(QUEUES.publicationCheck, async () => {
      await checkAllPortals(platform);
    });
    await boss.work(QUEUES.publicIntakeCleanup, async () => {
      await cleanPublicIntake(platform.db, systemCtx('system:job', platform.clock));
    });
    await boss.work(QUEUES.mailPoll, async () => {
      await pollAllMailboxes(platform);
    });
    await boss.work(QUEUES.scansDigest, async () => {
      await sendScanDigests(platform);
      await deliverNotifications();
    });
    await boss.work(QUEUES.notifyDigest, async () => {
      await buildDigests(platform);
      await deliverNotifications();
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
  // Notifications go out within seconds, not at the next minute slot. Deliveries are claimed with
  // SKIP LOCKED, so ticks of several instances (and the schedule) never send one twice.
  const notifier = opts.work
    ? setInterval(() => {
        deliverNotifications().catch((err: unknown) => platform.log.warn({ err }, 'notification delivery failed'));
      }, NOTIFY_TICK_MS)
    : undefined;
  notifier?.unref();
  platform.boss = boss;
  return {
    boss,
    stop: async () => {
      clearInterval(sealer);
      clearInterval(notifier);
      // Graceful: running handlers finish (or time out) before the connections close.
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}
