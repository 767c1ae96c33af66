import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testPlatform } from '../../../../test/harness.ts';
import { systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { seedConstituency } from '../commands/seed-constituency.ts';
import { readConstituencyFile } from '../seed-file.ts';
import { ownershipService, stopOwnershipService } from './ownership-service.ts';

let platform: Platform;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  platform = testPlatform(db.url);
});
afterAll(async () => {
  await stopOwnershipService(platform);
  await platform.pool.end();
  await drop();
});

describe('demo networks in the constituency file', () => {
  it('loads ranges, domains and ASNs once, and the demo answers who owns what', async () => {
    const file = await readConstituencyFile(path.resolve('seed/demo-quang-nam-2022.json'));
    file.users = [];
    const ctx = systemCtx('system:test', platform.clock);
    await seedConstituency(platform.db, ctx, file);
    const count = async () =>
      (
        await platform.pool.query<{ n: number }>(
          `SELECT ((SELECT count(*) FROM network_ranges) + (SELECT count(*) FROM organisation_domains)
                  + (SELECT count(*) FROM organisation_asns))::int AS n`,
        )
      ).rows[0]?.n;
    const first = await count();
    expect(first).toBeGreaterThan(10);
    await seedConstituency(platform.db, ctx, file);
    expect(await count()).toBe(first);

    const { index, organisations } = await ownershipService(platform).current();
    const codes = (value: string) => {
      const r = index.lookup(value);
      return r.ok ? r.hits.map((h) => organisations.get(h.owner)?.code) : r.error;
    };
    // The data centre system's component claims the same /24 as the ISP: both follow the agency.
    expect(codes('203.0.113.165')).toEqual(['SKHCN-QNA', 'ISP-A-QNA', 'STTTT-QNA']);
    // quangnam.example is also a component of the portal, operated by the data centre.
    expect(codes('www.skhcn.quangnam.example')).toEqual(['SKHCN-QNA', 'UBND-QNA', 'STTTT-QNA']);
    expect(codes('2001:db8:200::5')).toEqual(['UBND-HOIAN-QNA', 'ISP-A-QNA']);
    // A component host of the portal: its operator first, then the data centre's range, then the ISP.
    expect(codes('203.0.113.10')?.slice(0, 1)).toEqual(['STTTT-QNA']);
    expect(codes('203.0.113.10')).toContain('ISP-A-QNA');
  });
});
