import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { systemCtx } from '../../../platform/actor.ts';
import { createApiToken, revokeApiToken } from '../../identity/commands/manage-api-tokens.ts';
import { updateUser } from '../../identity/commands/update-user.ts';
import { resolveApiToken } from '../../identity/session-store.ts';
import type { ReportSubmitInput } from '../../incidents/reports/schemas.ts';
import { ReportBatcher } from './report-batcher.ts';

let env: TestEnv;
let memberOrg: { id: string; name: string };
let memberToken: string;
let partnerOrg: { id: string; name: string };
let partnerToken: string;
let partnerUserId: string;

const body = (externalId: string | undefined, over: Record<string, unknown> = {}) => ({
  title: `Dò quét SSH ${externalId ?? ''}`,
  description: 'Nguồn 203.0.113.9 dò quét cổng 22; liên quan tới scan.example.net.',
  detectedAt: '2026-11-20T08:30:00+07:00',
  detectionMethod: 'ids',
  handlingState: 'not-yet',
  ...(externalId ? { externalId } : {}),
  ...over,
});

type Answer = { id: string; trackingNo: string; created: boolean; observableCount: number; acknowledgedAt: string };

function post(token: string, payload: unknown) {
  return env.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: { authorization: `Bearer ${token}` },
    payload: payload as Record<string, unknown>,
  });
}

async function tokenFor(userId: string): Promise<string> {
  const ctx = systemCtx('system:test', env.platform.clock);
  const out = await createApiToken(env.platform.db, ctx, userId, {
    name: 'intake',
    scopes: ['read', 'write'],
    expiresInDays: 30,
  });
  return out.token;
}

async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await env.platform.pool.query(text, values)).rows as T[];
}

beforeAll(async () => {
  env = await testEnv({ poolSize: 12 });
  memberOrg = await makeOrg(env.platform, 'member', 'Sở Y tế (thử)');
  const member = await makeUser(env.platform, memberOrg.id, ['member']);
  memberToken = await tokenFor(member.id);
  partnerOrg = await makeOrg(env.platform, 'security-company', 'Công ty An ninh mạng (thử)');
  const partner = await makeUser(env.platform, partnerOrg.id, ['partner']);
  partnerUserId = partner.id;
  partnerToken = await tokenFor(partner.id);
});

afterAll(async () => {
  await env?.close();
});

describe('POST /api/reports at load: group commit', () => {
  it('concurrent reports share transactions; each is stored once, acknowledged and audited under its own request', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `burst-${i}`);
    // 50 new reports and, in the same burst, 10 re-sends of the first ten.
    const sent = [...ids, ...ids.slice(0, 10)];
    const answers = await Promise.all(sent.map((id) => post(memberToken, body(id))));
    for (const a of answers) expect([200, 201], a.body).toContain(a.statusCode);
    const created = answers.filter((a) => a.statusCode === 201).map((a) => a.json<Answer>());
    expect(created).toHaveLength(50);
    const byExternal = new Map(sent.map((id, i) => [id, answers[i]?.json<Answer>()]));
    for (const [i, a] of answers.entries()) {
      // A twin answers with the report its first copy made, whichever of the two was first.
      expect(a.json<Answer>().id).toBe(byExternal.get(sent[i] as string)?.id);
      expect(a.json<Answer>().acknowledgedAt).toBeTruthy();
    }

    const stored = await rows<{ external_id: string; id: string; source: string; status: string; tracking_no: string }>(
      `SELECT external_id, id, source, status, tracking_no FROM reports WHERE external_id LIKE 'burst-%'`,
    );
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((r) => r.tracking_no)).size).toBe(50);
    expect(stored.every((r) => r.source === 'api' && r.status === 'new')).toBe(true);

    const audit = await rows<{ action: string; tx: string; request_id: string; actor_user_id: string | null }>(
      `SELECT l.action, l.tx_id::text AS tx, l.request_id, l.actor_user_id FROM audit_log l
        JOIN reports r ON r.id::text = l.subject_id WHERE r.external_id LIKE 'burst-%'`,
    );
    const submits = audit.filter((a) => a.action === 'incident.report.submit');
    expect(submits).toHaveLength(50);
    expect(audit.filter((a) => a.action === 'incident.report.resubmit')).toHaveLength(10);
    // Each entry is the caller's own: its user and its request id (60 requests, 60 ids).
    expect(new Set(audit.map((a) => a.request_id)).size).toBe(60);
    expect(audit.every((a) => a.actor_user_id !== null)).toBe(true);
    // Group commit: fewer transactions than reports.
    expect(new Set(submits.map((a) => a.tx)).size).toBeLessThan(50);

    const acks = await rows<{ n: number; deliveries: number; audited: number }>(
      `SELECT count(*)::int AS n,
              sum((SELECT count(*) FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = 'inapp'))::int AS deliveries,
              sum((SELECT count(*) FROM audit_log l WHERE l.subject_id = n.id::text AND l.action = 'notify.send'))::int AS audited
         FROM notifications n
        WHERE n.template = 'incident.report.received' AND n.data->>'trackingNo' = ANY ($1::text[])`,
      [stored.map((r) => r.tracking_no)],
    );
    expect(acks[0]).toEqual({ n: 50, deliveries: 50, audited: 50 });
  });

  it('a re-send after the commit answers 200 with the first report and its observable count', async () => {
    const first = await post(memberToken, body('again-1'));
    expect(first.statusCode).toBe(201);
    const again = await post(memberToken, body('again-1', { title: 'changed title is ignored' }));
    expect(again.statusCode).toBe(200);
    expect(again.json<Answer>()).toMatchObject({
      id: first.json<Answer>().id,
      trackingNo: first.json<Answer>().trackingNo,
      created: false,
      observableCount: first.json<Answer>().observableCount,
    });
    expect(first.json<Answer>().observableCount).toBeGreaterThanOrEqual(2);
  });

  it('a report with a bad observable fails alone; the others of its burst are stored', async () => {
    const bad = body('bad-1', { observables: [{ type: 'ipv4', value: 'not-an-address' }] });
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => post(memberToken, body(`fine-${i}`))),
      post(memberToken, bad),
    ]);
    expect(answers.slice(0, 5).map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(answers[5]?.statusCode).toBe(400);
    expect(answers[5]?.json().error.code).toBe('report_observables_invalid');
    expect(await rows(`SELECT 1 FROM reports WHERE external_id = 'bad-1'`)).toHaveLength(0);
  });

  it('a batch the database refuses is retried one by one: only the faulty report fails', async () => {
    const identity = await resolveApiToken(env.platform.pool, memberToken, env.platform.clock.now());
    if (!identity) throw new Error('token');
    const batcher = new ReportBatcher(env.platform.db, { maxInFlight: 1 });
    const ctx = { actor: { kind: 'user', principal: identity.principal } as const, clock: env.platform.clock };
    const input = (id: string, over: Partial<Record<string, unknown>> = {}) =>
      ({ ...body(id), detectedAt: new Date('2026-11-20T01:30:00Z'), ...over }) as ReportSubmitInput;
    const results = await Promise.allSettled([
      batcher.submit(ctx, identity, input('fallback-0')),
      batcher.submit(ctx, identity, input('fallback-1')),
      // Past the schema (as a bug elsewhere could be): the database's check refuses it.
      batcher.submit(ctx, identity, input('fallback-bad', { tlp: 'purple' })),
      batcher.submit(ctx, identity, input('fallback-2')),
    ]);
    await batcher.drained();
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const stored = await rows<{ external_id: string }>(
      `SELECT external_id FROM reports WHERE external_id LIKE 'fallback-%' ORDER BY external_id`,
    );
    expect(stored.map((r) => r.external_id)).toEqual(['fallback-0', 'fallback-1', 'fallback-2']);
  });

  it('the batched path records the reporter like the one-by-one path (a report naming a system)', async () => {
    const coordinatorOrg = await makeOrg(env.platform, 'coordinator');
    const coordinator = await makeUser(env.platform, coordinatorOrg.id, ['coordinator']);
    const sys = await env.app.inject({
      method: 'POST',
      url: '/api/systems',
      headers: { authorization: `Bearer ${await tokenFor(coordinator.id)}` },
      payload: { code: 'SYS-LOAD', name: 'Cổng thông tin', ownerOrgId: memberOrg.id, category: 'internal' },
    });
    expect(sys.statusCode, sys.body).toBe(200);
    const single = await post(memberToken, body('path-single', { systemId: sys.json<{ id: string }>().id }));
    const batched = await post(memberToken, body('path-batched'));
    expect([single.statusCode, batched.statusCode]).toEqual([201, 201]);
    const pick = `SELECT source, channel_key, reporter_user_id, reporter_org_id, reporter_name, contact_name,
                         contact_email, status, tlp, acknowledged_at IS NOT NULL AS acked
                    FROM reports WHERE external_id = $1`;
    const [a] = await rows(pick, ['path-single']);
    const [b] = await rows(pick, ['path-batched']);
    expect(b).toEqual(a);
    expect(b).toMatchObject({ source: 'api', reporter_org_id: memberOrg.id, reporter_name: memberOrg.name });
  });
});

describe('token checks on the intake route (verified tokens are cached for seconds)', () => {
  it('a revoked token, or a disabled user’s, is refused at once on the instance that changed it', async () => {
    const org = await makeOrg(env.platform, 'member');
    const u = await makeUser(env.platform, org.id, ['member']);
    const ctx = systemCtx('system:test', env.platform.clock);
    const a = await createApiToken(env.platform.db, ctx, u.id, { name: 'a', scopes: ['write'], expiresInDays: 1 });
    const b = await createApiToken(env.platform.db, ctx, u.id, { name: 'b', scopes: ['write'], expiresInDays: 1 });
    expect((await post(a.token, body('cache-1'))).statusCode).toBe(201);
    expect((await post(b.token, body('cache-2'))).statusCode).toBe(201);
    await revokeApiToken(env.platform.db, ctx, u.id, a.item.id);
    expect((await post(a.token, body('cache-3'))).statusCode).toBe(401);
    expect((await post(b.token, body('cache-4'))).statusCode).toBe(201);
    await updateUser(env.platform.db, ctx, u.id, { disabled: true });
    expect((await post(b.token, body('cache-5'))).statusCode).toBe(401);
  });

  it('an expired token is refused although it was verified a moment before', async () => {
    const org = await makeOrg(env.platform, 'member');
    const u = await makeUser(env.platform, org.id, ['member']);
    const ctx = systemCtx('system:test', env.platform.clock);
    const t = await createApiToken(env.platform.db, ctx, u.id, { name: 'short', scopes: ['write'], expiresInDays: 1 });
    expect((await post(t.token, body('expiry-1'))).statusCode).toBe(201);
    env.clock.advance(86_400_000 + 1000);
    expect((await post(t.token, body('expiry-2'))).statusCode).toBe(401);
  });
});

describe('partner submissions (R15)', () => {
  it('a partner’s token reports as source partner with the partner’s organisation as reporter, idempotently', async () => {
    const first = await post(partnerToken, body('PX-2026-0001'));
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(partnerToken, body('PX-2026-0001'));
    expect(again.statusCode).toBe(200);
    expect(again.json<Answer>().id).toBe(first.json<Answer>().id);
    const [row] = await rows(
      `SELECT source, channel_key, reporter_org_id, reporter_user_id, reporter_name FROM reports WHERE id = $1`,
      [first.json<Answer>().id],
    );
    expect(row).toEqual({
      source: 'partner',
      channel_key: partnerOrg.id,
      reporter_org_id: partnerOrg.id,
      reporter_user_id: partnerUserId,
      reporter_name: partnerOrg.name,
    });
    // The partner is acknowledged like any reporter.
    const acks = await rows(
      `SELECT 1 FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.template = 'incident.report.received' AND d.recipient_user_id = $1 AND n.data->>'trackingNo' = $2`,
      [partnerUserId, first.json<Answer>().trackingNo],
    );
    expect(acks).toHaveLength(1);
  });

  it('the same external id from another organisation is another report (ids are per reporter)', async () => {
    const p = await post(partnerToken, body('SHARED-1'));
    const m = await post(memberToken, body('SHARED-1'));
    expect([p.statusCode, m.statusCode]).toEqual([201, 201]);
    expect(p.json<Answer>().id).not.toBe(m.json<Answer>().id);
  });

  it('a partner sees its own report through the API and not the others’', async () => {
    const mine = await post(partnerToken, body('PX-visible'));
    const theirs = await post(memberToken, body('member-hidden'));
    const get = (id: string) =>
      env.app.inject({
        method: 'GET',
        url: `/api/reports/${id}`,
        headers: { authorization: `Bearer ${partnerToken}` },
      });
    expect((await get(mine.json<Answer>().id)).statusCode).toBe(200);
    expect((await get(theirs.json<Answer>().id)).statusCode).toBe(404);
  });
});
