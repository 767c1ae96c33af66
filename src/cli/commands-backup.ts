import type { Command } from 'commander';
import type { Platform } from '../platform/platform.ts';
import { CliError } from './cli-error.ts';

/**
 * Opens the database without migrating it: a backup must not change the schema it exports, and a
 * restore migrates inside its own transaction, to the archive's level first.
 */
async function withDatabase<T>(restoring: boolean, fn: (platform: Platform, key: Buffer) => Promise<T>): Promise<T> {
  const [{ default: pino }, { loadConfig }, { BackupError }, { manifestKey }, { systemClock }, secrets, platform] =
    await Promise.all([
      import('pino'),
      import('../config.ts'),
      import('../modules/backup/backup-error.ts'),
      import('../modules/backup/manifest.ts'),
      import('../platform/clock.ts'),
      import('../platform/secrets.ts'),
      import('../platform/start-platform.ts'),
    ]);
  const { loadMasterSecret } = secrets;
  const { startPlatform } = platform;
  const config = loadConfig();
  const log = pino({ level: process.env.CANHGAC_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const running = await startPlatform(config, {
    log,
    poolSize: 2,
    migrate: false,
    // The target of a restore may have no tables yet, not even the test clock's settings.
    clock: restoring ? systemClock : undefined,
  });
  try {
    const key = manifestKey(await loadMasterSecret(config.secret, config.dataDir));
    return await fn(running.platform, key);
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.message);
    throw err;
  } finally {
    await running.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function backupCommands(cli: Command): void {
  cli
    .command('backup')
    .description('write the database and its files to one archive (consistent while CanhGac runs)')
    .argument('<file>', 'the archive to create (.tar.gz); must not exist')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const { createBackup } = await import('../modules/backup/create-backup.ts');
      const summary = await withDatabase(false, (platform, key) =>
        createBackup(platform.pool, { file, blobs: platform.blobs, key, clock: platform.clock }),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else
        process.stdout.write(
          `backup written to ${summary.file}: ${summary.tables} tables, ${summary.rows} rows, ${summary.blobs} files, ${mb(summary.bytes)} in ${summary.seconds.toFixed(1)} s\n`,
        );
    });

  cli
    .command('restore')
    .description('restore an archive into an empty database (checked completely before anything is written)')
    .argument('<file>', 'an archive written by `canhgac backup`')
    .option('--force', 'replace the contents of a database that is not empty')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, o: { force?: boolean; json?: boolean }) => {
      const [{ restoreBackup }, { systemCtx }] = await Promise.all([
        import('../modules/backup/restore-backup.ts'),
        import('../platform/actor.ts'),
      ]);
      const summary = await withDatabase(true, (platform, key) =>
        restoreBackup(platform.pool, {
          file,
          key,
          blobs: platform.blobs,
          force: o.force === true,
          ctx: systemCtx('system:cli', platform.clock),
        }),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else
        process.stdout.write(
          `restored ${summary.tables} tables, ${summary.rows} rows, ${summary.blobs} files in ${summary.seconds.toFixed(1)} s${summary.forced ? ' (previous contents replaced)' : ''}\n`,
        );
    });
}
