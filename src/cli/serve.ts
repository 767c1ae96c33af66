import { count } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { startJobs } from '../jobs/boss.ts';
import { seedConstituency } from '../modules/constituency/commands/seed-constituency.ts';
import { readConstituencyFile } from '../modules/constituency/seed-file.ts';
import { organisations } from '../modules/constituency/tables.ts';
import { bootstrapAdmin } from '../modules/identity/commands/bootstrap-admin.ts';
import { seedDemoNotifications } from '../modules/notify/commands/seed-demo-notifications.ts';
import { systemCtx } from '../platform/actor.ts';
import type { Platform } from '../platform/platform.ts';
import { startPlatform } from '../platform/start-platform.ts';
import { buildApp } from '../server/app.ts';
import { type Credential, formatCredentials, writeCredentials } from './credentials-file.ts';
import { DEMO_FILE } from './demo-file.ts';

/** First start: the demo constituency (when asked and the registry is empty) and the admin account. */
async function firstRun(
  platform: Platform,
  demoFile: string | undefined,
): Promise<{ label: string; creds: Credential[] } | null> {
  const ctx = systemCtx('system:seed', platform.clock);
  const creds: Credential[] = [];
  let label = 'initial administrator';
  if (demoFile) {
    const [row] = await platform.db.select({ n: count() }).from(organisations);
    if ((row?.n ?? 0) === 0) {
      const file = await readConstituencyFile(demoFile);
      const seeded = await seedConstituency(platform.db, ctx, file);
      await seedDemoNotifications(
        platform.db,
        ctx,
        seeded.users.map((u) => u.username),
      );
      label = file.label;
      creds.push(...seeded.users);
    }
  }
  const admin = await bootstrapAdmin(platform.db, ctx);
  if (admin)
    creds.unshift({
      username: admin.username,
      password: admin.password,
      roles: ['admin'],
      organisation: admin.organisation,
    });
  return creds.length > 0 ? { label, creds } : null;
}

const FIRST_RUN_LOCK = 7_242_003;

/** First-run work under an advisory lock: replicas starting together on one empty database take turns. */
async function firstRunLocked(platform: Platform, demoFile: string | undefined) {
  const client = await platform.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [FIRST_RUN_LOCK]);
    return await firstRun(platform, demoFile);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [FIRST_RUN_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** `canhgac serve`: HTTP API + web UI, and (unless CANHGAC_WORKERS=false) the background jobs. */
export async function serve(opts: { demo: boolean; demoFile?: string; worker?: boolean }): Promise<number> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  // Signals are caught from the very start: one during initdb or migrations must not orphan the
  // embedded server. Shutdown begins once the step in progress has finished.
  let signalled: (signal: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => {
    signalled = resolve;
  });
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    signalled(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const running = await startPlatform(config, { log, ownDatabase: true });
  const { platform } = running;
  let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
  let built: Awaited<ReturnType<typeof buildApp>> | undefined;
  const shutDown = async () => {
    if (built) {
      built.state.shuttingDown = true;
      await built.app.close().catch((err: unknown) => log.error({ err }, 'http close failed'));
    }
    await jobs?.stop().catch((err: unknown) => log.error({ err }, 'job stop failed'));
    await running.close().catch((err: unknown) => log.error({ err }, 'database close failed'));
  };
  try {
    if (!opts.worker && !stopping) {
      const first = await firstRunLocked(platform, opts.demo ? (opts.demoFile ?? DEMO_FILE) : undefined);
      if (first) {
        // Saved before anything else can fail: these passwords are shown only this once.
        const file = await writeCredentials(config.dataDir, first.label, first.creds);
        out('');
        out(`CanhGac — ${first.label}`);
        out('Tài khoản ban đầu / initial accounts (shown once; also saved, mode 0600, in):');
        out(`  ${file}`);
        out(formatCredentials(first.creds));
      }
    }
    if (!stopping)
      jobs = await startJobs(platform, running.databaseUrl, { work: opts.worker === true || config.runWorkers });
    if (!opts.worker && !stopping) {
      built = await buildApp(platform);
      await built.app.listen({ port: config.port, host: config.host });
      out(
        `\nCanhGac is running at ${config.baseUrl} (${running.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL'}). Ctrl-C stops it.`,
      );
    } else if (!stopping) {
      out('CanhGac worker is running (background jobs only). Ctrl-C stops it.');
    }
  } catch (err) {
    await shutDown();
    throw err;
  }
  const signal = await stopRequested;
  log.info({ signal }, 'shutting down');
  await shutDown();
  out('CanhGac stopped.');
  return 0;
}
