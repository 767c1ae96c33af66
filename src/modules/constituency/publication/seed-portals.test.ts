import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testPlatform } from '../../../../test/harness.ts';
import { systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { seedConstituency } from '../commands/seed-constituency.ts';
import { constituencyFile, readConstituencyFile } from '../seed-file.ts';

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

const portals = async () =>
  (
    await platform.pool.query<{ code: string; url: string }>(
      'SELECT o.code, p.url FROM organisation_portals p JOIN organisations o ON o.id = p.organisation_id ORDER BY o.code',
    )
  ).rows;

describe('demo portal pages in the constituency file', () => {
  it('sets the demo portals on .example hosts, records no check, and re-seeding keeps a URL a user changed', async () => {
    const file = await readConstituencyFile(path.resolve('seed/demo-quang-nam-2022.json'));
    file.users = [];
    const ctx = systemCtx('system:test', platform.clock);
    await seedConstituency(platform.db, ctx, file);
    const rows = await portals();
    expect(rows.length).toBe(file.portals.length);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const { url } of rows) expect(new URL(url).hostname).toMatch(/\.example$/);
    // nothing pretends a check happened
    const checks = await platform.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM publication_checks');
    expect(checks.rows[0]?.n).toBe(0);
    const audited = await platform.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'publication.portal_set'",
    );
    expect(audited.rows[0]?.n).toBe(rows.length);

    const first = rows[0];
    if (!first) throw new Error('no portal seeded');
    await platform.pool.query(
      `UPDATE organisation_portals SET url = 'https://changed.example/lien-he'
        WHERE organisation_id = (SELECT id FROM organisations WHERE code = $1)`,
      [first.code],
    );
    await seedConstituency(platform.db, ctx, file);
    const again = await portals();
    expect(again.length).toBe(rows.length);
    expect(again.find((r) => r.code === first.code)?.url).toBe('https://changed.example/lien-he');
  });

  it('refuses a portal of an unknown organisation or a non-web URL', () => {
    const base = { label: 'x', organisations: [{ code: 'A', name: 'Đơn vị A', kind: 'member' }] };
    expect(
      constituencyFile.safeParse({ ...base, portals: [{ organisation: 'B', url: 'https://a.example/' }] }).success,
    ).toBe(false);
    expect(
      constituencyFile.safeParse({ ...base, portals: [{ organisation: 'A', url: 'ftp://a.example/' }] }).success,
    ).toBe(false);
    expect(
      constituencyFile.safeParse({ ...base, portals: [{ organisation: 'A', url: 'https://a.example/' }] }).success,
    ).toBe(true);
  });
});
