import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { as, login, type Session } from '../../../test/http.ts';

let env: TestEnv;
let coordinator: Session;

beforeAll(async () => {
  env = await testEnv();
  const home = await makeOrg(env.platform, 'coordinator');
  const c = await makeUser(env.platform, home.id, ['coordinator']);
  coordinator = await login(env.app, c.username, PASSWORD);
});
afterAll(() => env.close());

describe('merging an organisation into its successor', () => {
  it('ends its validity, links the successor, deactivates it and moves its users (audited)', async () => {
    const dic = await makeOrg(env.platform, 'member', 'Sở Thông tin và Truyền thông');
    const dost = await makeOrg(env.platform, 'member', 'Sở Khoa học và Công nghệ');
    const staff = await makeUser(env.platform, dic.id, ['member']);
    const staffSession = await login(env.app, staff.username, PASSWORD);
    const res = await as(env.app, coordinator)('POST', `/api/organisations/${dic.id}/merge`, {
      successorId: dost.id,
      effectiveDate: '2025-03-01',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      movedUsers: 1,
      organisation: { id: dic.id, successorId: dost.id, validTo: '2025-03-01', active: false },
    });
    // The moved user now works in the successor (same session: identity is read per request).
    expect((await as(env.app, staffSession)('GET', '/api/me')).json().organisation.id).toBe(dost.id);
    const audit = await env.platform.pool.query(
      "SELECT action FROM audit_log WHERE action IN ('organisation.merge', 'user.move_organisation') AND (subject_id = $1 OR subject_id = $2)",
      [dic.id, staff.id],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['organisation.merge', 'user.move_organisation']);
  });

  it('refuses a merge into itself, into an inactive organisation, or one that makes a cycle', async () => {
    const a = await makeOrg(env.platform);
    const b = await makeOrg(env.platform);
    const self = await as(env.app, coordinator)('POST', `/api/organisations/${a.id}/merge`, {
      successorId: a.id,
      effectiveDate: '2025-07-01',
    });
    expect(self.statusCode).toBe(400);
    expect(
      (
        await as(env.app, coordinator)('POST', `/api/organisations/${a.id}/merge`, {
          successorId: b.id,
          effectiveDate: '2025-07-01',
        })
      ).statusCode,
    ).toBe(200);
    // a is now inactive: nothing can be merged into it, so b → a (a cycle) is refused as well.
    const back = await as(env.app, coordinator)('POST', `/api/organisations/${b.id}/merge`, {
      successorId: a.id,
      effectiveDate: '2025-07-01',
    });
    expect(back.statusCode).toBe(400);
    const c = await makeOrg(env.platform);
    await env.platform.pool.query('UPDATE organisations SET active = true WHERE id = $1', [a.id]);
    await env.platform.pool.query('UPDATE organisations SET successor_id = $2 WHERE id = $1', [c.id, a.id]);
    // b's successor chain is b → ?, c → a → b: merging b into c would close the loop.
    const cycle = await as(env.app, coordinator)('POST', `/api/organisations/${b.id}/merge`, {
      successorId: c.id,
      effectiveDate: '2025-07-01',
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toMatch(/cycle/);
  });

  it('refuses a successor link that makes a loop when editing as well', async () => {
    const a = await makeOrg(env.platform);
    const b = await makeOrg(env.platform);
    expect(
      (await as(env.app, coordinator)('PATCH', `/api/organisations/${a.id}`, { successorId: b.id })).statusCode,
    ).toBe(200);
    const loop = await as(env.app, coordinator)('PATCH', `/api/organisations/${b.id}`, { successorId: a.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.message).toMatch(/cycle/);
  });

  it('two opposite merges at once cannot both succeed', async () => {
    const a = await makeOrg(env.platform);
    const b = await makeOrg(env.platform);
    const [ab, ba] = await Promise.all([
      as(env.app, coordinator)('POST', `/api/organisations/${a.id}/merge`, {
        successorId: b.id,
        effectiveDate: '2025-07-01',
      }),
      as(env.app, coordinator)('POST', `/api/organisations/${b.id}/merge`, {
        successorId: a.id,
        effectiveDate: '2025-07-01',
      }),
    ]);
    expect([ab.statusCode, ba.statusCode].sort()).toEqual([200, 400]);
  });
});
