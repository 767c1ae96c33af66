import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testPlatform } from '../../../../test/harness.ts';
import { systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { seedConstituency } from '../commands/seed-constituency.ts';
import { readConstituencyFile } from '../seed-file.ts';

let platform: Platform;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  platform = testPlatform(db.url);
});
afterAll(async () => {
  await platform.pool.end();
  await drop();
});

describe('demo systems in the constituency file', () => {
  it('loads the demo systems with normalised components; loading twice keeps the codes and adds nothing', async () => {
    const file = await readConstituencyFile(path.resolve('seed/demo-quang-nam-2022.json'));
    file.users = [];
    const ctx = systemCtx('system:test', platform.clock);
    await seedConstituency(platform.db, ctx, file);
    const count = async () =>
      (await platform.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM information_systems')).rows[0]?.n;
    expect(await count()).toBe(file.systems.length);
    const portal = await platform.pool.query(
      `SELECT s.security_level, s.shared_provincial, o.code AS owner, p.code AS operator,
              (SELECT count(*)::int FROM system_components c WHERE c.system_id = s.id) AS components
         FROM information_systems s JOIN organisations o ON o.id = s.owner_org_id JOIN organisations p ON p.id = s.operator_org_id
        WHERE s.code = 'HT-CONGTTDT-QNA'`,
    );
    expect(portal.rows[0]).toMatchObject({
      security_level: 3,
      shared_provincial: true,
      owner: 'UBND-QNA',
      operator: 'STTTT-QNA',
    });
    expect(portal.rows[0].components).toBeGreaterThan(5);
    const exchange = await platform.pool.query(
      "SELECT vendor, product, version FROM system_components WHERE cpe LIKE 'cpe:2.3:a:microsoft:exchange_server:%'",
    );
    expect(exchange.rows[0]).toEqual({ vendor: 'microsoft', product: 'exchange_server', version: '2019' });
    // only documentation addresses
    const ips = await platform.pool.query<{ ip: string }>(
      'SELECT host(ip) AS ip FROM system_components WHERE ip IS NOT NULL',
    );
    for (const { ip } of ips.rows) expect(ip).toMatch(/^(203\.0\.113\.|198\.51\.100\.|192\.0\.2\.|2001:db8:)/);
    const ids = (await platform.pool.query('SELECT id, code FROM information_systems ORDER BY code')).rows;
    await seedConstituency(platform.db, ctx, file);
    expect((await platform.pool.query('SELECT id, code FROM information_systems ORDER BY code')).rows).toEqual(ids);
  });
});
