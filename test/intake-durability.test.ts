// Intake durability (#6): a real `canhgac serve` process is killed with SIGKILL twice at random
// moments while clients keep reporting through the API; clients retry with the same external id.
// Every report answered 2xx must be stored exactly once and acknowledged. (The 5-minute run with
// three kills is the benchmark: npm run bench -- --only=intake.)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDurableClient } from '../bench/intake/durable-client.ts';
import { kill9, type Served, serve, stop, waitReady } from '../bench/intake/server.ts';
import { verifyIntake } from '../bench/intake/verify.ts';
import { createApiToken } from '../src/modules/identity/commands/manage-api-tokens.ts';
import { systemCtx } from '../src/platform/actor.ts';
import { freePort } from '../src/platform/net.ts';
import type { Platform } from '../src/platform/platform.ts';
import { makeOrg, makeUser } from './factories.ts';
import { freshDatabase, TEST_SECRET, testPlatform } from './harness.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let platform: Platform;
let dataDir = '';
let server: Served | undefined;

beforeAll(async () => {
  db = await freshDatabase();
  platform = testPlatform(db.url);
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-durability-'));
});

afterAll(async () => {
  if (server) await kill9(server);
  await platform?.pool.end();
  await db?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('intake API under SIGKILL', () => {
  it('every report answered 2xx survives two kills -9 of the server, stored once and acknowledged', async () => {
    const org = await makeOrg(platform, 'member');
    const user = await makeUser(platform, org.id, ['member']);
    const { token } = await createApiToken(platform.db, systemCtx('system:test', platform.clock), user.id, {
      name: 'durability',
      scopes: ['read', 'write'],
      expiresInDays: 1,
    });
    const [port, pgPort] = [await freePort(), await freePort()];
    const start = async () => {
      server = serve({ dataDir, port, pgPort, external: { url: db.url, secret: TEST_SECRET } });
      await waitReady(port, 60_000);
    };
    await start();

    let release: () => void = () => {};
    const until = new Promise<void>((r) => {
      release = r;
    });
    const prefix = `durable-${Date.now()}`;
    const run = runDurableClient({ port, token, concurrency: 16, prefix, until, retryDelayMs: 50, resendEvery: 25 });
    // Two kills, each at a random moment of its own 3-second window, with reports flowing before.
    for (let k = 0; k < 2; k++) {
      await sleep(1500 + Math.random() * 3000);
      if (server) await kill9(server);
      await start();
    }
    await sleep(1500);
    release();
    const out = await run;
    if (server) await stop(server);
    server = undefined;

    expect(out.rejected).toBe(0);
    // A client re-sending an accepted report gets the first one back (200), never a second report.
    expect(out.duplicatesSent).toBeGreaterThan(0);
    expect(out.duplicatesAnswered200).toBe(out.duplicatesSent);
    expect(out.accepted.size).toBeGreaterThan(100);
    // The kills interrupted requests: they failed and were sent again.
    expect(out.failedAttempts).toBeGreaterThan(0);
    const verdict = await verifyIntake(platform.pool, prefix, out.accepted);
    expect(verdict).toMatchObject({
      missing: [],
      duplicated: 0,
      unacknowledged: 0,
      withoutNotification: 0,
      withoutAudit: 0,
      ok: true,
    });
    expect(verdict.storedOnce).toBe(out.accepted.size);
    // A report committed whose answer the kill swallowed is stored too (its retry got 200): nothing
    // stored that no client sent, nothing stored twice.
    expect(verdict.storedTotal).toBeGreaterThanOrEqual(out.accepted.size);
  }, 120_000);
});
