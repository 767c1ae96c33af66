import pino from 'pino';
import type { Config } from '../config.ts';
import { createDb, createPool } from '../db/database.ts';
import { runMigrations } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { BlobStore } from '../modules/files/blob-store.ts';
import { seedReferenceData } from '../modules/incidents/reference-data.ts';
import { followClockOffset } from '../modules/system/test-clock.ts';
import { type Clock, OffsetClock, systemClock } from './clock.ts';
import type { Platform } from './platform.ts';
import { deriveKeys, loadMasterSecret } from './secrets.ts';

export type Running = { platform: Platform; databaseUrl: string; embedded: boolean; close(): Promise<void> };

/** Opens the database (embedded or external), applies migrations and derives the keys. */
export async function startPlatform(
  config: Config,
  opts: { clock?: Clock; log?: pino.Logger; poolSize?: number; migrate?: boolean; ownDatabase?: boolean } = {},
): Promise<Running> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const handle = await openDatabase(config, (msg) => log.info(msg), { requireOwnership: opts.ownDatabase });
  const pool = createPool(handle.url, opts.poolSize ?? 10);
  try {
    if (opts.migrate !== false) {
      await runMigrations(pool);
      await seedReferenceData(pool);
    }
    const secret = await loadMasterSecret(config.secret, config.dataDir);
    const db = createDb(pool);
    const offsetClock = config.testClock && !opts.clock ? new OffsetClock() : undefined;
    const stopFollowing = offsetClock ? await followClockOffset(db, offsetClock) : () => {};
    const platform: Platform = {
      config,
      pool,
      db,
      clock: opts.clock ?? offsetClock ?? systemClock,
      keys: deriveKeys(secret),
      blobs: new BlobStore(config.blobDir),
      log,
    };
    return {
      platform,
      databaseUrl: handle.url,
      embedded: handle.embedded,
      close: async () => {
        stopFollowing();
        await pool.end();
        await handle.close();
      },
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw err;
  }
}
