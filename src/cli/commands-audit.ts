import type { Command } from 'commander';
import { CliError } from './cli-error.ts';
import { withPlatform } from './with-platform.ts';

export function auditCommands(cli: Command): void {
  const audit = cli.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check the hash chain; reports the first broken link and entries awaiting sealing')
    .option('--seal', 'seal committed entries first')
    .option('--json', 'print the result as JSON')
    .action(async (o: { seal?: boolean; json?: boolean }) => {
      const [{ sealAuditSettled }, { verifyAudit }] = await Promise.all([
        import('../modules/audit/seal-audit.ts'),
        import('../modules/audit/verify-audit.ts'),
      ]);
      const result = await withPlatform(async (platform) => {
        if (o.seal) await sealAuditSettled(platform.pool);
        return verifyAudit(platform.pool);
      });
      if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) {
        process.stdout.write(
          `audit chain intact: ${result.sealed} sealed entries, ${result.unsealed} awaiting sealing\n`,
        );
      }
      if (!result.ok && result.firstBroken) {
        const b = result.firstBroken;
        throw new CliError(
          `audit chain broken at seq ${b.seq} (entry ${b.id}, ${b.reason}); ${result.sealed} sealed, ${result.unsealed} awaiting sealing`,
        );
      }
    });
  audit
    .command('seal')
    .description('seal committed entries now (normally a background job does this)')
    .action(async () => {
      const { sealAuditSettled } = await import('../modules/audit/seal-audit.ts');
      const n = await withPlatform((platform) => sealAuditSettled(platform.pool));
      process.stdout.write(`sealed ${n} entries\n`);
    });
}
