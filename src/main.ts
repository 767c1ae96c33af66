import { Command, CommanderError, Option } from 'commander';
import { CliError } from './cli/cli-error.ts';
import { auditCommands } from './cli/commands-audit.ts';
import { backupCommands } from './cli/commands-backup.ts';
import { clockCommands } from './cli/commands-clock.ts';
import { orgCommands } from './cli/commands-org.ts';
import { registryCommands } from './cli/commands-registry.ts';
import { scansCommands } from './cli/commands-scans.ts';
import { userCommands } from './cli/commands-user.ts';
import { DEMO_FILE } from './cli/demo-file.ts';
import { withPlatform } from './cli/with-platform.ts';
import { AppError } from './platform/errors.ts';

// Commands import what they need when they run (dynamic import in each action): loading every module
// up front cost seconds and ~150 MB of RSS on each CLI call, `--help` included.

function program(setExit: (code: number) => void): Command {
  const cli = new Command('canhgac')
    .description('CanhGac — cyber incident response platform')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ outputError: () => {} });

  cli
    .command('serve')
    .description('start the web app and API (embedded PostgreSQL unless DATABASE_URL is set)')
    .option('--demo', 'on first start, load the demo constituency')
    .addOption(new Option('--demo-file <file>', 'constituency data file for --demo').default(undefined))
    .action(async (o: { demo?: boolean; demoFile?: string }) => {
      const { serve } = await import('./cli/serve.ts');
      setExit(await serve({ demo: o.demo === true, demoFile: o.demoFile }));
    });

  cli
    .command('worker')
    .description('run background jobs only (no HTTP)')
    .action(async () => {
      const { serve } = await import('./cli/serve.ts');
      setExit(await serve({ demo: false, worker: true }));
    });

  cli
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      await withPlatform(async () => undefined);
      process.stdout.write('migrations applied\n');
    });

  cli
    .command('demo')
    .description('load the demo constituency (or --file: a province’s own data file); existing codes are kept')
    .option('--file <file>', 'constituency data file', DEMO_FILE)
    .action(async (o: { file: string }) => {
      const [{ readConstituencyFile }, { seedConstituency }, { seedDemoNotifications }, { systemCtx }, credentials] =
        await Promise.all([
          import('./modules/constituency/seed-file.ts'),
          import('./modules/constituency/commands/seed-constituency.ts'),
          import('./modules/notify/commands/seed-demo-notifications.ts'),
          import('./platform/actor.ts'),
          import('./cli/credentials-file.ts'),
        ]);
      const { formatCredentials, writeCredentials } = credentials;
      const file = await readConstituencyFile(o.file);
      await withPlatform(async (platform) => {
        const seeded = await seedConstituency(platform.db, systemCtx('system:cli', platform.clock), file);
        await seedDemoNotifications(
          platform.db,
          systemCtx('system:cli', platform.clock),
          seeded.users.map((u) => u.username),
        );
        process.stdout.write(
          `${file.label}: ${seeded.organisations} organisations, ${seeded.users.length} users added\n`,
        );
        if (seeded.users.length > 0) {
          const path = await writeCredentials(platform.config.dataDir, file.label, seeded.users);
          process.stdout.write(`${formatCredentials(seeded.users)}\n(saved in ${path})\n`);
        }
      });
    });

  userCommands(cli);
  orgCommands(cli);
  registryCommands(cli, setExit);
  auditCommands(cli);
  clockCommands(cli);
  backupCommands(cli);
  scansCommands(cli);
  return cli;
}

/** Runs the CLI; returns the exit code (0 ok, 1 error, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const cli = program((c) => {
    code = c;
  });
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      // A missing subcommand shows the help on stderr: a usage error.
      if (err.code === 'commander.help') return 2;
      process.stderr.write(`error: ${err.message.replace(/^error:\s*/, '')}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof AppError) {
      const { message: localise } = await import('./platform/messages.ts');
      const locale = (process.env.LC_ALL ?? process.env.LANG ?? '').startsWith('vi') ? 'vi' : 'en';
      process.stderr.write(`error: ${localise(err.code, locale, err.params)}\n`);
      return 1;
    }
    const { ConfigError } = await import('./config.ts');
    if (err instanceof ConfigError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
