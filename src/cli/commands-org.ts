import type { Command } from 'commander';
import { allOrganisations } from '../modules/constituency/queries.ts';
import { withPlatform } from './with-platform.ts';

export function orgCommands(cli: Command): void {
  const org = cli.command('org').description('organisations of the constituency');
  org
    .command('list')
    .description('list organisations')
    .option('--json', 'JSON lines: {"code","name","nameEn","kind"}')
    .action(async (o: { json?: boolean }) => {
      await withPlatform(async (platform) => {
        const rows = await allOrganisations(platform.db);
        const out = rows.map((r) =>
          o.json
            ? JSON.stringify({
                code: r.code,
                name: r.name,
                nameEn: r.nameEn,
                kind: r.kind,
                active: r.active,
                validTo: r.validTo,
              })
            : `${r.code.padEnd(20)} ${r.kind.padEnd(22)} ${r.name}`,
        );
        process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
      });
    });
}
