import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../../test/factories.ts';
import { freshDatabase, testPlatform } from '../../../../test/harness.ts';
import { systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { runCommand } from '../../audit/command.ts';
import { addNetwork } from './commands/save-network.ts';
import { type OwnershipService, ownershipService, stopOwnershipService } from './ownership-service.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
const platforms: Platform[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  for (let i = 0; i < 3; i++) platforms.push(testPlatform(db.url));
});
afterAll(async () => {
  for (const p of platforms) {
    await stopOwnershipService(p);
    await p.pool.end();
  }
  await db.drop();
});

/** Polls until the instance's index names the organisation for the value (or gives up after 15 s). */
async function seenBy(service: OwnershipService, value: string, organisationId: string): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const snap = await service.current();
    const r = snap.index.lookup(value);
    if (r.ok && r.hits.some((h) => h.owner === organisationId)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function claim(platform: Platform, organisationId: string, cidr: string) {
  await runCommand(platform.db, systemCtx('system:test', platform.clock), (scope) =>
    addNetwork(scope, organisationId, { kind: 'range', cidr, note: null }),
  );
}

describe('ownership index freshness across instances on one database', () => {
  it('an edit on one instance reaches the other through LISTEN/NOTIFY', async () => {
    const [a, b] = platforms as [Platform, Platform];
    // No fallback polling on b within the test's horizon: only the notification can update it.
    const onB = ownershipService(b, { pollMs: 3_600_000 });
    await onB.current();
    const org = await makeOrg(a);
    await claim(a, org.id, '198.51.100.0/24');
    expect(await seenBy(onB, '198.51.100.9', org.id)).toBe(true);
  });

  it('the periodic version check alone also picks it up', async () => {
    const [a, , c] = platforms as [Platform, Platform, Platform];
    const onC = ownershipService(c, { listen: false, pollMs: 200 });
    await onC.current();
    const org = await makeOrg(a);
    await claim(a, org.id, '192.0.2.0/25');
    expect(await seenBy(onC, '192.0.2.1', org.id)).toBe(true);
  });
});
