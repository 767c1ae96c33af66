import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, QUEUES, startJobs } from '../src/jobs/boss.ts';
import { runCommand } from '../src/modules/audit/command.ts';
import { verifyAudit } from '../src/modules/audit/verify-audit.ts';
import { systemCtx } from '../src/platform/actor.ts';
import type { Platform } from '../src/platform/platform.ts';
import { buildApp } from '../src/server/app.ts';
import { makeOrg, makeUser, PASSWORD } from './factories.ts';
import { freshDatabase, testPlatform } from './harness.ts';
import { as, login } from './http.ts';

type Instance = { platform: Platform; app: Awaited<ReturnType<typeof buildApp>>['app']; jobs?: Jobs };

let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: Instance;
let b: Instance;

async function instance(url: string): Promise<Instance> {
  const platform = testPlatform(url);
  const { app } = await buildApp(platform);
  await app.ready();
  return { platform, app };
}

beforeAll(async () => {
  db = await freshDatabase();
  a = await instance(db.url);
  b = await instance(db.url);
});

afterAll(async () => {
  for (const i of [a, b]) {
    await i.jobs?.stop();
    await i.app.close();
    await i.platform.pool.end();
  }
  await db.drop();
});

describe('two instances on one database', () => {
  it('share sessions: a login on one is valid on the other, a logout on the other ends it', async () => {
    const org = await makeOrg(a.platform);
    const u = await makeUser(a.platform, org.id, ['responder']);
    const s = await login(a.app, u.username, PASSWORD);
    expect((await as(b.app, s)('GET', '/api/me')).json().username).toBe(u.username);
    expect((await as(b.app, s)('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await as(a.app, s)('GET', '/api/me')).statusCode).toBe(401);
  });

  it('share the lockout counter', async () => {
    const org = await makeOrg(a.platform);
    const u = await makeUser(a.platform, org.id, ['member']);
    const fail = (app: Instance['app']) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'wrong-wrong-wrong' },
      });
    for (const app of [a.app, b.app, a.app, b.app]) expect((await fail(app)).statusCode).toBe(401);
    expect((await fail(a.app)).statusCode).toBe(423);
    expect(await login(b.app, u.username, PASSWORD).catch((e: Error) => e.message)).toMatch(/423/);
  });

  it('run each scheduled occurrence once, and seal one consistent chain', async () => {
    // Counted from before the job systems start: a slot's send-it job may be written at start-up and
    // its seal job a moment later.
    const since = new Date();
    a.jobs = await startJobs(a.platform, db.url, { work: true });
    b.jobs = await startJobs(b.platform, db.url, { work: true });
    for (let i = 0; i < 40; i++) {
      const inst = i % 2 ? a : b;
      await runCommand(inst.platform.db, systemCtx('system:test', inst.platform.clock), async ({ audit }) => {
        audit({ action: 'test.two', subjectType: 'test', detail: { i } });
      });
    }
    // pg-boss schedules have one-minute slots: wait until a minute boundary has passed and both
    // instances have run a cron pass after it.
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    await new Promise((r) => setTimeout(r, Math.max(untilNextMinute, 8_000) + 7_000));
    // Both instances registered the same schedules: one row each, not two.
    const schedules = await a.platform.pool.query('SELECT name, count(*)::int AS n FROM pgboss.schedule GROUP BY name');
    expect(schedules.rows.every((r) => r.n === 1)).toBe(true);
    expect(schedules.rows.map((r) => r.name)).toEqual(expect.arrayContaining(Object.values(QUEUES)));
    // Each occurrence slot was sent once (both instances ran cron passes).
    const slots = await a.platform.pool.query(
      `SELECT data->>'name' AS queue, data->>'slot' AS slot, count(*)::int AS n FROM pgboss.job
        WHERE name = '__pgboss__send-it' AND created_on >= $1 GROUP BY 1, 2`,
      [since],
    );
    expect(slots.rows.length).toBeGreaterThan(0);
    expect(slots.rows.filter((r) => r.n > 1)).toEqual([]);
    const sealJobs = await a.platform.pool.query(
      'SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND created_on >= $2',
      [QUEUES.auditSeal, since],
    );
    expect(sealJobs.rows[0].n).toBe(slots.rows.filter((r) => r.queue === QUEUES.auditSeal).length);
    const v = await verifyAudit(a.platform.pool);
    expect(v).toMatchObject({ ok: true, unsealed: 0 });
    expect(v.sealed).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
