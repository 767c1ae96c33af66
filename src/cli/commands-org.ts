import type { Command } from 'commander';
import { CliError } from './cli-error.ts';
import { withPlatform } from './with-platform.ts';

export function orgCommands(cli: Command): void {
  const org = cli.command('org').description('organisations of the constituency');
  org
    .command('list')
    .description('list organisations')
    .option('--json', 'JSON lines: {"code","name","nameEn","kind"}')
    .action(async (o: { json?: boolean }) => {
      const { allOrganisations } = await import('../modules/constituency/queries.ts');
      await withPlatform(async (platform) => {
        const rows = await allOrganisations(platform.db);
        const out = rows.map((r) =>
          o.json
            ? JSON.stringify({ code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind })
            : `${r.code.padEnd(20)} ${r.kind.padEnd(22)} ${r.name}`,
        );
        process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
      });
    });

  org
    .command('merge')
    .description('merge an organisation into its successor: validity ends, it becomes inactive, its users move')
    .requiredOption('--code <code>', 'the organisation that ends')
    .requiredOption('--into <code>', 'the successor')
    .requiredOption('--date <YYYY-MM-DD>', 'last day of validity')
    .action(async (o: { code: string; into: string; date: string }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(Date.parse(o.date))) {
        throw new CliError(`--date must be a date YYYY-MM-DD, not ${o.date}`, 2);
      }
      const [{ mergeOrganisation }, { findOrganisationByCode }, { systemCtx }] = await Promise.all([
        import('../modules/constituency/commands/merge-organisation.ts'),
        import('../modules/constituency/queries.ts'),
        import('../platform/actor.ts'),
      ]);
      await withPlatform(async (platform) => {
        const from = await findOrganisationByCode(platform.db, o.code);
        const into = await findOrganisationByCode(platform.db, o.into);
        if (!from) throw new CliError(`no organisation with code ${o.code}`);
        if (!into) throw new CliError(`no organisation with code ${o.into}`);
        const result = await mergeOrganisation(platform.db, systemCtx('system:cli', platform.clock), from.id, {
          successorId: into.id,
          effectiveDate: o.date,
        });
        process.stdout.write(
          `${from.code} merged into ${into.code} (valid until ${o.date}); ${result.movedUsers} users moved\n`,
        );
      });
    });
}
