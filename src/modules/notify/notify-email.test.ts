import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../test/factories.ts';
import { type TestEnv, testEnv, testPlatform } from '../../../test/harness.ts';
import { as, login } from '../../../test/http.ts';
import { closedPort, startSmtpPeer } from '../../../test/smtp-peer.ts';
import { startJobs } from '../../jobs/boss.ts';
import { systemCtx } from '../../platform/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import { runCommand } from '../audit/command.ts';
import { storeFile } from '../files/commands/store-file.ts';
import { buildDigests } from './commands/build-digests.ts';
import { deliverDue } from './commands/deliver-due.ts';
import { type NotifyInput, notify } from './commands/notify.ts';
import { seedDemoNotifications } from './commands/seed-demo-notifications.ts';
import { MAX_ATTEMPTS } from './delivery-policy.ts';

let env: TestEnv;
let orgId: string;
const FROM = 'CanhGác <canhgac@csirt.test>';

beforeAll(async () => {
  env = await testEnv({ poolSize: 8 });
  orgId = (await makeOrg(env.platform, 'member', 'Sở Y tế')).id;
});
afterAll(() => env.close());
beforeEach(() => {
  env.clock.set(new Date('2026-03-02T01:00:00Z'));
});

function smtpAt(url: string | undefined) {
  env.platform.config.mail = { smtpUrl: url, from: FROM, digestHour: 7 };
}

async function person(locale: 'vi' | 'en', roles: ('member' | 'admin')[] = ['member'], organisationId = orgId) {
  const u = await makeUser(env.platform, organisationId, roles);
  const email = `${u.username}@example.test`;
  await env.platform.pool.query('UPDATE users SET email = $1, locale = $2 WHERE id = $3', [email, locale, u.id]);
  return { ...u, email };
}

function send(input: NotifyInput, platform: Platform = env.platform) {
  return runCommand(platform.db, systemCtx('system:test', platform.clock), (scope) => notify(scope, input));
}

const alert = (userIds: string[], extra: Partial<NotifyInput> = {}): NotifyInput => ({
  recipients: { userIds },
  category: 'incident',
  template: 'incident.alert',
  data: { organisation: 'Sở Y tế', summary: 'Mã độc tống tiền trên máy chủ tệp.', link: 'https://canhgac.test/i/1' },
  tlp: 'amber',
  ...extra,
});

async function deliveries(notificationId: string) {
  const r = await env.platform.pool.query(
    'SELECT * FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel, address',
    [notificationId],
  );
  return r.rows as {
    id: string;
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date | null;
    message_id: string | null;
    address: string | null;
    subject: string;
  }[];
}

describe('e-mail through a real SMTP server on loopback', () => {
  it('delivers headers, the RFC 2047 Vietnamese subject, the body and an attachment', async () => {
    const peer = await startSmtpPeer();
    try {
      smtpAt(peer.url);
      const to = await person('vi');
      const bytes = Buffer.from('%PDF-1.4\nbáo cáo sự cố\n', 'utf8');
      const file = await storeFile(env.platform.db, systemCtx('system:test', env.clock), env.platform.blobs, {
        stream: Readable.from([bytes]),
        name: 'bao-cao.pdf',
        organisationId: orgId,
      });
      const { notificationId } = await send(alert([to.id], { attachments: [file.id] }));
      const queued = await deliveries(notificationId);
      expect(queued.map((d) => [d.channel, d.status])).toEqual([
        ['email', 'queued'],
        ['inapp', 'sent'],
      ]);
      expect(peer.received).toHaveLength(0); // nothing is sent by the command itself

      expect(await deliverDue(env.platform)).toMatchObject({ sent: 1, failed: 0 });
      expect(peer.received).toHaveLength(1);
      const { raw, mail, envelopeTo } = peer.received[0] ?? expect.unreachable();
      const header = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
      expect(header).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
      expect(mail.subject).toBe('Cảnh báo sự cố: Sở Y tế');
      expect(mail.from?.value[0]?.address).toBe('canhgac@csirt.test');
      expect(envelopeTo).toEqual([to.email]);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe(to.email);
      expect(mail.text).toContain('Mã độc tống tiền trên máy chủ tệp.');
      expect(mail.html).toContain('<strong>Sở Y tế</strong>');
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]?.filename).toBe('bao-cao.pdf');
      expect(Buffer.compare(mail.attachments[0]?.content ?? Buffer.alloc(0), bytes)).toBe(0);
      const [email] = (await deliveries(notificationId)).filter((d) => d.channel === 'email');
      expect(email?.status).toBe('sent');
      expect(email?.message_id).toBe(mail.messageId);
      expect(mail.messageId).toBe(`<${email?.id}@csirt.test>`);
    } finally {
      await peer.close();
    }
  });

  it("renders in each recipient's language", async () => {
    const peer = await startSmtpPeer();
    try {
      smtpAt(peer.url);
      const vi = await person('vi');
      const en = await person('en');
      await send(alert([vi.id, en.id]));
      await deliverDue(env.platform);
      const bySubject = Object.fromEntries(peer.received.map((r) => [r.envelopeTo[0], r.mail.subject]));
      expect(bySubject[vi.email]).toBe('Cảnh báo sự cố: Sở Y tế');
      expect(bySubject[en.email]).toBe('Incident alert: Sở Y tế');
    } finally {
      await peer.close();
    }
  });

  it('a RED notification e-mail carries no content, the in-app item does', async () => {
    const peer = await startSmtpPeer();
    try {
      smtpAt(peer.url);
      const to = await person('vi');
      const file = await storeFile(env.platform.db, systemCtx('system:test', env.clock), env.platform.blobs, {
        stream: Readable.from([Buffer.from('secret evidence')]),
        name: 'evidence.txt',
        organisationId: orgId,
      });
      const { notificationId } = await send(alert([to.id], { tlp: 'red', attachments: [file.id] }));
      await deliverDue(env.platform);
      const { raw, mail } = peer.received[0] ?? expect.unreachable();
      expect(mail.subject).toBe('Bạn có thông báo mới trên CanhGác');
      expect(mail.text).toContain('TLP:RED');
      expect(mail.text).toContain('http://localhost/notifications');
      expect(raw.toString('utf8')).not.toMatch(/Mã độc|Sở Y tế|secret evidence/);
      expect(mail.attachments).toHaveLength(0);
      const inapp = (await deliveries(notificationId)).find((d) => d.channel === 'inapp');
      expect(inapp?.subject).toBe('Cảnh báo sự cố: Sở Y tế');
      // …which only its recipient reads: the records list (admin, coordinator) shows the pointer.
      const admin = await makeUser(env.platform, orgId, ['admin']);
      const records = await as(env.app, await login(env.app, admin.username, PASSWORD))(
        'GET',
        `/api/admin/notifications/deliveries?userId=${to.id}&channel=inapp`,
      );
      const row = records.json().items.find((d: { id: string }) => d.id === inapp?.id);
      expect(row).toMatchObject({ tlp: 'red', subject: 'Bạn có thông báo mới trên CanhGác' });
      expect(records.body).not.toMatch(/Mã độc|Sở Y tế/);
    } finally {
      await peer.close();
    }
  });

  it('unreachable SMTP: retried with backoff, failed after the last attempt, never lost, sent when it is back', async () => {
    const port = await closedPort();
    smtpAt(`smtp://127.0.0.1:${port}`);
    const to = await person('vi');
    const first = await send(alert([to.id]));
    const t0 = env.clock.now().getTime();
    expect(await deliverDue(env.platform)).toMatchObject({ sent: 0, retrying: 1 });
    let [mail] = (await deliveries(first.notificationId)).filter((d) => d.channel === 'email');
    expect(mail).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(mail?.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(mail?.next_attempt_at?.getTime()).toBe(t0 + 60_000);
    // Not due yet: nothing is attempted.
    expect(await deliverDue(env.platform)).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    for (let i = 1; i < MAX_ATTEMPTS.email; i++) {
      env.clock.advance(6 * 60 * 60_000);
      await deliverDue(env.platform);
    }
    [mail] = (await deliveries(first.notificationId)).filter((d) => d.channel === 'email');
    expect(mail).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS.email, next_attempt_at: null });

    // A second one is still retrying when the server comes back on the same port.
    const second = await send(alert([to.id]));
    await deliverDue(env.platform);
    const peer = await startSmtpPeer({ port });
    try {
      env.clock.advance(60_000);
      expect(await deliverDue(env.platform)).toMatchObject({ sent: 1 });
      // The failed one goes again when an administrator retries it.
      const admin = await makeUser(env.platform, orgId, ['admin']);
      const s = await login(env.app, admin.username, PASSWORD);
      const res = await as(env.app, s)('POST', `/api/admin/notifications/deliveries/${mail?.id}/retry`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'queued', attempts: 0 });
      expect(await deliverDue(env.platform)).toMatchObject({ sent: 1 });
      expect(peer.received).toHaveLength(2);
      for (const n of [first, second]) {
        const [d] = (await deliveries(n.notificationId)).filter((x) => x.channel === 'email');
        expect(d?.status).toBe('sent');
      }
      const again = await as(env.app, s)('POST', `/api/admin/notifications/deliveries/${mail?.id}/retry`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('not_retryable');
      const failed = await as(env.app, s)('GET', '/api/admin/notifications/deliveries?status=failed&channel=email');
      expect(failed.json().items.some((d: { id: string }) => d.id === mail?.id)).toBe(false);
    } finally {
      await peer.close();
    }
  });

  it('a mailbox the server refuses for good (550) fails at once, with the reason, and is not retried', async () => {
    const peer = await startSmtpPeer({ refuseRecipient: /^nobody-/ });
    try {
      smtpAt(peer.url);
      const to = await person('vi');
      await env.platform.pool.query('UPDATE users SET email = $1 WHERE id = $2', [
        `nobody-${to.username}@example.test`,
        to.id,
      ]);
      const { notificationId } = await send(alert([to.id]));
      expect(await deliverDue(env.platform)).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
      const [mail] = (await deliveries(notificationId)).filter((d) => d.channel === 'email');
      expect(mail).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
      expect(mail?.last_error).toMatch(/550|mailbox unavailable/);
      expect(peer.received).toHaveLength(0);
    } finally {
      await peer.close();
    }
  });

  it('without CANHGAC_SMTP_URL e-mail waits queued, unattempted', async () => {
    smtpAt(undefined);
    const to = await person('vi');
    const { notificationId } = await send(alert([to.id]));
    await deliverDue(env.platform);
    const [mail] = (await deliveries(notificationId)).filter((d) => d.channel === 'email');
    expect(mail).toMatchObject({ status: 'queued', attempts: 0 });
    await env.platform.pool.query("UPDATE notification_deliveries SET status = 'failed' WHERE id = $1", [mail?.id]);
  });

  it('two workers never deliver one message twice', async () => {
    const peer = await startSmtpPeer({ delayMs: 20 });
    const other = testPlatform(env.dbUrl, { clock: env.clock, poolSize: 4 });
    try {
      smtpAt(peer.url);
      other.config.mail = env.platform.config.mail;
      const people = await Promise.all(Array.from({ length: 8 }, () => person('vi')));
      await send(alert(people.map((p) => p.id)));
      const [a, b] = await Promise.all([deliverDue(env.platform), deliverDue(other)]);
      expect(a.sent + b.sent).toBe(8);
      expect(peer.received).toHaveLength(8);
      const ids = peer.received.map((r) => r.mail.messageId);
      expect(new Set(ids).size).toBe(8);
      expect(new Set(peer.received.map((r) => r.envelopeTo[0])).size).toBe(8);
    } finally {
      await other.pool.end();
      await peer.close();
    }
  });
});

describe('preferences and organisations', () => {
  it('e-mail off → in-app only; digest → one daily e-mail listing the items', async () => {
    const peer = await startSmtpPeer();
    try {
      smtpAt(peer.url);
      const quiet = await person('vi');
      const digest = await person('en');
      const sq = await login(env.app, quiet.username, PASSWORD);
      const sd = await login(env.app, digest.username, PASSWORD);
      const off = await as(env.app, sq)('PUT', '/api/me/notification-preferences', {
        items: [{ category: 'incident', email: false, digest: false, organisation: true }],
      });
      expect(off.statusCode).toBe(200);
      expect(off.json().items.find((i: { category: string }) => i.category === 'incident')).toEqual({
        category: 'incident',
        inapp: true,
        email: false,
        digest: false,
        organisation: true,
      });
      await as(env.app, sd)('PUT', '/api/me/notification-preferences', {
        items: [
          { category: 'incident', inapp: true, email: true, digest: true, organisation: true },
          { category: 'advisory', email: true, digest: true, organisation: true },
        ],
      });
      const one = await send(alert([quiet.id, digest.id]));
      await send({
        recipients: { userIds: [digest.id] },
        category: 'advisory',
        template: 'system.message',
        data: { title: 'Bản vá khẩn cấp', body: 'Cập nhật ngay.' },
        tlp: 'green',
      });
      await send(alert([digest.id], { tlp: 'red', data: { organisation: 'Bí mật', summary: 'x', link: '' } }));
      expect((await deliveries(one.notificationId)).map((d) => d.channel)).toEqual(['inapp', 'inapp']);
      await deliverDue(env.platform);
      expect(peer.received).toHaveLength(0);

      expect(await buildDigests(env.platform)).toEqual({ digests: 1 });
      expect(await buildDigests(env.platform)).toEqual({ digests: 0 });
      await deliverDue(env.platform);
      expect(peer.received).toHaveLength(1);
      const { mail, envelopeTo } = peer.received[0] ?? expect.unreachable();
      expect(envelopeTo).toEqual([digest.email]);
      expect(mail.subject).toBe('Daily notification digest (3)');
      expect(mail.text).toContain('Incident alert: Sở Y tế');
      expect(mail.text).toContain('Bản vá khẩn cấp');
      expect(mail.text).toContain('[TLP:RED] You have a new notification in CanhGac');
      expect(mail.text).not.toContain('Bí mật');
      // The quiet user still has the item in the app.
      const list = await as(env.app, sq)('GET', '/api/me/notifications');
      expect(list.json().items[0].subject).toBe('Cảnh báo sự cố: Sở Y tế');
    } finally {
      await peer.close();
    }
  });

  it('an organisation reaches its addresses (in Vietnamese) and the users who follow it', async () => {
    const peer = await startSmtpPeer();
    try {
      smtpAt(peer.url);
      const org = await makeOrg(env.platform);
      const follower = await person('en', ['member'], org.id);
      const optedOut = await person('vi', ['member'], org.id);
      const so = await login(env.app, optedOut.username, PASSWORD);
      await as(env.app, so)('PUT', '/api/me/notification-preferences', {
        items: [{ category: 'incident', email: true, digest: false, organisation: false }],
      });
      const lead = await makeUser(env.platform, org.id, ['member-lead']);
      const sl = await login(env.app, lead.username, PASSWORD);
      const put = await as(env.app, sl)('PUT', `/api/organisations/${org.id}/notify-addresses`, {
        emails: ['Truc-Ban@So-Y-Te.test', 'attt@so-y-te.test'],
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().items.map((i: { email: string }) => i.email)).toEqual([
        'attt@so-y-te.test',
        'truc-ban@so-y-te.test',
      ]);
      await send({ ...alert([]), recipients: { organisationIds: [org.id] } });
      await deliverDue(env.platform);
      const got = Object.fromEntries(peer.received.map((r) => [r.envelopeTo[0], r.mail.subject]));
      expect(got).toEqual({
        'attt@so-y-te.test': 'Cảnh báo sự cố: Sở Y tế',
        'truc-ban@so-y-te.test': 'Cảnh báo sự cố: Sở Y tế',
        [follower.email]: 'Incident alert: Sở Y tế',
      });
      expect((await as(env.app, so)('GET', '/api/me/notifications')).json().items).toEqual([]);
    } finally {
      await peer.close();
    }
  });
});

describe('in-app notifications over HTTP', () => {
  it('list, unread count, mark read, read all, acknowledge (who and when); others see none of it', async () => {
    smtpAt(undefined);
    const me = await person('vi');
    const other = await person('vi');
    const a = await send(alert([me.id]));
    await send(alert([me.id], { tlp: 'green' }));
    await send(alert([me.id], { category: 'system' }));
    const s = await login(env.app, me.username, PASSWORD);
    const so = await login(env.app, other.username, PASSWORD);
    const api = as(env.app, s);
    expect((await api('GET', '/api/me/notifications/unread-count')).json()).toEqual({ count: 3 });
    const page1 = (await api('GET', '/api/me/notifications?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await api('GET', `/api/me/notifications?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const item = [...page1.items, ...page2.items].find(
      (i: { notificationId: string }) => i.notificationId === a.notificationId,
    );
    expect(item).toMatchObject({ tlp: 'amber', category: 'incident', actor: 'system:test', readAt: null, demo: false });

    expect((await as(env.app, so)('POST', `/api/me/notifications/${item.id}/read`)).statusCode).toBe(404);
    expect((await as(env.app, so)('POST', `/api/me/notifications/${item.id}/acknowledge`)).statusCode).toBe(404);

    const read = await api('POST', `/api/me/notifications/${item.id}/read`);
    expect(read.json().readAt).toBe(env.clock.now().toISOString());
    expect((await api('GET', '/api/me/notifications/unread-count')).json()).toEqual({ count: 2 });
    expect((await api('GET', '/api/me/notifications?unread=true')).json().items).toHaveLength(2);

    const ack = await api('POST', `/api/me/notifications/${item.id}/acknowledge`);
    expect(ack.json().acknowledgedAt).toBe(env.clock.now().toISOString());
    expect(ack.json().acknowledgedBy).toEqual({ id: me.id, username: me.username });
    env.clock.advance(60_000);
    const again = await api('POST', `/api/me/notifications/${item.id}/acknowledge`);
    expect(again.json().acknowledgedAt).toBe(ack.json().acknowledgedAt);

    expect((await api('POST', '/api/me/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await api('GET', '/api/me/notifications/unread-count')).json()).toEqual({ count: 0 });

    const audit = await env.platform.pool.query(
      "SELECT actor, subject_id FROM audit_log WHERE action = 'notify.acknowledge' AND subject_id = $1",
      [item.id],
    );
    expect(audit.rows).toEqual([{ actor: me.username, subject_id: item.id }]);

    // Records: an admin finds the acknowledgement, filtered by recipient and channel.
    const admin = await makeUser(env.platform, orgId, ['coordinator']);
    const sa = await login(env.app, admin.username, PASSWORD);
    const recs = await as(env.app, sa)('GET', `/api/admin/notifications/deliveries?userId=${me.id}&channel=inapp`);
    expect(recs.statusCode).toBe(200);
    const rec = recs.json().items.find((d: { id: string }) => d.id === item.id);
    expect(rec).toMatchObject({ channel: 'inapp', status: 'sent', acknowledgedAt: ack.json().acknowledgedAt });
  });
});

describe('demo data', () => {
  it('each demo user gets three sample in-app notifications in their language, marked demo, nothing e-mailed', async () => {
    const vi = await person('vi');
    const en = await person('en');
    const n = await seedDemoNotifications(env.platform.db, systemCtx('system:seed', env.clock), [
      vi.username,
      en.username,
    ]);
    expect(n).toBe(6);
    for (const [u, first] of [
      [vi, '[Dữ liệu mẫu]'],
      [en, '[Demo]'],
    ] as const) {
      const s = await login(env.app, u.username, PASSWORD);
      const items = (await as(env.app, s)('GET', '/api/me/notifications')).json().items as {
        subject: string;
        demo: boolean;
      }[];
      expect(items).toHaveLength(3);
      expect(items.every((i) => i.demo && i.subject.startsWith(first))).toBe(true);
    }
    const mails = await env.platform.pool.query(
      "SELECT count(*)::int AS n FROM notification_deliveries WHERE channel <> 'inapp' AND recipient_user_id = ANY($1)",
      [[vi.id, en.id]],
    );
    expect(mails.rows[0].n).toBe(0);
  });
});

describe('the notify job', () => {
  it('a process running jobs sends queued e-mail on its own (pg-boss + in-process timer)', async () => {
    const peer = await startSmtpPeer();
    const jobs = await startJobs(env.platform, env.dbUrl, { work: true });
    try {
      smtpAt(peer.url);
      const to = await person('vi');
      await send(alert([to.id]));
      await expect.poll(() => peer.received.length).toBe(1);
      expect(peer.received[0]?.mail.subject).toBe('Cảnh báo sự cố: Sở Y tế');
    } finally {
      await jobs.stop();
      await peer.close();
    }
  });
});
