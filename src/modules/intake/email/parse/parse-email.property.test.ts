import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasTag, ignoreReason, titleOf, trackingToken } from './classify.ts';
import { parseEmail } from './parse-email.ts';
import { emailToFacts } from './to-facts.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../test/fixtures/email');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const NOW = new Date('2026-03-02T03:00:00Z');
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const SAMPLE = Buffer.from(
  [
    'From: "Trần Thị Hoa" <hoa@so-tt.example>',
    'To: intake@canhgac.example',
    'Subject: =?utf-8?B?W1RCU0NdIE3DoyDEkeG7mWMgdHLDqm4gbcOheSBjaOG7pw==?=',
    'Message-ID: <abc@so-tt.example>',
    'Date: Mon, 2 Mar 2026 08:00:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Kết nối tới 203.0.113.7 và hxxp://evil[.]example/x.exe',
    '--b1',
    'Content-Type: application/zip; name="log.zip"',
    'Content-Disposition: attachment; filename="log.zip"',
    'Content-Transfer-Encoding: base64',
    '',
    'UEsDBAoAAAAAAA==',
    '--b1--',
    '',
  ].join('\r\n'),
);

describe('parseEmail: the fixtures', () => {
  it('reads a well-formed message: sender, tag, text, attachment, Message-ID', async () => {
    const m = await parseEmail(SAMPLE);
    expect(m.fromAddress).toBe('hoa@so-tt.example');
    expect(m.fromName).toBe('Trần Thị Hoa');
    expect(m.messageKey).toBe('abc@so-tt.example');
    expect(hasTag(m.subject)).toBe(true);
    expect(titleOf(m.subject)).toBe('Mã độc trên máy chủ');
    expect(m.text).toContain('203.0.113.7');
    expect(m.attachments.map((a) => a.filename)).toEqual(['log.zip']);
    expect(m.problems).toEqual([]);
  });

  it('windows-1258, declared: Vietnamese text in NFC', async () => {
    const m = await parseEmail(fixture('windows-1258.eml'));
    expect(m.text).toContain('máy chủ cổng thông tin bị tấn công');
    expect(m.text).toBe(m.text.normalize('NFC'));
  });

  it('windows-1258, undeclared: guessed, and the guess is named', async () => {
    const m = await parseEmail(fixture('undeclared-1258.eml'));
    expect(m.text).toContain('máy chủ cổng thông tin bị tấn công');
    expect(m.problems).toContain('charset-guessed:windows-1258');
  });

  it('VNI, declared as Latin-1 or undeclared: read as Vietnamese, and the guess is named', async () => {
    for (const name of ['vni-declared-latin1.eml', 'vni-undeclared.eml']) {
      const m = await parseEmail(fixture(name));
      expect(m.text, name).toContain('Kính gửi Đội ứng cứu: máy chủ cổng thông tin bị tấn công từ 203.0.113.46');
      expect(m.problems, name).toContain('charset-guessed:vni');
    }
  });

  it('a multipart without boundary: the body text is still there', async () => {
    const m = await parseEmail(fixture('missing-boundary.eml'));
    expect(m.text).toContain('198.51.100.23');
  });

  it('broken MIME (bad encoded words, unknown charset, bad base64, cut off): no crash, some text', async () => {
    const m = await parseEmail(fixture('broken-mime.eml'));
    expect(m.fromAddress).toBe('hoa@unknown-sender.example');
    expect(m.messageKey).toBe('broken@unknown-sender.example');
    expect(emailToFacts(m, NOW).title.length).toBeGreaterThan(0);
  });

  it('path-traversal attachment names arrive as given (the file store keeps only the last segment)', async () => {
    const m = await parseEmail(fixture('path-traversal.eml'));
    expect(m.attachments.map((a) => a.filename)).toEqual(['../../../etc/passwd', '..\\..\\windows\\win.ini']);
  });

  it('no Message-ID: the key is the SHA-256 of the raw bytes', async () => {
    const m = await parseEmail(Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\nhello\r\n'));
    expect(m.messageKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('classification', () => {
  const mail = (headers: string) => parseEmail(Buffer.from(`${headers}\r\nSubject: s\r\n\r\nbody\r\n`));
  it('loops, bounces and auto-replies are told apart; a person’s mail is not ignored', async () => {
    const own = ['canhgac@tinh.example'];
    expect(ignoreReason(await mail('From: canhgac@tinh.example'), own)).toBe('loop');
    expect(ignoreReason(await mail('From: x@y.example\r\nX-CanhGac-Delivery: 1'), own)).toBe('loop');
    expect(ignoreReason(await mail('From: MAILER-DAEMON@y.example'), own)).toBe('bounce');
    expect(ignoreReason(await mail('From: x@y.example\r\nReturn-Path: <>'), own)).toBe('bounce');
    expect(
      ignoreReason(
        await mail('From: x@y.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=q'),
        own,
      ),
    ).toBe('bounce');
    expect(ignoreReason(await mail('From: x@y.example\r\nAuto-Submitted: auto-replied'), own)).toBe('auto-reply');
    expect(ignoreReason(await mail('From: x@y.example\r\nX-Autoreply: yes'), own)).toBe('auto-reply');
    expect(ignoreReason(await mail('From: x@y.example\r\nPrecedence: bulk'), own)).toBe('auto-reply');
    expect(ignoreReason(await mail('From: x@y.example\r\nAuto-Submitted: no'), own)).toBeNull();
  });

  it('tracking tokens in subjects', () => {
    expect(trackingToken('Re: [TBSC #TN-2026-000123] Mã độc')).toBe('TN-2026-000123');
    expect(trackingToken('Re: Đã tiếp nhận báo cáo sự cố TN-2026-000042')).toBe('TN-2026-000042');
    expect(trackingToken('[TBSC] mới')).toBeNull();
    expect(titleOf('Re: Fwd: [TBSC #TN-2026-000123] Mã độc')).toBe('Mã độc');
  });
});

/** Byte-level mutations of a real message: cut, splice, flip, duplicate. */
const mutated = fc
  .array(
    fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.nat(200) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
      fc.record({
        kind: fc.constant('header' as const),
        line: fc.constantFrom(
          'Content-Type: multipart/mixed',
          'Content-Type: text/plain; charset=windows-1258',
          'Content-Transfer-Encoding: base64',
          'Content-Type: message/rfc822',
          'Subject: =?x-unknown?Q?=FF=FE?=',
          'From: <>',
          'References: <a@b> <',
        ),
      }),
    ),
    { maxLength: 8 },
  )
  .map((ops) => {
    let b = Buffer.from(SAMPLE);
    for (const op of ops) {
      const at = op.kind === 'header' ? 0 : op.at % (b.length + 1);
      if (op.kind === 'flip' && b.length > 0) {
        b = Buffer.from(b);
        b[at % b.length] = op.byte;
      }
      if (op.kind === 'cut') b = Buffer.concat([b.subarray(0, at), b.subarray(at + op.len)]);
      if (op.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(op.bytes), b.subarray(at)]);
      if (op.kind === 'header') b = Buffer.concat([Buffer.from(`${op.line}\r\n`), b]);
    }
    return b;
  });

describe('property: any mutation of a message parses into valid report facts', () => {
  it('never throws; title is one clean line of 1..500, description clean, key stable', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (raw) => {
        const m = await parseEmail(raw);
        const facts = emailToFacts(m, NOW, []);
        expect(facts.title.length).toBeGreaterThan(0);
        expect(facts.title.length).toBeLessThanOrEqual(500);
        expect(facts.title).not.toMatch(/[\p{Cc}]/u);
        expect(facts.description.length).toBeGreaterThan(0);
        expect(facts.description.length).toBeLessThanOrEqual(100_000);
        expect(facts.description).not.toMatch(CONTROL);
        expect(facts.detectedAt.getTime()).toBeLessThanOrEqual(NOW.getTime() + 5 * 60_000);
        expect(m.messageKey.length).toBeLessThanOrEqual(200);
        expect((await parseEmail(raw)).messageKey).toBe(m.messageKey);
        if (m.fromAddress) expect(m.fromAddress).toMatch(/^[^\s@]+@[^\s@]+$/);
      }),
      { numRuns: 300 },
    );
  });
});
