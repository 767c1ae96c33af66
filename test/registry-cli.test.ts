import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/db/database.ts';
import { freshDatabase } from './harness.ts';
import { type CliRun, runCli } from './run-cli.ts';

/**
 * `canhgac registry import|export|template` as real subprocesses: the summary on stdout, exit 1
 * with nothing written when a row is invalid, 2 for usage errors.
 */

let db: Awaited<ReturnType<typeof freshDatabase>>;
let dir: string;
let pool: pg.Pool;

const cli = (args: string[]): Promise<CliRun> =>
  runCli(args, { DATABASE_URL: db.url, CANHGAC_SECRET: 'r'.repeat(40), CANHGAC_DATA_DIR: dir });

const at = (name: string) => path.join(dir, name);

async function count(table: string): Promise<number> {
  const r = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0]?.n ?? -1;
}

async function workbook(file: string, orgRows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đơn vị');
  ws.addRow(['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị']);
  for (const r of orgRows) ws.addRow(r);
  const sys = wb.addWorksheet('Hệ thống');
  sys.addRow(['Mã hệ thống', 'Tên hệ thống', 'Mã đơn vị chủ quản', 'Loại hệ thống', 'Cấp độ']);
  sys.addRow(['CLI-PORTAL', 'Cổng thông tin thử', 'CLI-SO', 'citizen-services', 3]);
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  db = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-registry-cli-'));
  pool = createPool(db.url, 2);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('canhgac registry', () => {
  it('template writes the XLSX template', async () => {
    const run = await cli(['registry', 'template', at('mau.xlsx')]);
    expect(run.code).toBe(0);
    expect((await fs.readFile(at('mau.xlsx'))).subarray(0, 2).toString()).toBe('PK');
  });

  it('import with an invalid row prints the summary, writes nothing and exits 1', async () => {
    await workbook(at('bad.xlsx'), [
      ['CLI-SO', 'Sở Thử nghiệm', 'member'],
      ['CLI-X', 'Đơn vị X', 'ngân hàng'],
    ]);
    const before = await count('organisations');
    const run = await cli(['registry', 'import', at('bad.xlsx'), '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [
        {
          sheet: 'Đơn vị',
          row: 3,
          message:
            'Column "Loại đơn vị": "ngân hàng" is not allowed; use one of: coordinator, member, locality, police, isp, security-company, national-coordinator, other.',
        },
      ],
    });
    expect(await count('organisations')).toBe(before);
  });

  it('--dry-run validates a clean file and writes nothing; the import then writes it once', async () => {
    await workbook(at('good.xlsx'), [['CLI-SO', 'Sở Thử nghiệm', 'member']]);
    const dry = await cli(['registry', 'import', at('good.xlsx'), '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await count('information_systems')).toBe(0);
    const run = await cli(['registry', 'import', at('good.xlsx'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ created: 2, errors: [] });
    const again = await cli(['registry', 'import', at('good.xlsx')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('2 rows, 0 created, 0 updated, 2 unchanged, 0 errors\n');
    const audit = await pool.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'registry.import'`);
    expect(audit.rows.map((r) => r.actor)).toEqual(['system:cli', 'system:cli']);
  });

  it('export writes CSV in the import format, which imports back unchanged', async () => {
    const run = await cli(['registry', 'export', at('systems.csv'), '--entity', 'systems']);
    expect(run.code).toBe(0);
    const csv = await fs.readFile(at('systems.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFMã hệ thống,Tên hệ thống,')).toBe(true);
    expect(csv).toContain('CLI-PORTAL,Cổng thông tin thử');
    const back = await cli(['registry', 'import', at('systems.csv'), '--json']);
    expect(JSON.parse(back.stdout)).toEqual({ rows: 1, created: 0, updated: 0, unchanged: 1, errors: [] });
  });

  it('usage errors exit 2; unreadable and oversize files exit 1 with one error line', async () => {
    expect((await cli(['registry', 'import'])).code).toBe(2);
    expect((await cli(['registry', 'import', at('good.xlsx'), '--entity', 'nope'])).code).toBe(2);
    expect((await cli(['registry', 'export', at('x.csv')])).code).toBe(2);
    const missing = await cli(['registry', 'import', at('missing.xlsx')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: cannot read .*missing\.xlsx\n$/);
    const handle = await fs.open(at('big.csv'), 'w');
    await handle.truncate(50 * 1024 * 1024);
    await handle.close();
    const big = await cli(['registry', 'import', at('big.csv'), '--json']);
    expect(big.code).toBe(1);
    expect(big.stdout).toBe('');
    expect(big.stderr).toBe('error: The file is larger than 20 MB; split it into smaller files.\n');
  });
});
