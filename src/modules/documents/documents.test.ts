import { createHash, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { as, login, type Session } from '../../../test/http.ts';
import { docxParagraphs, hasTool } from '../../../test/office-files.ts';
import { NATIONAL_MOTTO } from '../../formats/document/text.ts';
import { systemCtx } from '../../platform/actor.ts';
import { createOrganisation } from '../constituency/commands/save-organisation.ts';
import { attachmentDisposition } from '../files/send-file.ts';
import { issuePlatformReport } from './commands/platform-report.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let env: TestEnv;
let issuer: { id: string; code: string };
let coordinator: Session;
let coordinatorUser: { username: string; password: string };

async function issuerOrg(name = 'Sở Khoa học và Công nghệ') {
  const parent = await makeOrg(env.platform, 'other', 'Ủy ban nhân dân tỉnh Quảng Nam');
  return createOrganisation(env.platform.db, systemCtx('system:test', env.clock), {
    code: `SKHCN-${randomBytes(3).toString('hex').toUpperCase()}`,
    name,
    kind: 'coordinator',
    parentId: parent.id,
    locality: 'Quảng Nam',
  });
}

const count = async (sql: string, params: unknown[] = []) =>
  (await env.platform.pool.query<{ n: number }>(sql, params)).rows[0]?.n ?? -1;

beforeAll(async () => {
  env = await testEnv({ poolSize: 12 });
  env.clock.set(new Date('2026-03-05T02:00:00Z'));
  issuer = await issuerOrg();
  coordinatorUser = await makeUser(env.platform, issuer.id, ['coordinator']);
  coordinator = await login(env.app, coordinatorUser.username, coordinatorUser.password);
});
afterAll(() => env.close());

describe('issuing and downloading a document', () => {
  it('numbers it from the scheme, stores it, and the download is the same bytes with safe headers, audited', async () => {
    const req = as(env.app, coordinator);
    const first = await req('POST', '/api/documents/platform-report', { format: 'docx' });
    expect(first.statusCode, first.body).toBe(200);
    // No scheme yet: the default pattern with the organisation code.
    expect(first.json().number).toBe(`01/BC-${issuer.code}`);

    const put = await req('PUT', `/api/numbering-schemes/${issuer.id}/BC`, {
      pattern: '{n}/{kind}-{org}',
      orgSymbol: 'SKHCN',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ pattern: '{n}/{kind}-{org}', orgSymbol: 'SKHCN', example: '02/BC-SKHCN' });

    const res = await req('POST', '/api/documents/platform-report', { format: 'docx' });
    const doc = res.json();
    expect(doc).toMatchObject({
      number: '02/BC-SKHCN',
      kind: 'BC',
      year: 2026,
      seq: 2,
      format: 'docx',
      templateId: 'platform.constituency-summary',
      templateVersion: 1,
      organisation: { id: issuer.id, code: issuer.code },
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(doc.input.issuer.name).toBe('Sở Khoa học và Công nghệ');

    const file = await req('GET', `/api/documents/${doc.id}/file`);
    expect(file.statusCode).toBe(200);
    const bytes = file.rawPayload;
    expect(sha(bytes)).toBe(doc.sha256);
    expect(file.headers['content-length']).toBe(String(bytes.length));
    expect(file.headers['content-type']).toBe(doc.mediaType);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(
      /^attachment; filename="02-BC-SKHCN Tong hop cac don vi[^"]*\.docx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(
      '02-BC-SKHCN Tổng hợp các đơn vị trong mạng lưới ứng cứu sự cố trên địa bàn.docx',
    );

    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs).toContain(NATIONAL_MOTTO);
    expect(paragraphs).toContain('ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM');
    expect(paragraphs).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(paragraphs).toContain('Số: 02/BC-SKHCN');
    expect(paragraphs).toContain('Quảng Nam, ngày 05 tháng 3 năm 2026');
    expect(paragraphs).toContain('Sở Khoa học và Công nghệ'); // listed in the organisations table

    const audit = await env.platform.pool.query<{ action: string; subject_type: string }>(
      `SELECT action, subject_type FROM audit_log WHERE subject_id = $1 OR diff->'detail'->>'fileId' = $2 ORDER BY id`,
      [
        doc.id,
        (await env.platform.pool.query('SELECT file_id FROM documents WHERE id = $1', [doc.id])).rows[0].file_id,
      ],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['document.issue', 'file.download']);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'file.store'")).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('issues an XLSX that opens with its sheets, and a PDF with the sniffed type', async () => {
    const req = as(env.app, coordinator);
    const xlsx = (await req('POST', '/api/documents/platform-report', { format: 'xlsx' })).json();
    expect(xlsx.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await req('GET', `/api/documents/${xlsx.id}/file`)).rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Văn bản',
      'Bảng 1. Số đơn vị theo loại',
      'Bảng 2. Danh sách đơn vị',
    ]);
    if (!hasTool('chromium') && process.env.CI !== 'true') return console.warn('PDF issue skipped: no Chromium');
    const pdf = (await req('POST', '/api/documents/platform-report', { format: 'pdf' })).json();
    expect(pdf.mediaType).toBe('application/pdf');
    const body = (await req('GET', `/api/documents/${pdf.id}/file`)).rawPayload;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a failed issue (no Chromium) registers nothing and uses no number', async () => {
    const req = as(env.app, coordinator);
    const before = await count('SELECT count(*)::int AS n FROM documents');
    const lastSeq = await count('SELECT max(seq)::int AS n FROM documents WHERE organisation_id = $1', [issuer.id]);
    const saved = env.platform.config.chromiumPath;
    env.platform.config.chromiumPath = '/nonexistent/chromium';
    try {
      const res = await req('POST', '/api/documents/platform-report', { format: 'pdf' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'pdf_renderer_missing' });
      expect(res.json().error.message).toContain('CANHGAC_CHROMIUM_PATH');
    } finally {
      env.platform.config.chromiumPath = saved;
    }
    expect(await count('SELECT count(*)::int AS n FROM documents')).toBe(before);
    const next = (await req('POST', '/api/documents/platform-report', { format: 'docx' })).json();
    expect(next.seq).toBe(lastSeq + 1);
  });

  it('a preview is a draft: no number, marked, nothing stored', async () => {
    const before = await count('SELECT count(*)::int AS n FROM documents');
    const files = await count('SELECT count(*)::int AS n FROM files');
    const res = await as(env.app, coordinator)('POST', '/api/documents/platform-report/preview', { format: 'docx' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('filename="DU-THAO Tong hop');
    const paragraphs = docxParagraphs(res.rawPayload);
    expect(paragraphs).toContain('DỰ THẢO');
    expect(paragraphs).toContain(`Số: ${'\u00A0'.repeat(8)}/BC-SKHCN`);
    expect(await count('SELECT count(*)::int AS n FROM documents')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM files')).toBe(files);
  });
});

describe('numbering', () => {
  it('gives concurrent issues consecutive, unique numbers', async () => {
    const org = await issuerOrg('Sở Nội vụ');
    const ctx = systemCtx('system:test', env.clock);
    const issued = await Promise.all(
      Array.from({ length: 8 }, () =>
        issuePlatformReport(env.platform, ctx, { organisationId: org.id, format: 'docx' }),
      ),
    );
    expect(issued.map((d) => d.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(issued.map((d) => d.number)).size).toBe(8);
    expect(issued.map((d) => d.number).sort()).toContain(`08/BC-${org.code}`);
  });

  it('starts again at 01 on 1 January, Vietnam time', async () => {
    const org = await issuerOrg('Sở Tài chính');
    const ctx = systemCtx('system:test', env.clock);
    const issue = () => issuePlatformReport(env.platform, ctx, { organisationId: org.id, format: 'docx' });
    env.clock.set(new Date('2026-12-31T16:59:00Z')); // 23:59 on 31 December in Vietnam
    await issue();
    const last = await issue();
    expect(last).toMatchObject({ number: `02/BC-${org.code}`, year: 2026 });
    env.clock.set(new Date('2026-12-31T17:00:00Z')); // 00:00 on 1 January 2027 in Vietnam
    const first = await issue();
    expect(first).toMatchObject({ number: `01/BC-${org.code}`, year: 2027, seq: 1 });
    // Sessions expire across such a jump: log in at the new time.
    const session = await login(env.app, coordinatorUser.username, coordinatorUser.password);
    const file = await as(env.app, session)('GET', `/api/documents/${first.id}/file`);
    expect(docxParagraphs(file.rawPayload)).toContain('Quảng Nam, ngày 01 tháng 01 năm 2027');
    env.clock.set(new Date('2026-03-05T02:00:00Z'));
    coordinator = await login(env.app, coordinatorUser.username, coordinatorUser.password);
  });

  it('refuses patterns without exactly one {n} or with unknown tokens', async () => {
    const req = as(env.app, coordinator);
    for (const pattern of ['{kind}-{org}', '{n}/{n}-{org}', '{n}/{kind}-{x}', '{n} <b>']) {
      const res = await req('PUT', `/api/numbering-schemes/${issuer.id}/KH`, { pattern });
      expect(res.statusCode, pattern).toBe(400);
    }
    const ok = await req('PUT', `/api/numbering-schemes/${issuer.id}/CV`, {
      pattern: '{n}/{org}-CNTT',
      orgSymbol: 'SKHCN',
    });
    expect(ok.json().example).toBe('01/SKHCN-CNTT');
  });
});

describe('the register', () => {
  it('refuses UPDATE and DELETE of an issued document (trigger)', async () => {
    const { rows } = await env.platform.pool.query<{ id: string; title: string }>(
      'SELECT id, title FROM documents LIMIT 1',
    );
    const row = rows[0];
    if (!row) throw new Error('no document');
    await expect(env.platform.pool.query("UPDATE documents SET title = 'sửa' WHERE id = $1", [row.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(env.platform.pool.query('DELETE FROM documents WHERE id = $1', [row.id])).rejects.toThrow(/immutable/);
    const after = await env.platform.pool.query('SELECT title FROM documents WHERE id = $1', [row.id]);
    expect(after.rows[0].title).toBe(row.title);
  });

  it('lists newest first, pages without repeats, filters, and scopes a member to its organisation', async () => {
    const req = as(env.app, coordinator);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await req('GET', `/api/documents?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(await count('SELECT count(*)::int AS n FROM documents'));
    expect(new Set(seen).size).toBe(seen.length);

    const y2027 = (await req('GET', '/api/documents?year=2027')).json().items;
    expect(y2027.map((d: { number: string }) => d.number)).toEqual([expect.stringMatching(/^01\/BC-/)]);
    const mine = (await req('GET', `/api/documents?organisationId=${issuer.id}&kind=BC&limit=100`)).json().items;
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.every((d: { organisation: { id: string } }) => d.organisation.id === issuer.id)).toBe(true);
    expect((await req('GET', `/api/documents?kind=KH`)).json().items).toEqual([]);

    const outsider = await makeUser(env.platform, (await makeOrg(env.platform)).id, ['member']);
    const s = await login(env.app, outsider.username, outsider.password);
    expect((await as(env.app, s)('GET', '/api/documents?limit=100')).json().items).toEqual([]);
    const colleague = await makeUser(env.platform, issuer.id, ['member']);
    const sc = await login(env.app, colleague.username, colleague.password);
    const own = (await as(env.app, sc)('GET', '/api/documents?limit=100')).json().items;
    expect(own.length).toBe(mine.length);
    expect((await as(env.app, s)('GET', `/api/documents/${mine[0].id}/file`)).statusCode).toBe(404);
  });
});

describe('download headers', () => {
  it('give an ASCII name and the exact UTF-8 name (RFC 6266 / 5987)', () => {
    const header = attachmentDisposition("Báo cáo (quý I) 'Đà Nẵng' 100%.docx");
    expect(header).toBe(
      `attachment; filename="Bao cao (quy I) 'Da Nang' 100_.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%28qu%C3%BD%20I%29%20%27%C4%90%C3%A0%20N%E1%BA%B5ng%27%20100%25.docx`,
    );
    expect(attachmentDisposition('a"b\\c\r\n.txt')).toBe(`attachment; filename="c.txt"; filename*=UTF-8''c.txt`);
  });
});
