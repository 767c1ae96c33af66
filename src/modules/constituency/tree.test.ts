import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { as, login, type Session } from '../../../test/http.ts';
import { makeSystem } from '../../../test/systems-fixture.ts';
import type { Principal } from '../../platform/actor.ts';
import { systemCtx } from '../../platform/actor.ts';
import { updateOrganisation } from './commands/save-organisation.ts';
import { organisationTree } from './tree.ts';

type TreeNode = { id: string; code: string; parentId: string | null; successorId: string | null; active: boolean };

let env: TestEnv;
let coordinator: Session;
let member: Session;
let parent: { id: string; code: string };
let child: { id: string; code: string };
let other: { id: string; code: string };

beforeAll(async () => {
  env = await testEnv();
  const home = await makeOrg(env.platform, 'coordinator');
  parent = await makeOrg(env.platform, 'other', 'Ủy ban nhân dân tỉnh thử');
  child = await makeOrg(env.platform, 'member', 'Sở Y tế thử');
  other = await makeOrg(env.platform, 'member', 'Sở Tài chính thử');
  const ctx = systemCtx('system:test', env.platform.clock);
  await updateOrganisation(env.platform.db, ctx, child.id, { parentId: parent.id });
  await updateOrganisation(env.platform.db, ctx, other.id, { active: false, successorId: child.id });
  coordinator = await login(env.app, (await makeUser(env.platform, home.id, ['coordinator'])).username, PASSWORD);
  member = await login(env.app, (await makeUser(env.platform, child.id, ['member'])).username, PASSWORD);
});
afterAll(() => env.close());

describe('the organisation tree', () => {
  it('gives a coordinator every organisation with its parent, successor and activity', async () => {
    const res = await as(env.app, coordinator)('GET', '/api/organisations/tree');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: TreeNode[]; total: number; capped: boolean };
    expect(body.capped).toBe(false);
    expect(body.total).toBe(body.items.length);
    const byId = new Map(body.items.map((n) => [n.id, n]));
    expect(byId.get(child.id)).toMatchObject({ code: child.code, parentId: parent.id, active: true, kind: 'member' });
    expect(byId.get(other.id)).toMatchObject({ active: false, successorId: child.id });
    expect(byId.has(parent.id)).toBe(true);
    const codes = body.items.map((n) => n.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('gives a member only their own organisation', async () => {
    const res = await as(env.app, member)('GET', '/api/organisations/tree');
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: TreeNode[] }).items.map((n) => n.id)).toEqual([child.id]);
  });

  it('says when it is capped, with the full count', async () => {
    const reader: Principal = {
      userId: 'x',
      username: 'x',
      organisationId: parent.id,
      roles: ['viewer'],
      via: 'session',
    };
    const all = await organisationTree(env.platform.db, reader);
    const capped = await organisationTree(env.platform.db, reader, 2);
    expect(capped).toMatchObject({ capped: true, cap: 2, total: all.items.length });
    expect(capped.items.map((n) => n.code)).toEqual(all.items.slice(0, 2).map((n) => n.code));
  });
});

describe('systems of one organisation (owner or operator filter)', () => {
  it('lists what the organisation owns or operates, and nothing else', async () => {
    const owned = await makeSystem(env.platform, child.id);
    const operated = await makeSystem(env.platform, parent.id, child.id);
    const unrelated = await makeSystem(env.platform, parent.id);
    const res = await as(env.app, coordinator)('GET', `/api/systems?organisation=${child.id}&limit=100`);
    expect(res.statusCode).toBe(200);
    const codes = (res.json() as { items: { code: string }[] }).items.map((s) => s.code);
    expect(codes).toContain(owned.code);
    expect(codes).toContain(operated.code);
    expect(codes).not.toContain(unrelated.code);
  });

  it('stays within a member’s sight: another organisation’s systems are not listed', async () => {
    await makeSystem(env.platform, other.id);
    const res = await as(env.app, member)('GET', `/api/systems?organisation=${other.id}`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: unknown[] }).items).toEqual([]);
  });
});
