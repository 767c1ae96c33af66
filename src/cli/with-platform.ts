import pino from 'pino';
import { loadConfig } from '../config.ts';
import type { Platform } from '../platform/platform.ts';
import { startPlatform } from '../platform/start-platform.ts';

/**
 * Runs a CLI command against the database: the running embedded server when one is up, else one
 * started (and stopped afterwards) for this command; migrations applied first.
 */
export async function withPlatform<T>(fn: (platform: Platform) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = pino({ level: process.env.CANHGAC_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const running = await startPlatform(config, { log, poolSize: 4 });
  try {
    return await fn(running.platform);
  } finally {
    await running.close();
  }
}
