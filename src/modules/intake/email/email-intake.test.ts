import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv, testPlatform } from '../../../../test/harness.ts';
import { as, login } from '../../../../test/http.ts';
import { dovecotMissing, type ImapPeer, startImapPeer } from '../../../../test/imap-peer.ts';
import { type Received, startSmtpPeer } from '../../../../test/smtp-peer.ts';
import { systemCtx } from '../../../platform/actor.ts';
import { createContact } from '../../constituency/commands/save-contact.ts';
import { deliverDue } from '../../notify/commands/deliver-due.ts';
import { INTAKE_LIMITS, ingestMessage } from './ingest-message.ts';
import { pollAllMailboxes } from './poll-all.ts';
import { DONE_KEYWORD, pollMailbox } from './poll-mailbox.ts';
import { getMailbox } from './queries.ts';

const missing = dovecotMissing();
const FIXTURES = path.resolve(import.meta.dirname, '../../../../test/fixtures/email');
const FROM = 'CanhGac <canhgac@tinh.example>';

let env: TestEnv;
let imap: ImapPeer;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let admin: ReturnType<typeof as>;
let responder: ReturnType<typeof as>;
let mailboxId: string;
let seq = 0;

type MailOpts = {
  from?: string;
  subject?: string;
  body?: string;
  messageId?: string | null;
  headers?: string[];
  attachment?: { name: string; type: string; content: Buffer };
};

function mail(o: MailOpts = {}): string {
  seq += 1;
  const id = o.messageId === null ? [] : [`Message-ID: <${o.messageId ?? `m${seq}-${Date.now()}@sender.example`}>`];
  const head = [
    `From: ${o.from ?? '"Lê Văn Nam" <nam@sender.example>'}`,
    'To: intake@canhgac.example',
    `Subject: ${o.subject ?? `[TBSC] Sự cố ${seq}`}`,
    'Date: Mon, 2 Mar 2026 08:00:00 +0700',
    ...id,
    ...(o.headers ?? []),
    'MIME-Version: 1.0',
  ];
  const text = o.body ?? `Máy chủ ${seq} kết nối tới 203.0.113.${seq % 250}`;
  if (!o.attachment) return [...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="sep"',
    '',
    '--sep',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--sep',
    `Content-Type: ${o.attachment.type}; name="${o.attachment.name}"`,
    `Content-Disposition: attachment; filename="${o.attachment.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    o.attachment.content.toString('base64').replace(/(.{76})/g, '$1\r\n'),
    '--sep--',
    '',
  ].join('\r\n');
}

async function q<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await env.platform.pool.query<T>(text, params)).rows;
}

async function poll() {
  const res = await admin('POST', `/api/admin/mailboxes/${mailboxId}/poll`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ status: string; counts: Record<string, number>; error: string | null }>();
}

async function reportOf(uid: number) {
  const [row] = await q<{
    outcome: string;
    reason: string | null;
    report_id: string | null;
    raw_file_id: string | null;
  }>('SELECT outcome, reason, report_id, raw_file_id FROM intake_mailbox_messages WHERE mailbox_id = $1 AND uid = $2', [
    mailboxId,
    uid,
  ]);
  return row;
}

async function sent(to: string): Promise<Received> {
  await deliverDue(env.platform);
  const got = smtp.received.filter((r) => r.envelopeTo.includes(to)).at(-1);
  if (!got) throw new Error(`no mail to ${to}`);
  return got;
}

beforeAll(async () => {
  if (missing) return;
  [env, imap, smtp] = await Promise.all([testEnv({ poolSize: 8 }), startImapPeer(), startSmtpPeer()]);
  env.platform.config.mail = { smtpUrl: smtp.url, from: FROM, digestHour: 7 };
  const org = await makeOrg(env.platform, 'coordinator');
  const a = await makeUser(env.platform, org.id, ['admin']);
  const r = await makeUser(env.platform, org.id, ['responder']);
  admin = as(env.app, await login(env.app, a.username, a.password));
  responder = as(env.app, await login(env.app, r.username, r.password));
  const created = await admin('POST', '/api/admin/mailboxes', {
    name: 'Hộp thư tiếp nhận',
    url: imap.url,
    password: imap.password,
  });
  expect(created.statusCode, created.body).toBe(201);
  mailboxId = created.json().item.id;
}, 60_000);

afterAll(async () => {
  await Promise.all([env?.close(), imap?.close(), smtp?.close()]);
});

describe.skipIf(missing)('e-mail intake from a real IMAP server', () => {
  it('admin page data: the password is a secret, test connection logs in', async () => {
    const list = await admin('GET', '/api/admin/mailboxes');
    expect(list.json().items[0]).toMatchObject({ url: imap.url, hasPassword: true, enabled: true, done: 'flag' });
    expect(list.body).not.toContain(imap.password);
    const [enc] = await q<{ password_enc: string }>('SELECT password_enc FROM intake_mailboxes WHERE id = $1', [
      mailboxId,
    ]);
    expect(enc?.password_enc).toMatch(/^v1\./);
    const test = await admin('POST', `/api/admin/mailboxes/${mailboxId}/test`);
    expect(test.json()).toMatchObject({ ok: true, error: null });
    const bad = await admin('POST', '/api/admin/mailboxes', { name: 'x', url: 'http://host', password: 'p' });
    expect(bad.statusCode).toBe(400);
    const inUrl = await admin('POST', '/api/admin/mailboxes', {
      name: 'sai mật khẩu',
      url: `imap://intake:wrong@127.0.0.1:${imap.port}`,
      enabled: false,
    });
    expect(inUrl.json().item.url).toBe(`imap://intake@127.0.0.1:${imap.port}`);
    const wrong = await admin('POST', `/api/admin/mailboxes/${inUrl.json().item.id}/test`);
    expect(wrong.json().ok).toBe(false);
    expect(wrong.json().error).toBeTruthy();
    expect((await responder('GET', '/api/admin/mailboxes')).statusCode).toBe(403);
  });

  it('a message with an attachment becomes a report with its files, is acknowledged in the thread, and is flagged', async () => {
    const zip = Buffer.from(zipSync({ 'log.txt': new TextEncoder().encode('nhật ký\n') }));
    const uid = await imap.append(
      mail({
        messageId: 'first@sender.example',
        attachment: { name: 'log.zip', type: 'application/zip', content: zip },
      }),
    );
    const out = await poll();
    expect(out).toMatchObject({ status: 'ok', counts: { report: 1 } });
    const row = await reportOf(uid);
    expect(row?.outcome).toBe('report');
    const [report] = await q<{
      source: string;
      channel_key: string;
      status: string;
      reporter_email: string;
      external_id: string;
      title: string;
      detection_method: string;
    }>(
      'SELECT source, channel_key, status, reporter_email, external_id, title, detection_method FROM reports WHERE id = $1',
      [row?.report_id],
    );
    expect(report).toMatchObject({
      source: 'email',
      channel_key: `mailbox:${mailboxId}`,
      status: 'new',
      reporter_email: 'nam@sender.example',
      external_id: 'first@sender.example',
      detection_method: 'notified',
    });
    expect(report?.title).not.toContain('[TBSC]');
    const files = await q<{ name: string; size: number }>(
      'SELECT f.name, f.size FROM report_files rf JOIN files f ON f.id = rf.file_id WHERE rf.report_id = $1 ORDER BY f.name',
      [row?.report_id],
    );
    expect(files.map((f) => f.name)).toEqual(['log.zip', `mail-${await imapUidValidity()}-${uid}.eml`]);
    expect(files[0]?.size).toBe(zip.length);
    expect((await imap.flags()).get(uid)).toEqual(new Set([DONE_KEYWORD, '\\Seen']));
    const ack = await sent('nam@sender.example');
    expect(ack.mail.inReplyTo).toBe('<first@sender.example>');
    expect(ack.mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.mail.subject).toMatch(/TN-\d{4}-\d{6}/);
    // polled again: nothing new
    expect((await poll()).counts).toMatchObject({ report: 0, already: 0 });
  });

  it('a registered contact’s mail is attributed to its organisation (no tag needed)', async () => {
    const org = await makeOrg(env.platform, 'member', 'Sở Y tế');
    await createContact(env.platform.db, systemCtx('system:test', env.platform.clock), org.id, {
      personName: 'Phạm Thu',
      phone247: '+84 235 3800 111',
      email: 'Thu.Pham@soyte.example',
    });
    const uid = await imap.append(
      mail({ from: 'Phạm Thu <thu.pham@soyte.example>', subject: 'Máy trạm nhiễm mã độc' }),
    );
    await poll();
    const row = await reportOf(uid);
    const [report] = await q<{ reporter_org_id: string; status: string }>(
      'SELECT reporter_org_id, status FROM reports WHERE id = $1',
      [row?.report_id],
    );
    expect(report).toEqual({ reporter_org_id: org.id, status: 'new' });
  });

  it('replies thread into the report (by our acknowledgement and by References), then onto its incident', async () => {
    const uid = await imap.append(mail({ messageId: 'thread-start@sender.example', from: 'an@sender.example' }));
    await poll();
    const reportId = (await reportOf(uid))?.report_id ?? '';
    const ack = await sent('an@sender.example');
    const reply = await imap.append(
      mail({
        from: 'an@sender.example',
        subject: `Re: ${ack.mail.subject}`,
        body: 'Bổ sung: máy chủ thứ hai cũng bị.',
        headers: [
          `In-Reply-To: ${ack.mail.messageId}`,
          `References: <thread-start@sender.example> ${ack.mail.messageId}`,
        ],
      }),
    );
    expect((await poll()).counts).toMatchObject({ reply: 1, report: 0 });
    expect(await reportOf(reply)).toMatchObject({ outcome: 'reply', report_id: reportId });

    // Our acknowledgement's id alone (a client that keeps only In-Reply-To) threads as well.
    const only = await imap.append(
      mail({ from: 'an@sender.example', subject: 'Re: cập nhật', headers: [`In-Reply-To: ${ack.mail.messageId}`] }),
    );
    await poll();
    expect(await reportOf(only)).toMatchObject({ outcome: 'reply', report_id: reportId });

    // A tracking number typed by someone else does not thread: a new report.
    const [{ tracking_no: trackingNo } = { tracking_no: '' }] = await q<{ tracking_no: string }>(
      'SELECT tracking_no FROM reports WHERE id = $1',
      [reportId],
    );
    const stranger = await imap.append(mail({ from: 'other@elsewhere.example', subject: `Re: ${trackingNo}` }));
    await poll();
    expect((await reportOf(stranger))?.outcome).toBe('report');
    // …but the reporter's own mail with the number does.
    const own = await imap.append(mail({ from: 'an@sender.example', subject: `Hỏi về ${trackingNo}` }));
    await poll();
    expect(await reportOf(own)).toMatchObject({ outcome: 'reply', report_id: reportId });

    const thread = await responder('GET', `/api/reports/${reportId}/email-messages`);
    expect(thread.statusCode).toBe(200);
    expect(thread.json().items.map((m: { outcome: string }) => m.outcome)).toEqual([
      'report',
      'reply',
      'reply',
      'reply',
    ]);
    expect(thread.json().items[1].body).toContain('máy chủ thứ hai');

    const triage = await responder('POST', `/api/reports/${reportId}/triage`, {
      action: 'open',
      typeCode: 'malware',
      organisationId: (await q<{ id: string }>('SELECT organisation_id AS id FROM users LIMIT 1'))[0]?.id,
    });
    expect(triage.statusCode, triage.body).toBe(200);
    const incidentId = triage.json().incident.id;
    const later = await imap.append(
      mail({ from: 'an@sender.example', subject: 'Re: tiếp', headers: [`References: <thread-start@sender.example>`] }),
    );
    await poll();
    expect(await reportOf(later)).toMatchObject({ outcome: 'reply', report_id: reportId });
    const events = await q<{ kind: string; summary: string }>(
      "SELECT kind, summary FROM incident_events WHERE incident_id = $1 AND kind = 'email'",
      [incidentId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toContain('an@sender.example');
  });

  it('bounces, auto-replies and our own mail are ignored (recorded, raw kept), never reports', async () => {
    const uids = [
      await imap.append(mail({ from: 'MAILER-DAEMON@mx.example', subject: 'Undelivered Mail Returned to Sender' })),
      await imap.append(mail({ subject: 'Vắng mặt', headers: ['Auto-Submitted: auto-replied'] })),
      await imap.append(mail({ subject: 'Out of office', headers: ['X-Autoreply: yes'] })),
      await imap.append(mail({ subject: 'Tin', headers: ['Precedence: bulk'] })),
      await imap.append(mail({ from: FROM, subject: 'Đã tiếp nhận báo cáo sự cố' })),
      await imap.append(mail({ subject: 'x', headers: ['Return-Path: <>'] })),
    ];
    const before = (await q<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0]?.n;
    expect((await poll()).counts).toMatchObject({ ignored: 6, report: 0 });
    const rows = await Promise.all(uids.map(reportOf));
    expect(rows.map((r) => r?.reason)).toEqual(['bounce', 'auto-reply', 'auto-reply', 'auto-reply', 'loop', 'bounce']);
    expect(rows.every((r) => r?.raw_file_id && !r.report_id)).toBe(true);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0]?.n).toBe(before);
  });

  it('two instances polling at once store each message exactly once', async () => {
    const before = (await q<{ n: number }>("SELECT count(*)::int AS n FROM reports WHERE source = 'email'"))[0]?.n ?? 0;
    const uids: number[] = [];
    for (let i = 0; i < 25; i++) uids.push(await imap.append(mail()));
    const other = testPlatform(env.dbUrl, { poolSize: 4, clock: env.clock });
    other.config.mail = env.platform.config.mail;
    try {
      const results = await Promise.all([
        pollMailbox(env.platform, mailboxId),
        pollMailbox(other, mailboxId),
        pollMailbox(other, mailboxId),
      ]);
      expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(1);
      // whatever a locked-out poller missed, the next poll takes
      await pollMailbox(other, mailboxId);
      // Without the lock's help: the same message ingested by both instances at the same moment.
      const uid = await imap.append(mail({ messageId: 'race@sender.example' }));
      const mailbox = await getMailbox(env.platform.db, mailboxId);
      const raw = Buffer.from(mail({ messageId: 'race@sender.example' }));
      const uidValidity = BigInt(await imapUidValidity());
      const raced = await Promise.all([
        ingestMessage(env.platform, mailbox, { uidValidity, uid, raw }),
        ingestMessage(other, mailbox, { uidValidity, uid, raw }),
      ]);
      expect(raced.map((r) => r.outcome).sort()).toEqual(['already', 'report']);
      // The commit happened but the flag did not (a crash in between): the next poll only flags it.
      expect((await pollMailbox(env.platform, mailboxId)).counts).toMatchObject({ already: 1, report: 0 });
      expect((await imap.flags()).get(uid)?.has(DONE_KEYWORD)).toBe(true);
    } finally {
      await other.pool.end();
    }
    const after = (await q<{ n: number }>("SELECT count(*)::int AS n FROM reports WHERE source = 'email'"))[0]?.n ?? 0;
    expect(after - before).toBe(26);
    const dupes = await q('SELECT mailbox_id, uid FROM intake_mailbox_messages GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dupes).toEqual([]);
    const flags = await imap.flags();
    expect(uids.every((u) => flags.get(u)?.has(DONE_KEYWORD))).toBe(true);
  });

  it('malformed mail: no crash, nothing lost, archives never unpacked, names sanitised, big attachments listed', async () => {
    const names = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.eml'));
    const uids = new Map<string, number>();
    for (const name of names) uids.set(name, await imap.append(fs.readFileSync(path.join(FIXTURES, name))));
    // a zip bomb: 64 MiB of zeros in a few KiB, stored as the small file it is
    const bomb = Buffer.from(zipSync({ 'zeros.bin': new Uint8Array(64 * 1024 * 1024) }, { level: 9 }));
    uids.set(
      'bomb',
      await imap.append(mail({ attachment: { name: 'evidence.zip', type: 'application/zip', content: bomb } })),
    );
    const limit = INTAKE_LIMITS.attachmentMaxBytes;
    INTAKE_LIMITS.attachmentMaxBytes = 100_000;
    try {
      uids.set(
        'big',
        await imap.append(
          mail({
            attachment: { name: 'memory.dmp', type: 'application/octet-stream', content: Buffer.alloc(150_000, 7) },
          }),
        ),
      );
      expect((await poll()).status).toBe('ok');
    } finally {
      INTAKE_LIMITS.attachmentMaxBytes = limit;
    }
    for (const [name, uid] of uids) {
      const row = await reportOf(uid);
      expect(row?.outcome, name).toBe('report');
      expect(row?.raw_file_id, name).toBeTruthy();
    }
    const describeOf = async (key: string) =>
      (
        await q<{ description: string }>('SELECT description FROM reports WHERE id = $1', [
          (await reportOf(uids.get(key) ?? 0))?.report_id,
        ])
      )[0]?.description ?? '';
    expect(await describeOf('windows-1258.eml')).toContain('máy chủ cổng thông tin bị tấn công');
    expect(await describeOf('undeclared-1258.eml')).toContain('máy chủ cổng thông tin bị tấn công');
    expect(await describeOf('missing-boundary.eml')).toContain('198.51.100.23');
    expect(await describeOf('big')).toContain('memory.dmp');
    const filesOf = async (key: string) =>
      q<{ name: string; size: number }>(
        'SELECT f.name, f.size FROM report_files rf JOIN files f ON f.id = rf.file_id WHERE rf.report_id = $1 ORDER BY f.name',
        [(await reportOf(uids.get(key) ?? 0))?.report_id],
      );
    expect((await filesOf('path-traversal.eml')).map((f) => f.name)).toEqual(
      expect.arrayContaining(['passwd', 'win.ini']),
    );
    const bombFile = (await filesOf('bomb')).find((f) => f.name === 'evidence.zip');
    expect(bombFile?.size).toBe(bomb.length);
    expect((await filesOf('big')).map((f) => f.name)).not.toContain('memory.dmp');
  });

  it('a message the database refuses is kept raw, marked failed and shown in the mailbox status', async () => {
    await env.platform.pool.query("ALTER TABLE reports ADD CONSTRAINT test_refuse CHECK (title <> 'REFUSE ME')");
    try {
      const uid = await imap.append(mail({ subject: 'REFUSE ME' }));
      const ok = await imap.append(mail({ subject: 'bình thường' }));
      const out = await poll();
      expect(out.counts).toMatchObject({ failed: 1, report: 1 });
      expect(await reportOf(uid)).toMatchObject({ outcome: 'failed', report_id: null });
      expect((await reportOf(uid))?.raw_file_id).toBeTruthy();
      expect((await reportOf(ok))?.outcome).toBe('report');
      const box = (await admin('GET', '/api/admin/mailboxes'))
        .json()
        .items.find((m: { id: string }) => m.id === mailboxId);
      expect(box).toMatchObject({ lastPollStatus: 'partial' });
      expect(box.lastPollError).toContain(`UID ${uid}`);
      const failed = await admin('GET', `/api/admin/mailboxes/${mailboxId}/messages?outcome=failed`);
      expect(failed.json().items[0]).toMatchObject({ uid, outcome: 'failed' });
    } finally {
      await env.platform.pool.query('ALTER TABLE reports DROP CONSTRAINT test_refuse');
    }
  });
});

describe.skipIf(missing)('CANHGAC_IMAP_URL', () => {
  it('becomes a mailbox row (password as a secret), polled by the job, editable only as enabled/disabled', async () => {
    const c = await imap.client();
    await c.mailboxCreate('Env');
    await c.logout();
    await imap.append(mail({ subject: '[TBSC] qua hộp thư cấu hình' }), 'Env');
    env.platform.config.imapUrl = `imap://intake:${imap.password}@127.0.0.1:${imap.port}/Env`;
    try {
      const results = await pollAllMailboxes(env.platform);
      const box = (await admin('GET', '/api/admin/mailboxes'))
        .json()
        .items.find((m: { fromEnvironment: boolean }) => m.fromEnvironment);
      expect(box).toMatchObject({ url: `imap://intake@127.0.0.1:${imap.port}`, folder: 'Env', hasPassword: true });
      expect(results.find((r) => r.mailboxId === box.id)?.counts.report).toBe(1);
      expect((await admin('PATCH', `/api/admin/mailboxes/${box.id}`, { folder: 'INBOX' })).statusCode).toBe(409);
      const off = await admin('PATCH', `/api/admin/mailboxes/${box.id}`, { enabled: false });
      expect(off.json().item.enabled).toBe(false);
    } finally {
      env.platform.config.imapUrl = undefined;
    }
  });
});

describe.skipIf(missing)('review: spoofing, loops, secrets, size, UIDVALIDITY', () => {
  it('another sender naming the reporter’s Message-ID does not thread (nor after reusing that Message-ID)', async () => {
    const uid = await imap.append(mail({ messageId: 'victim@sender.example', from: 'victim@sender.example' }));
    await poll();
    const reportId = (await reportOf(uid))?.report_id;
    const reused = await imap.append(mail({ messageId: 'victim@sender.example', from: 'mallory@evil.example' }));
    const spoof = await imap.append(
      mail({ from: 'mallory@evil.example', subject: 'Re: x', headers: ['References: <victim@sender.example>'] }),
    );
    await poll();
    expect((await reportOf(reused))?.reason).toBe('same-message-id');
    const row = await reportOf(spoof);
    expect(row?.outcome).toBe('report');
    expect(row?.report_id).not.toBe(reportId);
    const own = await imap.append(
      mail({ from: 'victim@sender.example', subject: 'Re: x', headers: ['References: <victim@sender.example>'] }),
    );
    await poll();
    expect(await reportOf(own)).toMatchObject({ outcome: 'reply', report_id: reportId });
  });

  it('an acknowledgement of a message without Message-ID still says Auto-Submitted', async () => {
    await imap.append(mail({ messageId: null, from: 'noid@sender.example' }));
    await poll();
    const ack = await sent('noid@sender.example');
    expect(ack.mail.headers.get('auto-submitted')).toBe('auto-replied');
  });

  it('the same reply under a new UIDVALIDITY is recorded but not added to the incident again', async () => {
    const uid = await imap.append(mail({ messageId: 'uv-start@sender.example', from: 'uv@sender.example' }));
    await poll();
    const reportId = (await reportOf(uid))?.report_id ?? '';
    const org = (await q<{ id: string }>('SELECT organisation_id AS id FROM users LIMIT 1'))[0]?.id;
    const triage = await responder('POST', `/api/reports/${reportId}/triage`, {
      action: 'open',
      typeCode: 'malware',
      organisationId: org,
    });
    expect(triage.statusCode, triage.body).toBe(200);
    const incidentId = triage.json().incident.id;
    const raw = mail({
      messageId: 'uv-reply@sender.example',
      from: 'uv@sender.example',
      subject: 'Re: x',
      headers: ['References: <uv-start@sender.example>'],
    });
    const mailbox = await getMailbox(env.platform.db, mailboxId);
    const first = await ingestMessage(env.platform, mailbox, { uidValidity: 1n, uid: 900_001, raw: Buffer.from(raw) });
    const again = await ingestMessage(env.platform, mailbox, { uidValidity: 2n, uid: 900_001, raw: Buffer.from(raw) });
    expect([first.outcome, again.outcome]).toEqual(['reply', 'reply']);
    const events = await q("SELECT 1 FROM incident_events WHERE incident_id = $1 AND kind = 'email'", [incidentId]);
    expect(events).toHaveLength(1);
  });

  it('a message over the parse limit is streamed whole into an .eml and reported from its headers', async () => {
    const limit = INTAKE_LIMITS.parseMaxBytes;
    INTAKE_LIMITS.parseMaxBytes = 100_000;
    try {
      const raw = mail({
        subject: '[TBSC] Bản ghi bộ nhớ',
        attachment: { name: 'memory.dmp', type: 'application/octet-stream', content: Buffer.alloc(200_000, 9) },
      });
      const uid = await imap.append(raw);
      expect((await poll()).counts).toMatchObject({ report: 1 });
      const row = await reportOf(uid);
      const files = await q<{ name: string; size: number }>(
        'SELECT f.name, f.size FROM report_files rf JOIN files f ON f.id = rf.file_id WHERE rf.report_id = $1',
        [row?.report_id],
      );
      expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/\.eml$/)]);
      expect(files[0]?.size).toBe(Buffer.byteLength(raw));
      const [report] = await q<{ title: string; description: string }>(
        'SELECT title, description FROM reports WHERE id = $1',
        [row?.report_id],
      );
      expect(report?.title).toBe('Bản ghi bộ nhớ');
      expect(report?.description).toContain('too-large-to-read');
      expect((await imap.flags()).get(uid)?.has(DONE_KEYWORD)).toBe(true);
    } finally {
      INTAKE_LIMITS.parseMaxBytes = limit;
    }
  });

  it('a changed server address needs the password again (the stored one never goes elsewhere)', async () => {
    const moved = await admin('PATCH', `/api/admin/mailboxes/${mailboxId}`, { url: 'imap://intake@203.0.113.9:143' });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.code).toBe('mailbox_password_required');
    const same = await admin('PATCH', `/api/admin/mailboxes/${mailboxId}`, { url: imap.url, name: 'Hộp thư' });
    expect(same.statusCode, same.body).toBe(200);
    expect((await admin('POST', `/api/admin/mailboxes/${mailboxId}/test`)).json().ok).toBe(true);
  });

  it('a new password in CANHGAC_IMAP_URL replaces the stored one', async () => {
    const [box] = await q<{ id: string }>("SELECT id FROM intake_mailboxes WHERE config_key = 'env'");
    await admin('PATCH', `/api/admin/mailboxes/${box?.id}`, { enabled: true });
    const statusOf = async () => (await pollAllMailboxes(env.platform)).find((r) => r.mailboxId === box?.id)?.status;
    try {
      env.platform.config.imapUrl = `imap://intake:wrong-now@127.0.0.1:${imap.port}/Env`;
      expect(await statusOf()).toBe('error');
      env.platform.config.imapUrl = `imap://intake:${imap.password}@127.0.0.1:${imap.port}/Env`;
      expect(await statusOf()).toBe('ok');
    } finally {
      env.platform.config.imapUrl = undefined;
    }
  });
});

async function imapUidValidity(): Promise<string> {
  const c = await imap.client();
  try {
    const s = await c.status('INBOX', { uidValidity: true });
    return String(s ? s.uidValidity : '');
  } finally {
    await c.logout();
  }
}
