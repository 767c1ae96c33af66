import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createDb, createPool } from '../src/db/database.ts';
import { openEmbeddedServer } from '../src/db/embedded-server.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { OwnershipService } from '../src/modules/constituency/networks/ownership-service.ts';
import { BlobStore } from '../src/modules/files/blob-store.ts';
import { systemClock } from '../src/platform/clock.ts';
import { freePort } from '../src/platform/net.ts';
import type { Platform } from '../src/platform/platform.ts';
import { deriveKeys } from '../src/platform/secrets.ts';
import { syntheticData } from './ownership.ts';

export type ReloadBench = { rows: number; firstLoadMs: number; editToRebuiltMs: number[] };

const CHUNK = 20_000;

/**
 * The same synthetic ranges and domains stored in PostgreSQL (embedded, fresh): how long the first
 * load takes, and how long from committing one edit until a second instance's index answers with it
 * (trigger → NOTIFY → reload from the database → rebuild).
 */
export async function benchOwnershipReload(): Promise<ReloadBench> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-bench-own-'));
  const server = await openEmbeddedServer({ dataDir: dir, port: await freePort(), portFallback: true });
  const pool = createPool(server.url, 4);
  const platform: Platform = {
    config: loadConfig({ CANHGAC_DATA_DIR: dir }),
    pool,
    db: createDb(pool),
    clock: systemClock,
    keys: deriveKeys('bench-secret-bench-secret-bench-secret-0123'),
    blobs: new BlobStore(path.join(dir, 'blobs')),
    log: pino({ level: 'silent' }),
  };
  const service = new OwnershipService(platform, { pollMs: 60_000, listen: true });
  try {
    await runMigrations(pool);
    const { entries } = syntheticData();
    const owners = [...new Set(entries.map((e) => e.owner))];
    const ids = new Map<string, string>();
    const orgs = await pool.query<{ id: string; code: string }>(
      `INSERT INTO organisations (code, name, kind)
       SELECT c, 'Bench ' || c, 'member' FROM unnest($1::text[]) AS c RETURNING id, code`,
      [owners],
    );
    for (const o of orgs.rows) ids.set(o.code, o.id);
    const ranges = entries.flatMap((e) => (e.type === 'range' ? [[ids.get(e.owner), e.cidr] as const] : []));
    const domains = entries.flatMap((e) =>
      e.type === 'domain' ? [[ids.get(e.owner), e.domain, e.includeSubdomains] as const] : [],
    );
    for (let i = 0; i < ranges.length; i += CHUNK) {
      const part = ranges.slice(i, i + CHUNK);
      await pool.query(
        'INSERT INTO network_ranges (organisation_id, cidr) SELECT * FROM unnest($1::uuid[], $2::cidr[]) ON CONFLICT DO NOTHING',
        [part.map((r) => r[0]), part.map((r) => r[1])],
      );
    }
    for (let i = 0; i < domains.length; i += CHUNK) {
      const part = domains.slice(i, i + CHUNK);
      await pool.query(
        `INSERT INTO organisation_domains (organisation_id, domain, include_subdomains)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::bool[]) ON CONFLICT DO NOTHING`,
        [part.map((d) => d[0]), part.map((d) => d[1]), part.map((d) => d[2])],
      );
    }
    const counted = await pool.query<{ n: string }>(
      'SELECT (SELECT count(*) FROM network_ranges) + (SELECT count(*) FROM organisation_domains) AS n',
    );

    let t0 = performance.now();
    await service.current();
    const firstLoadMs = performance.now() - t0;

    const orgId = orgs.rows[0]?.id;
    const editToRebuiltMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const probe = `198.18.${i}.0/25`;
      t0 = performance.now();
      await pool.query('INSERT INTO network_ranges (organisation_id, cidr) VALUES ($1, $2)', [orgId, probe]);
      for (;;) {
        const answer = (await service.current()).index.lookup(`198.18.${i}.7`);
        if (answer.ok && answer.hits.some((h) => h.owner === orgId && h.match === probe)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      editToRebuiltMs.push(performance.now() - t0);
    }
    return { rows: Number(counted.rows[0]?.n ?? 0), firstLoadMs, editToRebuiltMs };
  } finally {
    await service.stop();
    await pool.end();
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
