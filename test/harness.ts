import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import type { Config } from '../src/config.ts';
import { createDb, createPool } from '../src/db/database.ts';
import { BlobStore } from '../src/modules/files/blob-store.ts';
import { type Clock, systemClock, TestClock } from '../src/platform/clock.ts';
import type { Platform } from '../src/platform/platform.ts';
import { deriveKeys } from '../src/platform/secrets.ts';
import { buildApp, type RouteRecord } from '../src/server/app.ts';

export function databaseUrl(database: string): string {
  const u = new URL(inject('pgAdminUrl'));
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database copied from the migrated template: each test file gets its own. */
export async function freshDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${inject('pgTemplate')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(name),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent-canhgac-test-data',
    blobDir: '/nonexistent-canhgac-test-data/blobs',
    databaseUrl: undefined,
    baseUrl: 'http://localhost',
    secret: TEST_SECRET,
    embeddedPgPort: 54329,
    logLevel: 'silent',
    trustProxy: false,
    secureCookies: false,
    runWorkers: false,
    testClock: true,
    ...overrides,
  };
}

/** A platform on a test database: silent logs, the test secret, a shared blob directory. */
export function testPlatform(url: string, opts: { poolSize?: number; clock?: Clock; secret?: string } = {}): Platform {
  const pool = createPool(url, opts.poolSize ?? 5);
  return {
    config: testConfig({ databaseUrl: url }),
    pool,
    db: createDb(pool),
    clock: opts.clock ?? systemClock,
    keys: deriveKeys(opts.secret ?? TEST_SECRET),
    blobs: new BlobStore(path.join(os.tmpdir(), 'canhgac-test-blobs')),
    log: pino({ level: 'silent' }),
  };
}

export type TestEnv = {
  platform: Platform;
  clock: TestClock;
  app: Awaited<ReturnType<typeof buildApp>>['app'];
  routes: RouteRecord[];
  dbUrl: string;
  close(): Promise<void>;
};

/** A platform + app on a fresh database, with a controllable clock. */
export async function testEnv(opts: { poolSize?: number } = {}): Promise<TestEnv> {
  const database = await freshDatabase();
  const clock = new TestClock();
  const platform = testPlatform(database.url, { poolSize: opts.poolSize, clock });
  const pool = platform.pool;
  const routes: RouteRecord[] = [];
  const { app } = await buildApp(platform, { routes });
  await app.ready();
  return {
    platform,
    clock,
    app,
    routes,
    dbUrl: database.url,
    close: async () => {
      await app.close();
      await pool.end();
      await database.drop();
    },
  };
}
