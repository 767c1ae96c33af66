import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { scanFormatMessages } from '../formats/scans/messages.ts';
import { SCAN_FORMATS, type ScanFormat, ScanFormatError } from '../formats/scans/types.ts';
import type { ImportScanResult } from '../modules/scans/commands/import-scan.ts';
import type { Locale } from '../platform/messages-type.ts';
import { CliError } from './cli-error.ts';
import { withPlatform } from './with-platform.ts';

function cliLocale(): Locale {
  return (process.env.LC_ALL ?? process.env.LANG ?? '').startsWith('vi') ? 'vi' : 'en';
}

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r').catch(() => {
    throw new CliError(`cannot read ${file}`);
  });
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's bytes, hashed and counted as the parser reads them. */
function hashingStream(file: string) {
  const hash = createHash('sha256');
  let size = 0;
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      const b = chunk as Buffer;
      hash.update(b);
      size += b.length;
      yield b;
    }
  }
  return {
    bytes: bytes(),
    facts: () => ({ name: path.basename(file), sha256: hash.digest('hex'), size }),
  };
}

function printImport(r: ImportScanResult, json: boolean) {
  if (json) {
    const { skipped, ...contract } = r;
    process.stdout.write(`${JSON.stringify({ ...contract, skipped: skipped.length })}\n`);
    return;
  }
  const lines = [
    `scan ${r.scanId} (${r.format}): ${r.findings} findings — ${r.new} new, ${r.unchanged} unchanged, ${r.reopened} reopened, ${r.fixed} fixed, ${r.suppressed} suppressed, ${r.leftOpenNotCovered} left open (not covered)`,
    ...(r.duplicateOf ? [`same file as scan ${r.duplicateOf}`] : []),
    ...(r.unmatchedHosts.length ? [`unmatched hosts: ${r.unmatchedHosts.join(', ')}`] : []),
    ...r.skipped.map((s) => `skipped record ${s.at}: ${scanMessage(s.reason, s.params)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A parser's message key (ScanFormatError, skipped reason) in the CLI's language; the key itself if unknown. */
function scanMessage(key: string, params: Record<string, string | number> = {}): string {
  const texts = (scanFormatMessages as Record<string, Record<Locale, string>>)[key];
  if (!texts) return key;
  return texts[cliLocale()].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

function formatOption(value: string): ScanFormat | 'auto' {
  if (value === 'auto' || (SCAN_FORMATS as readonly string[]).includes(value)) return value as ScanFormat | 'auto';
  throw new CliError(`--format must be auto or one of ${SCAN_FORMATS.join(', ')}`, 2);
}

export function scansCommands(cli: Command): void {
  const scans = cli.command('scans').description('vulnerability scan results and findings (#7)');

  scans
    .command('import')
    .description('import a scan result file: one transaction, re-scan buckets on stdout')
    .argument('<file>', 'scan result file')
    .option('--format <format>', `auto | ${SCAN_FORMATS.join(' | ')}`, 'auto')
    .option('--system <code>', 'attach every finding to this information system whatever its host')
    .option('--json', 'print the summary as one JSON object')
    .action(async (file: string, o: { format: string; system?: string; json?: boolean }) => {
      const requested = formatOption(o.format);
      const { DETECT_HEAD_BYTES, detectScanFormat, parseScan } = await import('../formats/scans/index.ts');
      const head = await readHead(file, DETECT_HEAD_BYTES);
      const format = requested === 'auto' ? detectScanFormat(head, path.basename(file)) : requested;
      if (!format) throw new CliError(scanMessage('scan_format_unknown'));
      const [{ stopOwnershipService }, { importScan }, { systemCtx }] = await Promise.all([
        import('../modules/constituency/networks/ownership-service.ts'),
        import('../modules/scans/commands/import-scan.ts'),
        import('../platform/actor.ts'),
      ]);
      const source = hashingStream(file);
      const result = await withPlatform(async (platform) => {
        try {
          return await importScan(platform, systemCtx('system:cli', platform.clock), {
            events: parseScan(format, source.bytes),
            format,
            file: source.facts,
            systemCode: o.system,
          });
        } catch (err) {
          if (err instanceof ScanFormatError) throw new CliError(scanMessage(err.key, err.params));
          throw err;
        } finally {
          await stopOwnershipService(platform);
        }
      });
      printImport(result, o.json === true);
      if (process.env.CANHGAC_REPORT_MAXRSS === 'true') {
        process.stderr.write(`maxrss_kb=${process.resourceUsage().maxRSS}\n`);
      }
    });

  scans
    .command('findings')
    .description("a system's findings")
    .requiredOption('--system <code>', 'information system code')
    .option(
      '--json',
      'JSON lines: {"fingerprint","title","severity","status","host","port","cves","firstSeen","lastSeen"}',
    )
    .action(async (o: { system: string; json?: boolean }) => {
      const [{ message }, { systemFindings, systemIdByCode }] = await Promise.all([
        import('../platform/messages.ts'),
        import('../modules/scans/queries.ts'),
      ]);
      await withPlatform(async (platform) => {
        const systemId = await systemIdByCode(platform.pool, o.system);
        if (!systemId) throw new CliError(message('scans_system_unknown', cliLocale(), { code: o.system }));
        let out = '';
        for await (const f of systemFindings(platform.pool, systemId)) {
          out += o.json
            ? `${JSON.stringify(f)}\n`
            : `${f.severity.padEnd(9)} ${f.status.padEnd(15)} ${`${f.host ?? ''}${f.port ? `:${f.port}` : ''}`.padEnd(28)} ${f.title}\n`;
          if (out.length > 1 << 16) {
            process.stdout.write(out);
            out = '';
          }
        }
        process.stdout.write(out);
      });
    });
}
