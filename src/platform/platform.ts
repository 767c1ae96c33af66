import type pg from 'pg';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { BlobStore } from '../modules/files/blob-store.ts';
import type { Clock } from './clock.ts';
import type { Keys } from './secrets.ts';

/** The services a running CanhGac process shares between HTTP handlers, jobs and CLI commands. */
export type Platform = {
  config: Config;
  pool: pg.Pool;
  db: Db;
  clock: Clock;
  keys: Keys;
  blobs: BlobStore;
  log: Logger;
  boss?: PgBoss;
};
