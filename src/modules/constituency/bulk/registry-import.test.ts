import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { ENTITY_SHEETS, sheetOf } from '../../../formats/registry-sheet/entities.ts';
import { writeRegistryCsv, writeRegistryTemplate, writeRegistryXlsx } from '../../../formats/registry-sheet/write.ts';
import { type Ctx, systemCtx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Role } from '../../../shared/vocabulary.ts';
import { exportRegistry } from './export.ts';
import { commitImport, dryRunImport, readImportFile } from './run-import.ts';

let env: TestEnv;
const sys = () => systemCtx('system:test', env.platform.clock);

beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

type Sheet = { name: string; rows: unknown[][] };

async function xlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function loadBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function count(table: string): Promise<number> {
  const r = await env.platform.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0]?.n ?? -1;
}

async function snapshot() {
  return {
    orgs: await count('organisations'),
    contacts: await count('contact_points'),
    systems: await count('information_systems'),
    components: await count('system_components'),
    audit: await count('audit_log'),
  };
}

async function run(bytes: Buffer, opts: { commit?: boolean; ctx?: Ctx } = {}) {
  const file = await readImportFile({ bytes });
  const ctx = opts.ctx ?? sys();
  if (!opts.commit) return { committed: false, summary: await dryRunImport(env.platform.db, ctx, file, 'en') };
  return commitImport(env.platform.db, ctx, file, 'en', 'test.xlsx');
}

const ORG_HEAD = ['Mã đơn vị', 'Tên đơn vị', 'Tên tiếng Anh', 'Loại đơn vị', 'Mã đơn vị cấp trên', 'Đang hoạt động'];
const SYS_HEAD = [
  'Mã hệ thống',
  'Tên hệ thống',
  'Mã đơn vị chủ quản',
  'Mã đơn vị vận hành',
  'Cấp độ',
  'Loại hệ thống',
  'Trạng thái',
];

function workbook(badLevel: string) {
  return xlsx([
    {
      name: 'Đơn vị',
      rows: [
        ORG_HEAD,
        ['BK-SO', 'Sở Bách Khoa', 'Polytechnic Department', 'member', '', 'có'],
        ['BK-PHONG', 'Phòng Kỹ thuật', null, 'Thành viên', 'BK-SO', 'có'],
      ],
    },
    {
      name: 'Đầu mối',
      rows: [
        ['Mã đơn vị', 'Họ và tên', 'Điện thoại 24/7', 'Thư điện tử'],
        ['BK-SO', 'Trần Thị Đầu Mối', '+84 235 3900 111', 'dau.moi@bk.example'],
      ],
    },
    {
      name: 'Hệ thống',
      rows: [
        SYS_HEAD,
        ['BK-PORTAL', 'Cổng thông tin Sở Bách Khoa', 'BK-SO', 'BK-SO', '2', 'citizen-services', 'active'],
        ['BK-MAIL', 'Thư điện tử công vụ', 'BK-SO', '', badLevel, 'internal', 'active'],
      ],
    },
    {
      name: 'Components',
      rows: [
        ['system', 'cpe', 'vendor', 'product', 'version'],
        ['BK-PORTAL', 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*', '', '', ''],
        ['BK-PORTAL', '', 'Apache', 'Tomcat', '9.0.80'],
      ],
    },
  ]);
}

describe('registry import (XLSX)', () => {
  it('refuses a workbook with one bad row: the summary names it, nothing is written', async () => {
    const before = await snapshot();
    const bytes = await workbook('7');
    const dry = await run(bytes);
    expect(dry.summary).toMatchObject({ rows: 7, created: 0, updated: 0 });
    expect(dry.summary.errors).toEqual([
      { sheet: 'Hệ thống', row: 3, message: 'Column "Cấp độ": "7" must be a whole number from 1 to 5.' },
    ]);
    const commit = await run(bytes, { commit: true });
    expect(commit.committed).toBe(false);
    expect(commit.summary.errors).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('commits a clean workbook in one go, audited, and a second import changes nothing', async () => {
    const before = await snapshot();
    const bytes = await workbook('3');
    const first = await run(bytes, { commit: true });
    expect(first).toEqual({ committed: true, summary: { rows: 7, created: 7, updated: 0, unchanged: 0, errors: [] } });
    const after = await snapshot();
    expect(after.orgs - before.orgs).toBe(2);
    expect(after.systems - before.systems).toBe(2);
    expect(after.components - before.components).toBe(2);
    // one entry per created row plus the import's own
    expect(after.audit - before.audit).toBe(8);
    const parent = await env.platform.pool.query(
      `SELECT p.code FROM organisations o JOIN organisations p ON p.id = o.parent_id WHERE o.code = 'BK-PHONG'`,
    );
    expect(parent.rows).toEqual([{ code: 'BK-SO' }]);
    const nginx = await env.platform.pool.query(
      `SELECT vendor, product, version, kind FROM system_components WHERE cpe LIKE 'cpe:2.3:a:f5:nginx%'`,
    );
    expect(nginx.rows).toEqual([{ vendor: 'f5', product: 'nginx', version: '1.24.0', kind: 'software' }]);

    const again = await run(bytes, { commit: true });
    expect(again.summary).toEqual({ rows: 7, created: 0, updated: 0, unchanged: 7, errors: [] });
    const audit = await env.platform.pool.query(
      `SELECT action, diff FROM audit_log ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
    expect(audit.rows[0]?.action).toBe('registry.import');
    expect((await snapshot()).orgs).toBe(after.orgs);
  });

  it('updates by code: a changed name is an update, not a new organisation', async () => {
    const bytes = await xlsx([
      {
        name: 'Đơn vị',
        rows: [ORG_HEAD.slice(0, 4), ['BK-SO', 'Sở Bách Khoa (mới)', 'Polytechnic Department', 'member']],
      },
    ]);
    const before = await count('organisations');
    const r = await run(bytes, { commit: true });
    expect(r.summary).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect(await count('organisations')).toBe(before);
    const name = await env.platform.pool.query(`SELECT name FROM organisations WHERE code = 'BK-SO'`);
    expect(name.rows[0]?.name).toBe('Sở Bách Khoa (mới)');
  });

  it('never evaluates formulas: a formula cell is a row error', async () => {
    const bytes = await xlsx([
      {
        name: 'Đơn vị',
        rows: [
          ORG_HEAD.slice(0, 4),
          ['F-1', { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }, null, 'member'],
        ],
      },
    ]);
    const r = await run(bytes);
    expect(r.summary.errors).toEqual([
      {
        sheet: 'Đơn vị',
        row: 2,
        message: 'Cell "Tên đơn vị" holds a formula; enter plain values (formulas are never evaluated).',
      },
    ]);
  });

  it('reports duplicate codes, unknown references, bad CIDRs and CPEs per row', async () => {
    const bytes = await xlsx([
      {
        name: 'Organisations',
        rows: [
          ['Code', 'Name', 'Kind'],
          ['DUP-1', 'A', 'member'],
          ['dup-1', 'B', 'member'],
        ],
      },
      {
        name: 'Thành phần',
        rows: [
          ['Mã hệ thống', 'Loại thành phần', 'Dải mạng', 'CPE', 'Địa chỉ IP'],
          ['BK-PORTAL', 'range', '203.0.113.0/33', '', ''],
          ['BK-PORTAL', 'software', '', 'cpe:2.3:x:broken', ''],
          ['NO-SUCH', 'host', '', '', '203.0.113.5'],
          ['BK-PORTAL', 'host', '', '', '203.0.113.300'],
        ],
      },
    ]);
    const { summary } = await run(bytes);
    const rows = summary.errors.map((e) => `${e.sheet}:${e.row}`);
    expect(rows).toEqual(['Organisations:3', 'Thành phần:2', 'Thành phần:3', 'Thành phần:4', 'Thành phần:5']);
    expect(summary.errors[0]?.message).toContain('row 2');
    expect(summary.errors[3]?.message).toBe('No information system with code "NO-SUCH" in the file or the registry.');
  });

  it('reports unknown and missing columns against the header row', async () => {
    const bytes = await xlsx([
      {
        name: 'Đơn vị',
        rows: [
          ['Mã đơn vị', 'Tên đơn vị', 'Màu yêu thích'],
          ['X-1', 'Tên', 'xanh'],
        ],
      },
    ]);
    const { summary } = await run(bytes);
    expect(summary.errors.map((e) => e.message)).toEqual([
      'Column not in the template: "Màu yêu thích".',
      'Required column "Loại đơn vị" is missing.',
    ]);
  });
});

describe('registry import (CSV)', () => {
  it('reads UTF-8 with BOM and CRLF, Vietnamese text, the entity from the header', async () => {
    const csv = `\uFEFFMã đơn vị,Họ và tên,Chức vụ,Điện thoại 24/7\r\nBK-SO,"Lê Văn Đức, Kỹ sư",Chuyên viên an toàn thông tin,0235 3900 222\r\n`;
    const file = await readImportFile({ bytes: Buffer.from(csv, 'utf8') });
    expect(file.format).toBe('csv');
    expect(file.rows[0]).toMatchObject({ entity: 'contacts', row: 2, cells: { personName: 'Lê Văn Đức, Kỹ sư' } });
    const r = await commitImport(env.platform.db, sys(), file, 'vi');
    expect(r.summary).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0, errors: [] });
    const again = await commitImport(env.platform.db, sys(), file, 'vi');
    expect(again.summary.unchanged).toBe(1);
  });

  it('localises row errors and leaves out the sheet for CSV', async () => {
    const csv = 'Mã đơn vị,Tên đơn vị,Loại đơn vị\nX-2,Đơn vị X,ngân hàng\n';
    const { summary } = await run(Buffer.from(csv));
    expect(summary.errors).toEqual([
      {
        row: 2,
        message:
          'Column "Loại đơn vị": "ngân hàng" is not allowed; use one of: coordinator, member, locality, police, isp, security-company, national-coordinator, other.',
      },
    ]);
    const file = await readImportFile({ bytes: Buffer.from(csv) });
    const vi = await dryRunImport(env.platform.db, sys(), file, 'vi');
    expect(vi.errors[0]?.message).toContain('không hợp lệ');
  });
});

describe('network ranges, domains and ASNs', () => {
  const HEAD = ['Mã đơn vị', 'Dải địa chỉ (CIDR)', 'Tên miền', 'Gồm tên miền con', 'Số hiệu mạng (ASN)', 'Ghi chú'];

  it('imports normalised entries once, and refuses malformed ones per row', async () => {
    const bad = await xlsx([
      {
        name: 'Dải mạng',
        rows: [
          HEAD,
          ['BK-SO', '203.0.113.7/24', '', '', '', ''],
          ['BK-SO', '203.0.113.0/24', 'bk.example', '', '', ''],
          ['BK-SO', '', 'bad..example', '', '', ''],
          ['NOBODY', '198.51.100.0/24', '', '', '', ''],
        ],
      },
    ]);
    const { summary } = await run(bad);
    expect(summary.errors.map((e) => e.row)).toEqual([2, 3, 4, 5]);
    expect(summary.errors[0]?.message).toContain('203.0.113.0/24');
    const good = await xlsx([
      {
        name: 'Networks',
        rows: [
          HEAD,
          ['BK-SO', '2001:DB8:10::/48', '', '', '', 'IPv6'],
          ['BK-SO', '', 'BK.Example.', 'không', '', ''],
          ['BK-SO', '', '', '', 'AS64500', ''],
        ],
      },
    ]);
    expect((await run(good, { commit: true })).summary).toMatchObject({ created: 3, errors: [] });
    const stored = await env.platform.pool.query(
      `SELECT r.cidr::text AS cidr, d.domain, d.include_subdomains FROM network_ranges r, organisation_domains d WHERE r.note = 'IPv6' AND d.domain = 'bk.example'`,
    );
    expect(stored.rows).toEqual([{ cidr: '2001:db8:10::/48', domain: 'bk.example', include_subdomains: false }]);
    expect((await run(good, { commit: true })).summary).toMatchObject({ created: 0, unchanged: 3 });
  });
});

describe('files that are not spreadsheets', () => {
  async function refusal(source: { bytes: Buffer } | { path: string }) {
    const err = await readImportFile(source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }

  it('refuses a 50 MB file before reading it', async () => {
    const file = path.join(os.tmpdir(), `canhgac-big-${process.pid}.csv`);
    const handle = await fs.open(file, 'w');
    await handle.truncate(50 * 1024 * 1024);
    await handle.close();
    try {
      const err = await refusal({ path: file });
      expect(err.status).toBe(413);
      expect(err.code).toBe('import_file_too_large');
    } finally {
      await fs.rm(file);
    }
  });

  it('refuses a file past the row cap, whole', async () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => `CAP-${i},Đơn vị ${i},member`).join('\r\n');
    const err = await refusal({ bytes: Buffer.from(`Mã đơn vị,Tên đơn vị,Loại đơn vị\r\n${rows}\r\n`) });
    expect(err.code).toBe('import_too_many_rows');
  });

  it('refuses binary, legacy-encoded and corrupt files with a clear code', async () => {
    expect((await refusal({ bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]) })).code).toBe(
      'import_not_spreadsheet',
    );
    expect((await refusal({ bytes: Buffer.from('Mã đơn vị,Tên\n', 'latin1') })).code).toBe('import_not_spreadsheet');
    const good = await workbook('1');
    expect((await refusal({ bytes: good.subarray(0, good.length / 2) })).code).toBe('import_corrupt_file');
    expect((await refusal({ bytes: await xlsx([{ name: 'Sheet1', rows: [['a']] }]) })).code).toBe('import_no_sheets');
  });
});

describe('export', () => {
  it('escapes cells spreadsheets would evaluate, and an export imports back unchanged', async () => {
    const evil = '=HYPERLINK("http://evil.example","bấm")';
    await run(
      await xlsx([{ name: 'Đơn vị', rows: [ORG_HEAD.slice(0, 4), ['INJ-1', evil, '+84 hotline', 'member']] }]),
      { commit: true },
    );
    const sheets = await exportRegistry(env.platform.db, undefined, [
      'organisations',
      'contacts',
      'systems',
      'components',
    ]);
    const orgCsv = writeRegistryCsv(sheets[0] ?? { entity: 'organisations', rows: [] }).toString('utf8');
    expect(orgCsv.startsWith('\uFEFFMã đơn vị,')).toBe(true);
    expect(orgCsv).toContain(`INJ-1,"'=HYPERLINK(""http://evil.example"",""bấm"")",'+84 hotline`);
    expect(orgCsv).not.toMatch(/,=/);

    const book = await writeRegistryXlsx(sheets);
    const wb = await loadBook(book);
    const cells = wb.getWorksheet('Đơn vị')?.getColumn(2).values ?? [];
    expect(cells).toContain(`'${evil}`);

    const before = await snapshot();
    const back = await run(book, { commit: true });
    expect(back.summary.errors).toEqual([]);
    expect(back.summary.created + back.summary.updated).toBe(0);
    expect(back.summary.unchanged).toBe(back.summary.rows);
    const csvBack = await run(Buffer.from(orgCsv, 'utf8'), { commit: true });
    expect(csvBack.summary).toMatchObject({ created: 0, updated: 0, errors: [] });
    const after = await snapshot();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it('the template lists every sheet with its headers, and its demo rows import cleanly', async () => {
    const template = await writeRegistryTemplate();
    const wb = await loadBook(template);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Đơn vị',
      'Đầu mối',
      'Hệ thống',
      'Thành phần',
      'Dải mạng',
      'Hướng dẫn',
    ]);
    expect(wb.getWorksheet('Hệ thống')?.getRow(1).values).toEqual([
      undefined,
      ...sheetOf('systems').columns.map((c) => c.vi),
    ]);
    expect(wb.getWorksheet('Đơn vị')?.getCell('E2').dataValidation?.type).toBe('list');
    const file = await readImportFile({ bytes: template });
    expect(file.rows.map((r) => r.entity)).toEqual(['organisations', 'contacts', 'systems', 'components', 'networks']);
    expect(await dryRunImport(env.platform.db, sys(), file, 'en')).toEqual({
      rows: 5,
      created: 5,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
  });
});

describe('who may import what', () => {
  async function actor(roles: Role[], organisationId: string): Promise<Ctx> {
    const u = await makeUser(env.platform, organisationId, roles);
    return {
      actor: { kind: 'user', principal: { userId: u.id, username: u.username, organisationId, roles, via: 'session' } },
      clock: env.platform.clock,
    };
  }

  it('a member-lead imports its own organisation’s systems and contacts, nothing else', async () => {
    const own = await makeOrg(env.platform);
    const other = await makeOrg(env.platform);
    const lead = await actor(['member-lead'], own.id);
    const bytes = await xlsx([
      { name: 'Đơn vị', rows: [ORG_HEAD.slice(0, 4), ['LEAD-NEW', 'Đơn vị mới', null, 'member']] },
      {
        name: 'Đầu mối',
        rows: [
          ['Mã đơn vị', 'Họ và tên'],
          [own.code, 'Người A'],
          [other.code, 'Người B'],
        ],
      },
      {
        name: 'Hệ thống',
        rows: [
          SYS_HEAD,
          ['LEAD-SYS', 'Hệ thống của tôi', own.code, '', '', 'internal', ''],
          ['LEAD-FOREIGN', 'Của người khác', other.code, '', '', 'internal', ''],
        ],
      },
    ]);
    const { summary } = await run(bytes, { ctx: lead });
    expect(summary.errors.map((e) => `${e.sheet}:${e.row}`)).toEqual(['Đơn vị:2', 'Đầu mối:3', 'Hệ thống:3']);
    expect(summary.errors.every((e) => e.message.startsWith('You may not import this row'))).toBe(true);
    const clean = await xlsx([
      {
        name: 'Đầu mối',
        rows: [
          ['Mã đơn vị', 'Họ và tên'],
          [own.code, 'Người A'],
        ],
      },
      { name: 'Hệ thống', rows: [SYS_HEAD, ['LEAD-SYS', 'Hệ thống của tôi', own.code, '', '', 'internal', '']] },
      {
        name: 'Thành phần',
        rows: [
          ['Mã hệ thống', 'Địa chỉ IP'],
          ['LEAD-SYS', '2001:DB8:0:0::10'],
        ],
      },
    ]);
    const done = await run(clean, { ctx: lead, commit: true });
    expect(done.summary).toMatchObject({ created: 3, errors: [] });
    const ip = await env.platform.pool.query(
      `SELECT host(c.ip) AS ip FROM system_components c JOIN information_systems s ON s.id = c.system_id WHERE s.code = 'LEAD-SYS'`,
    );
    expect(ip.rows).toEqual([{ ip: '2001:db8::10' }]);
  });
});

describe('plans from arbitrary sheets (property)', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      'BK-SO',
      'BK-PORTAL',
      'member',
      'có',
      'x',
      '3',
      '9',
      '2022-02-30',
      '01/02/2022',
      '203.0.113.0/24',
      '2001:db8::/129',
      'cpe:2.3:a:*',
      'AS1',
      '',
    ),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  it('any rows under any template sheet give a summary, never a crash, and write nothing', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENTITY_SHEETS),
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 8 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7]),
        async (sheet, rows, columns) => {
          const headers = columns.map((i) => sheet.columns[i]?.vi ?? 'Cột lạ');
          const bytes = await xlsx([{ name: sheet.vi, rows: [headers, ...rows] }]);
          const r = await run(bytes);
          expect(r.summary.rows).toBeLessThanOrEqual(rows.length);
          if (r.summary.errors.length > 0) expect(r.summary.created + r.summary.updated).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
