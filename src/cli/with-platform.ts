import type { Platform } from '../platform/platform.ts';

/**
 * Runs a CLI command against the database: the running embedded server when one is up, else one
 * started (and stopped afterwards) for this command; migrations applied first.
 * The platform's modules are imported here, not at start-up: `--help` and usage errors stay light.
 */
export async function withPlatform<T>(fn: (platform: Platform) => Promise<T>): Promise<T> {
  const [{ default: pino }, { loadConfig }, { startPlatform }] = await Promise.all([
    import('pino'),
    import('../config.ts'),
    import('../platform/start-platform.ts'),
  ]);
  const config = loadConfig();
  const log = pino({ level: process.env.CANHGAC_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const running = await startPlatform(config, { log, poolSize: 4 });
  try {
    return await fn(running.platform);
  } finally {
    await running.close();
  }
}
