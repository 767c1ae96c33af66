import type { Command } from 'commander';
import { CliError } from './cli-error.ts';
import { withPlatform } from './with-platform.ts';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `3d`, `-12h`, `90m`, `30s` → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(-?\d+)([smhd])$/.exec(text.trim());
  if (!m?.[1] || !m[2]) throw new CliError(`not a duration: ${text} (e.g. 3d, -12h, 90m, 30s)`, 2);
  return Number(m[1]) * (UNITS[m[2]] ?? 0);
}

export function clockCommands(cli: Command): void {
  const clock = cli
    .command('clock')
    .description('the shared test clock (only with CANHGAC_TEST_CLOCK=true; refused in production)');
  const requireTestClock = async () => {
    const { loadConfig } = await import('../config.ts');
    if (!loadConfig().testClock)
      throw new CliError('the test clock is off: set CANHGAC_TEST_CLOCK=true (never in production)');
  };
  clock
    .command('show')
    .description('print the platform time and the offset')
    .action(async () => {
      await requireTestClock();
      const { readClockOffset } = await import('../modules/system/test-clock.ts');
      const offset = await withPlatform((p) => readClockOffset(p.db));
      process.stdout.write(`${new Date(Date.now() + offset).toISOString()} (offset ${offset} ms)\n`);
    });
  clock
    .command('set')
    .description('jump to an instant (--at) or move by a duration (--advance 3d)')
    .option('--at <iso>', 'an ISO 8601 instant, e.g. 2026-12-01T08:00:00+07:00')
    .option('--advance <duration>', 'e.g. 3d, -12h, 90m')
    .action(async (o: { at?: string; advance?: string }) => {
      await requireTestClock();
      if ((o.at === undefined) === (o.advance === undefined))
        throw new CliError('give exactly one of --at, --advance', 2);
      const at = o.at !== undefined ? new Date(o.at) : undefined;
      if (at && Number.isNaN(at.getTime())) throw new CliError(`not an instant: ${o.at}`, 2);
      const advanceMs = o.advance !== undefined ? parseDuration(o.advance) : undefined;
      const [{ setClockOffset }, { systemCtx }] = await Promise.all([
        import('../modules/system/test-clock.ts'),
        import('../platform/actor.ts'),
      ]);
      const offset = await withPlatform((p) =>
        setClockOffset(p.db, systemCtx('system:cli', p.clock), { at, advanceMs }),
      );
      process.stdout.write(`${new Date(Date.now() + offset).toISOString()} (offset ${offset} ms)\n`);
    });
}
