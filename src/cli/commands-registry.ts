import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { REGISTRY_ENTITIES, type RegistryEntity } from '../formats/registry-sheet/entities.ts';
import type { ImportSummary } from '../modules/constituency/bulk/summary.ts';
import type { Locale } from '../platform/messages.ts';
import { CliError } from './cli-error.ts';
import { withPlatform } from './with-platform.ts';

function cliLocale(): Locale {
  return (process.env.LC_ALL ?? process.env.LANG ?? '').startsWith('vi') ? 'vi' : 'en';
}

function entityOption(value: string | undefined): RegistryEntity | undefined {
  if (value === undefined) return undefined;
  if ((REGISTRY_ENTITIES as readonly string[]).includes(value)) return value as RegistryEntity;
  throw new CliError(`--entity must be one of ${REGISTRY_ENTITIES.join(', ')}`, 2);
}

function printSummary(summary: ImportSummary, json: boolean, dryRun: boolean) {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const lines = [
    `${dryRun ? 'dry run: ' : ''}${summary.rows} rows, ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.errors.length} errors`,
    ...summary.errors.map((e) => `${e.sheet ? `${e.sheet} ` : ''}row ${e.row}: ${e.message}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function writeOut(file: string, bytes: Buffer) {
  await fs.writeFile(file, bytes);
  process.stdout.write(`wrote ${file} (${bytes.length} bytes)\n`);
}

export function registryCommands(cli: Command, setExit: (code: number) => void): void {
  const registry = cli.command('registry').description('bulk import/export of the constituency registry (XLSX, CSV)');

  registry
    .command('import')
    .description('import organisations, contacts, systems, components and networks; all rows or nothing')
    .argument('<file>', 'XLSX workbook (template sheets) or CSV (one entity)')
    .option('--dry-run', 'validate and print the summary; write nothing')
    .option(
      '--json',
      'print the summary as JSON: {"rows","created","updated","unchanged","errors":[{"row","message"}]}',
    )
    .option('--entity <entity>', `for CSV: ${REGISTRY_ENTITIES.join(' | ')} (default: from the header)`)
    .action(async (file: string, o: { dryRun?: boolean; json?: boolean; entity?: string }) => {
      const entity = entityOption(o.entity);
      const [{ commitImport, dryRunImport, readImportFile }, { systemCtx }] = await Promise.all([
        import('../modules/constituency/bulk/run-import.ts'),
        import('../platform/actor.ts'),
      ]);
      // The file is read (size cap, format) before the database is opened.
      const parsed = await readImportFile({ path: file }, entity).catch((err: unknown) => {
        if (err instanceof Error && 'code' in err && err.code === 'ENOENT') throw new CliError(`cannot read ${file}`);
        throw err;
      });
      await withPlatform(async (platform) => {
        const ctx = systemCtx('system:cli', platform.clock);
        const locale = cliLocale();
        if (o.dryRun) {
          const summary = await dryRunImport(platform.db, ctx, parsed, locale);
          printSummary(summary, o.json === true, true);
          if (summary.errors.length > 0) setExit(1);
          return;
        }
        const { summary } = await commitImport(platform.db, ctx, parsed, locale, path.basename(file));
        printSummary(summary, o.json === true, false);
        if (summary.errors.length > 0) setExit(1);
      });
    });

  registry
    .command('export')
    .description('export the registry in the import format')
    .argument('<file>', 'output file (.xlsx or .csv)')
    .option('--format <format>', 'xlsx | csv (default: from the file name)')
    .option('--entity <entity>', `${REGISTRY_ENTITIES.join(' | ')} (required for CSV; XLSX: all when omitted)`)
    .action(async (file: string, o: { format?: string; entity?: string }) => {
      const format = o.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
      if (format !== 'xlsx' && format !== 'csv') throw new CliError('--format must be xlsx or csv', 2);
      const entity = entityOption(o.entity);
      if (format === 'csv' && !entity) throw new CliError('a CSV holds one entity: give --entity', 2);
      const [{ exportRegistry }, { writeRegistryCsv, writeRegistryXlsx }] = await Promise.all([
        import('../modules/constituency/bulk/export.ts'),
        import('../formats/registry-sheet/write.ts'),
      ]);
      await withPlatform(async (platform) => {
        const sheets = await exportRegistry(platform.db, undefined, entity ? [entity] : [...REGISTRY_ENTITIES]);
        const [first] = sheets;
        await writeOut(file, format === 'csv' && first ? writeRegistryCsv(first) : await writeRegistryXlsx(sheets));
      });
    });

  registry
    .command('template')
    .description('write the XLSX import template (headers, a demo row per sheet, value lists, notes)')
    .argument('<file>', 'output .xlsx file')
    .action(async (file: string) => {
      const { writeRegistryTemplate } = await import('../formats/registry-sheet/write.ts');
      await writeOut(file, await writeRegistryTemplate());
    });
}
