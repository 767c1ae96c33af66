import type { Command } from 'commander';
import type { Platform } from '../platform/platform.ts';
import { ROLES, type Role } from '../shared/vocabulary.ts';
import { CliError, readStdin } from './cli-error.ts';
import { withPlatform } from './with-platform.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function userId(platform: Platform, username: string): Promise<string> {
  const [{ eq }, { users }] = await Promise.all([import('drizzle-orm'), import('../modules/identity/tables.ts')]);
  const [row] = await platform.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username.toLowerCase()));
  if (!row) throw new CliError(`no user named ${username}`);
  return row.id;
}

export function userCommands(cli: Command): void {
  const user = cli.command('user').description('manage user accounts');

  user
    .command('create')
    .description('create a user (password from standard input)')
    .requiredOption('--username <name>', 'login name (a-z, 0-9, . _ -)')
    .requiredOption('--role <role>', `role, repeatable: ${ROLES.join(', ')}`, collect)
    .requiredOption('--org <code>', 'home organisation code')
    .option('--display-name <name>', 'full name (defaults to the username)')
    .option('--email <email>', 'e-mail address')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (o: {
        username: string;
        role: string[];
        org: string;
        displayName?: string;
        email?: string;
        passwordStdin?: boolean;
      }) => {
        const bad = o.role.find((r) => !(ROLES as readonly string[]).includes(r));
        if (bad) throw new CliError(`unknown role ${bad} (roles: ${ROLES.join(', ')})`, 2);
        if (!o.passwordStdin)
          throw new CliError('--password-stdin is required (passwords are never taken from arguments)', 2);
        const password = await readStdin();
        const [{ findOrganisationByCode }, { createUser }, { systemCtx }] = await Promise.all([
          import('../modules/constituency/queries.ts'),
          import('../modules/identity/commands/create-user.ts'),
          import('../platform/actor.ts'),
        ]);
        await withPlatform(async (platform) => {
          const org = await findOrganisationByCode(platform.db, o.org);
          if (!org) throw new CliError(`no organisation with code ${o.org}`);
          const created = await createUser(platform.db, systemCtx('system:cli', platform.clock), {
            username: o.username,
            displayName: o.displayName ?? o.username,
            email: o.email ?? null,
            organisationId: org.id,
            roles: o.role as Role[],
            password,
          });
          process.stdout.write(`created user ${created.username} (${created.roles.join(', ')}) in ${org.code}\n`);
        });
      },
    );

  user
    .command('reset-password')
    .description("set a user's password (from standard input); their sessions end and a lockout is lifted")
    .requiredOption('--username <name>', 'login name')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (o: { username: string; passwordStdin?: boolean }) => {
      if (!o.passwordStdin) throw new CliError('--password-stdin is required', 2);
      const password = await readStdin();
      const [{ setPassword }, { systemCtx }] = await Promise.all([
        import('../modules/identity/commands/set-password.ts'),
        import('../platform/actor.ts'),
      ]);
      await withPlatform(async (platform) => {
        await setPassword(platform.db, systemCtx('system:cli', platform.clock), await userId(platform, o.username), {
          password,
        });
        process.stdout.write(`password of ${o.username} changed\n`);
      });
    });

  user
    .command('disable')
    .description('disable a user and end their sessions')
    .requiredOption('--username <name>', 'login name')
    .action(async (o: { username: string }) => {
      const [{ updateUser }, { systemCtx }] = await Promise.all([
        import('../modules/identity/commands/update-user.ts'),
        import('../platform/actor.ts'),
      ]);
      await withPlatform(async (platform) => {
        await updateUser(platform.db, systemCtx('system:cli', platform.clock), await userId(platform, o.username), {
          disabled: true,
        });
        process.stdout.write(`user ${o.username} disabled\n`);
      });
    });
}
