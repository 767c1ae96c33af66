import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { as, login, type Session } from '../../../test/http.ts';
import { type Hit, startReceiver } from '../../../test/webhook-receiver.ts';
import { systemCtx } from '../../platform/actor.ts';
import { runCommand } from '../audit/command.ts';
import { deliverDue } from './commands/deliver-due.ts';
import { type NotifyInput, notify } from './commands/notify.ts';
import { verifyWebhook } from './webhook-signature.ts';

let env: TestEnv;
let admin: Session;
let orgId: string;

beforeAll(async () => {
  env = await testEnv();
  orgId = (await makeOrg(env.platform)).id;
  const u = await makeUser(env.platform, orgId, ['admin']);
  admin = await login(env.app, u.username, PASSWORD);
});
afterAll(() => env.close());
beforeEach(() => {
  env.clock.set(new Date('2026-03-02T01:00:00Z'));
});

const api = () => as(env.app, admin);

async function createHook(url: string, extra: Record<string, unknown> = {}) {
  const res = await api()('POST', '/api/admin/webhooks', { name: 'SIEM', url, categories: ['incident'], ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { item: { id: string; enabled: boolean }; secret: string };
}

function send(input: Partial<NotifyInput> = {}) {
  return runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
    notify(scope, {
      recipients: { organisationIds: [orgId] },
      category: 'incident',
      template: 'incident.alert',
      data: { organisation: 'Sở Y tế', summary: 'Tấn công DDoS', link: 'https://canhgac.test/i/2' },
      tlp: 'green',
      ...input,
    }),
  );
}

function verified(secret: string, hit: Hit) {
  return verifyWebhook(
    secret,
    hit.body,
    {
      signature: hit.headers['x-canhgac-signature'] as string | undefined,
      timestamp: hit.headers['x-canhgac-timestamp'] as string | undefined,
    },
    Math.floor(env.clock.now().getTime() / 1000),
  );
}

async function log(hookId: string) {
  const res = await api()('GET', `/api/admin/webhooks/${hookId}/deliveries`);
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    id: string;
    status: string;
    attempts: number;
    httpStatus: number | null;
    lastError: string | null;
    nextAttemptAt: string | null;
  }[];
}

describe('signed webhooks to a loopback receiver', () => {
  it('500, 500, then 200: retried with backoff, every POST signed, one delivery id', async () => {
    const rx = await startReceiver((n) => (n <= 2 ? 500 : 200));
    try {
      const { item, secret } = await createHook(rx.url);
      await send();
      expect(await deliverDue(env.platform)).toMatchObject({ retrying: 1 });
      let [d] = await log(item.id);
      expect(d).toMatchObject({ status: 'retrying', attempts: 1, httpStatus: 500, lastError: 'HTTP 500' });
      expect(d?.nextAttemptAt).toBe(new Date(env.clock.now().getTime() + 60_000).toISOString());
      env.clock.advance(59_000);
      expect(await deliverDue(env.platform)).toMatchObject({ retrying: 0, sent: 0 });
      env.clock.advance(1_000);
      expect(await deliverDue(env.platform)).toMatchObject({ retrying: 1 });
      [d] = await log(item.id);
      expect(d?.nextAttemptAt).toBe(new Date(env.clock.now().getTime() + 120_000).toISOString());
      env.clock.advance(120_000);
      expect(await deliverDue(env.platform)).toMatchObject({ sent: 1 });
      [d] = await log(item.id);
      expect(d).toMatchObject({ status: 'sent', attempts: 3, httpStatus: 200, lastError: null });

      expect(rx.hits).toHaveLength(3);
      for (const hit of rx.hits) {
        expect(verified(secret, hit)).toBe(true);
        // The documented recipe, computed here independently of the sender's code.
        const ts = hit.headers['x-canhgac-timestamp'] as string;
        const mac = createHmac('sha256', secret).update(`${ts}.${hit.body}`).digest('hex');
        expect(hit.headers['x-canhgac-signature']).toBe(`sha256=${mac}`);
        expect(Number(ts)).toBe(
          Math.floor(env.clock.now().getTime() / 1000) - (hit === rx.hits[2] ? 0 : hit === rx.hits[1] ? 120 : 180),
        );
        expect(hit.headers['x-canhgac-delivery']).toBe(d?.id);
        expect(hit.headers['content-type']).toBe('application/json');
      }
      expect(verified('whsec_wrong', rx.hits[0] as Hit)).toBe(false);
      expect(verified(secret, { ...(rx.hits[0] as Hit), body: `${rx.hits[0]?.body} ` })).toBe(false);
      const body = JSON.parse(rx.hits[2]?.body ?? '{}');
      expect(body).toMatchObject({
        id: d?.id,
        event: 'notification',
        category: 'incident',
        tlp: 'green',
        contentWithheld: false,
        subject: 'Cảnh báo sự cố: Sở Y tế',
        data: { summary: 'Tấn công DDoS' },
        link: 'http://localhost/notifications',
      });
      const hook = (await api()('GET', `/api/admin/webhooks/${item.id}`)).json();
      expect(hook).toMatchObject({ enabled: true, consecutiveFailures: 0 });
      // The secret is stored encrypted, never in clear.
      const stored = await env.platform.pool.query('SELECT secret_enc FROM notify_webhooks WHERE id = $1', [item.id]);
      expect(stored.rows[0].secret_enc).not.toContain(secret);
    } finally {
      await rx.close();
      await env.platform.pool.query('DELETE FROM notify_webhooks');
    }
  });

  it('a receiver that hangs times out and is retried', async () => {
    const rx = await startReceiver((n) => (n === 1 ? 'hang' : 204));
    try {
      const { item } = await createHook(rx.url);
      await send();
      await deliverDue(env.platform, { webhookTimeoutMs: 300 });
      let [d] = await log(item.id);
      expect(d).toMatchObject({ status: 'retrying', attempts: 1, httpStatus: null });
      expect(d?.lastError).toBe('no answer within 300 ms');
      env.clock.advance(60_000);
      await deliverDue(env.platform, { webhookTimeoutMs: 300 });
      [d] = await log(item.id);
      expect(d).toMatchObject({ status: 'sent', attempts: 2, httpStatus: 204 });
    } finally {
      await rx.close();
      await env.platform.pool.query('DELETE FROM notify_webhooks');
    }
  });

  it('always failing: disabled after N failures in a row with an audit entry; re-enabled and tested by an admin', async () => {
    let healthy = false;
    const rx = await startReceiver(() => (healthy ? 200 : 503));
    try {
      const { item } = await createHook(rx.url, { maxFailures: 3 });
      await send();
      await send();
      await deliverDue(env.platform);
      env.clock.advance(60_000);
      await deliverDue(env.platform);
      let hook = (await api()('GET', `/api/admin/webhooks/${item.id}`)).json();
      expect(hook).toMatchObject({ enabled: false, consecutiveFailures: 3 });
      expect(hook.disabledReason).toContain('HTTP 503');
      const audit = await env.platform.pool.query(
        "SELECT actor, diff FROM audit_log WHERE action = 'notify.webhook.disable' AND subject_id = $1",
        [item.id],
      );
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0].actor).toBe('system:notify');
      // Disabled: its deliveries wait, nothing is attempted, nothing is lost.
      env.clock.advance(60 * 60_000);
      const hits = rx.hits.length;
      await deliverDue(env.platform);
      expect(rx.hits).toHaveLength(hits);
      expect((await log(item.id)).every((d) => d.status === 'retrying')).toBe(true);
      // New notifications do not queue for a disabled webhook.
      await send();
      expect(await log(item.id)).toHaveLength(2);

      healthy = true;
      const enabled = await api()('POST', `/api/admin/webhooks/${item.id}/enable`);
      expect(enabled.json()).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
      const test = await api()('POST', `/api/admin/webhooks/${item.id}/test`);
      expect(test.json()).toMatchObject({ kind: 'test', status: 'queued', channel: 'webhook' });
      await deliverDue(env.platform);
      const after = await log(item.id);
      expect(after).toHaveLength(3);
      expect(after.every((d) => d.status === 'sent')).toBe(true);
      const enableAudit = await env.platform.pool.query(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'notify.webhook.enable' AND subject_id = $1",
        [item.id],
      );
      expect(enableAudit.rows[0].n).toBe(1);
      hook = (await api()('GET', `/api/admin/webhooks/${item.id}`)).json();
      expect(hook.consecutiveFailures).toBe(0);
    } finally {
      await rx.close();
      await env.platform.pool.query('DELETE FROM notify_webhooks');
    }
  });

  it('TLP: a platform-wide webhook gets AMBER only as a pointer; an organisation webhook gets the content; RED is a pointer for both', async () => {
    const rx = await startReceiver(() => 200);
    try {
      const wide = await createHook(`${rx.url}?wide`);
      const own = await createHook(`${rx.url}?own`, { organisationId: orgId });
      await send({ tlp: 'amber' });
      await send({ tlp: 'red' });
      await deliverDue(env.platform);
      const got = rx.hits.map((h) => ({ id: h.headers['x-canhgac-delivery'], body: JSON.parse(h.body) }));
      expect(got).toHaveLength(4);
      const wideLog = new Set((await log(wide.item.id)).map((d) => d.id));
      const bodies = (tlp: string, wideHook: boolean) =>
        got.filter((g) => g.body.tlp === tlp && wideLog.has(g.id as string) === wideHook).map((g) => g.body);
      expect(bodies('amber', true)[0]).toMatchObject({ contentWithheld: true });
      expect(bodies('amber', true)[0].subject).toBeUndefined();
      expect(bodies('amber', false)[0]).toMatchObject({ contentWithheld: false, subject: 'Cảnh báo sự cố: Sở Y tế' });
      for (const b of [...bodies('red', true), ...bodies('red', false)]) {
        expect(b.contentWithheld).toBe(true);
        expect(JSON.stringify(b)).not.toContain('DDoS');
      }
      expect(own.item.id).not.toBe(wide.item.id);
    } finally {
      await rx.close();
      await env.platform.pool.query('DELETE FROM notify_webhooks');
    }
  });

  it('webhook administration: secret shown once, rotate, delete keeps the log', async () => {
    const rx = await startReceiver(() => 200);
    try {
      const { item, secret } = await createHook(rx.url);
      expect(secret).toMatch(/^whsec_/);
      const list = (await api()('GET', '/api/admin/webhooks')).json();
      expect(JSON.stringify(list)).not.toContain(secret);
      const rotated = await api()('PATCH', `/api/admin/webhooks/${item.id}`, { rotateSecret: true, name: 'SIEM 2' });
      expect(rotated.json().secret).toMatch(/^whsec_/);
      expect(rotated.json().secret).not.toBe(secret);
      await api()('POST', `/api/admin/webhooks/${item.id}/test`);
      await deliverDue(env.platform);
      expect(verified(rotated.json().secret, rx.hits.at(-1) as Hit)).toBe(true);
      expect((await api()('DELETE', `/api/admin/webhooks/${item.id}`)).statusCode).toBe(204);
      const kept = await env.platform.pool.query(
        "SELECT count(*)::int AS n FROM notification_deliveries WHERE kind = 'test' AND address = $1",
        [rx.url],
      );
      expect(kept.rows[0].n).toBe(1);
      expect((await api()('GET', `/api/admin/webhooks/${item.id}`)).statusCode).toBe(404);
    } finally {
      await rx.close();
    }
  });
});
