import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPool } from '../src/db/database.ts';
import { openEmbeddedServer } from '../src/db/embedded-server.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { seedReferenceData } from '../src/modules/incidents/reference-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** admin URL of the server the tests use (embedded, or CANHGAC_TEST_DATABASE_URL) */
    pgAdminUrl: string;
    /** database with every migration applied, the template each test file copies */
    pgTemplate: string;
    pgMode: 'embedded' | 'external';
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL for the whole run: the embedded one (default) or the external server given by
 * CANHGAC_TEST_DATABASE_URL. Migrations are applied once into a template database; every test
 * file gets its own copy, so parallel workers never share data.
 */
export default async function setup(project: TestProject) {
  const external = process.env.CANHGAC_TEST_DATABASE_URL;
  let adminUrl: string;
  let stop = async () => {};
  if (external) {
    adminUrl = external;
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-test-pg-'));
    const server = await openEmbeddedServer({
      dataDir: dir,
      port: 55000 + Math.floor(Math.random() * 5000),
      portFallback: true,
    });
    adminUrl = server.url;
    stop = async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const template = `canhgac_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0`);
  const pool = createPool(withDatabase(adminUrl, template), 2);
  await runMigrations(pool);
  await seedReferenceData(pool);
  await pool.end();
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgMode', external ? 'external' : 'embedded');
  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    const leftovers = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${template}_%`,
    ]);
    for (const row of leftovers.rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await c.end();
    await stop();
  };
}
