// E-mail intake at volume (issue #6): a private dovecot mailbox holding 10,000 messages (one in ten
// with an attachment) is ingested by two instances polling at the same time; afterwards every
// message is a report exactly once and flagged in the mailbox.
// Usage: npm run bench -- --only=email [--write] [--messages=10000]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createMailbox } from '../src/modules/intake/email/commands/save-mailbox.ts';
import { DONE_KEYWORD, type PollResult, pollMailbox } from '../src/modules/intake/email/poll-mailbox.ts';
import { systemCtx } from '../src/platform/actor.ts';
import { freePort } from '../src/platform/net.ts';
import type { Platform } from '../src/platform/platform.ts';
import { startPlatform } from '../src/platform/start-platform.ts';
import { dovecotMissing, startImapPeer } from '../test/imap-peer.ts';
import { machineLine } from './incidents/report.ts';

const root = path.resolve(import.meta.dirname, '..');

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function message(i: number): string {
  const head = [
    `From: "Đơn vị ${i % 300}" <baocao${i % 300}@donvi.example>`,
    'To: baocao@tinh.example',
    `Subject: [TBSC] Sự cố số ${i}`,
    `Message-ID: <bench-${i}@donvi.example>`,
    'Date: Mon, 2 Mar 2026 08:00:00 +0700',
    'MIME-Version: 1.0',
  ];
  const text = `Máy chủ ${i} kết nối tới 203.0.${(i >> 8) & 255}.${i & 255} và tải hxxp://c2-${i}[.]example/p.exe`;
  if (i % 10 !== 0) return [...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  const log = Buffer.from(`log ${i}\n`.repeat(200)).toString('base64');
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--b',
    `Content-Type: text/plain; name="log-${i}.txt"`,
    'Content-Disposition: attachment',
    'Content-Transfer-Encoding: base64',
    '',
    log.replace(/(.{76})/g, '$1\r\n'),
    '--b--',
    '',
  ].join('\r\n');
}

/** Polls until a poll finds nothing new (a poller locked out by the other instance tries again). */
async function instance(platform: Platform, mailboxId: string): Promise<PollResult['counts']> {
  const total: PollResult['counts'] = { report: 0, reply: 0, ignored: 0, failed: 0, already: 0 };
  for (;;) {
    const r = await pollMailbox(platform, mailboxId);
    if (r.status === 'error') throw new Error(r.error);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r.counts[k];
    if (r.status === 'ok' && r.counts.report === 0) return total;
    if (r.status === 'locked') await new Promise((res) => setTimeout(res, 200));
  }
}

export async function benchEmail(): Promise<void> {
  if (dovecotMissing()) return;
  const count = Number(arg('messages') ?? 10_000);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-bench-email-'));
  const imap = await startImapPeer();
  const config = loadConfig({
    CANHGAC_DATA_DIR: dataDir,
    CANHGAC_EMBEDDED_PG_PORT: String(await freePort()),
    CANHGAC_LOG_LEVEL: 'warn',
  });
  const a = await startPlatform(config, { log: pino({ level: 'warn' }), poolSize: 6 });
  const b = await startPlatform(config, { log: pino({ level: 'warn' }), poolSize: 6, migrate: false });
  try {
    let t0 = performance.now();
    const clients = await Promise.all([1, 2, 3, 4].map(() => imap.client()));
    await Promise.all(
      clients.map(async (c, k) => {
        for (let i = k; i < count; i += clients.length) await c.append('INBOX', message(i));
        await c.logout();
      }),
    );
    const appendSeconds = (performance.now() - t0) / 1000;
    process.stdout.write(`appended ${count} messages in ${appendSeconds.toFixed(1)} s\n`);

    const mailbox = await createMailbox(
      a.platform.db,
      systemCtx('system:bench', a.platform.clock),
      a.platform.keys.mailboxSecrets,
      {
        name: 'bench',
        url: imap.url,
        password: imap.password,
      },
    );
    t0 = performance.now();
    const [ca, cb] = await Promise.all([instance(a.platform, mailbox.id), instance(b.platform, mailbox.id)]);
    const seconds = (performance.now() - t0) / 1000;

    const pool = a.platform.pool;
    const one = async (q: string) =>
      Number((await pool.query<{ n: string }>(q, [`mailbox:${mailbox.id}`])).rows[0]?.n ?? 0);
    const reports = await one("SELECT count(*) AS n FROM reports WHERE source = 'email' AND channel_key = $1");
    const distinct = await one(
      "SELECT count(DISTINCT external_id) AS n FROM reports WHERE source = 'email' AND channel_key = $1",
    );
    const files = await one(
      'SELECT count(*) AS n FROM report_files rf JOIN reports r ON r.id = rf.report_id WHERE r.channel_key = $1',
    );
    const rows = Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM intake_mailbox_messages')).rows[0]?.n ?? 0,
    );
    const flags = await imap.flags();
    const flagged = [...flags.values()].filter((f) => f.has(DONE_KEYWORD)).length;
    const ok =
      reports === count && distinct === count && rows === count && flagged === count && files === count + count / 10;
    const lines = [
      `Machine: ${machineLine()}. Dovecot ${'2.3'} on loopback, embedded PostgreSQL 18, two platform instances (separate pools) polling the same mailbox at once.`,
      '',
      `- ${count.toLocaleString('en')} messages (${(count / 10).toLocaleString('en')} with an attachment) appended over IMAP in ${appendSeconds.toFixed(1)} s`,
      `- ingested in **${seconds.toFixed(1)} s = ${(count / seconds).toFixed(0)} messages/s** (instance A stored ${ca.report}, instance B ${cb.report}; B found the mailbox locked while A polled)`,
      `- afterwards: ${reports} reports, ${distinct} distinct Message-IDs, ${rows} processed-message rows, ${files} report files (raw .eml + attachments), ${flagged} messages flagged ${DONE_KEYWORD} — ${ok ? 'complete and exactly once ✓' : 'MISMATCH ✗'}`,
      '',
      'Messages of one mailbox are stored one after another, each in its own transaction (a reply must find the report its original became, and a crash loses at most the message in hand); the rate is bounded by about fifteen statements per message (claim, files, report, observables, acknowledgement, audit).',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (process.argv.includes('--write')) {
      const heading = '## E-mail intake (issue #6)';
      const file = path.join(root, 'docs/benchmarks.md');
      const body = await fs.readFile(file, 'utf8').catch(() => '# Benchmarks\n');
      const section = `${heading} — ${new Date().toISOString().slice(0, 10)}\n\n\`npm run bench -- --only=email\`\n\n${lines.join('\n')}\n`;
      const marker = /## E-mail intake \(issue #6\)[\s\S]*?(?=\n## |$)/;
      await fs.writeFile(file, marker.test(body) ? body.replace(marker, section) : `${body.trimEnd()}\n\n${section}`);
    }
    if (!ok) process.exitCode = 1;
  } finally {
    await b.close();
    await a.close();
    await imap.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
