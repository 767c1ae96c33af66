import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { startJobs } from '../jobs/boss.ts';
import { seedConstituency } from '../modules/constituency/commands/seed-constituency.ts';
import { readConstituencyFile } from '../modules/constituency/seed-file.ts';
import { organisations } from '../modules/constituency/tables.ts';
import { bootstrapAdmin } from '../modules/identity/commands/bootstrap-admin.ts';
import { systemCtx } from '../platform/actor.ts';
import type { Platform } from '../platform/platform.ts';
import { startPlatform } from '../platform/start-platform.ts';
import { buildApp } from '../server/app.ts';
import { type Credential, formatCredentials, writeCredentials } from './credentials-file.ts';

export const DEMO_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../seed/demo-quang-nam-2022.json',
);

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

/** `canhgac serve`: HTTP API + web UI, and (unless CANHGAC_WORKERS=false) the background jobs. */
export async function serve(opts: { demo: boolean; demoFile?: string; worker?: boolean }): Promise<number> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const running = await startPlatform(config, { log });
  const { platform } = running;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const first = opts.worker ? null : await firstRun(platform, opts.demo ? (opts.demoFile ?? DEMO_FILE) : undefined);
    const jobs = await startJobs(platform, running.databaseUrl, { work: opts.worker === true || config.runWorkers });
    const built = opts.worker ? null : await buildApp(platform);
    if (built) await built.app.listen({ port: config.port, host: config.host });
    if (first) {
      const file = await writeCredentials(config.dataDir, first.label, first.creds);
      out('');
      out(`CanhGac — ${first.label}`);
      out('Tài khoản ban đầu / initial accounts (shown once; also saved, mode 0600, in):');
      out(`  ${file}`);
      out(formatCredentials(first.creds));
    }
    if (built)
      out(
        `\nCanhGac is running at ${config.baseUrl} (${running.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL'}). Ctrl-C stops it.`,
      );
    else out('CanhGac worker is running (background jobs only). Ctrl-C stops it.');

    return await new Promise<number>((resolve) => {
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) {
          log.warn('second signal: exiting now');
          process.exit(1);
        }
        stopping = true;
        log.info({ signal }, 'shutting down');
        if (built) {
          built.state.shuttingDown = true;
          await built.app.close().catch((err: unknown) => log.error({ err }, 'http close failed'));
        }
        await jobs.stop().catch((err: unknown) => log.error({ err }, 'job stop failed'));
        await running.close().catch((err: unknown) => log.error({ err }, 'database close failed'));
        out('CanhGac stopped.');
        resolve(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
  } catch (err) {
    await running.close().catch(() => undefined);
    throw err;
  }
}
