import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { login, type Session } from '../../../../test/http.ts';

let env: TestEnv;
let coordinator: Session;
let member: Session;
let org: { id: string; code: string };

beforeAll(async () => {
  env = await testEnv();
  org = await makeOrg(env.platform, 'coordinator');
  const c = await makeUser(env.platform, org.id, ['coordinator']);
  const m = await makeUser(env.platform, org.id, ['member']);
  coordinator = await login(env.app, c.username, c.password);
  member = await login(env.app, m.username, m.password);
});
afterAll(async () => {
  await env?.close();
});

function form(name: string, bytes: Buffer | string): FormData {
  const f = new FormData();
  f.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  return f;
}

function send(
  s: Session,
  method: 'GET' | 'POST',
  url: string,
  payload?: FormData | string,
  headers: Record<string, string> = {},
) {
  return env.app.inject({
    method,
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': 'en', ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
}

async function book(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đơn vị');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEAD = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị'];

describe('registry import over HTTP', () => {
  it('a dry run with a bad row gives the row error and no token; nothing is written', async () => {
    const res = await send(
      coordinator,
      'POST',
      '/api/registry/import',
      form('don-vi.xlsx', await book([HEAD, ['HTTP-1', 'Đơn vị một', 'member'], ['HTTP-2', '', 'member']])),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fileName: 'don-vi.xlsx',
      token: null,
      summary: {
        rows: 2,
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: [{ sheet: 'Đơn vị', row: 3, message: 'Column "Tên đơn vị" must not be empty.' }],
      },
    });
    const n = await env.platform.pool.query(`SELECT count(*)::int AS n FROM organisations WHERE code LIKE 'HTTP-%'`);
    expect(n.rows[0]?.n).toBe(0);
  });

  it('a clean dry run hands a token; the commit writes, and the token works once', async () => {
    const bytes = await book([HEAD, ['HTTP-1', 'Đơn vị một', 'member'], ['HTTP-2', 'Đơn vị hai', 'isp']]);
    const dry = await send(coordinator, 'POST', '/api/registry/import', form('don-vi.xlsx', bytes));
    const { token, summary } = dry.json();
    expect(summary).toMatchObject({ rows: 2, errors: [] });
    expect(token).toMatch(/^[\w-]{40,}$/);
    const commit = await send(coordinator, 'POST', `/api/registry/import/${token}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toEqual({
      committed: true,
      summary: { rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] },
    });
    const again = await send(coordinator, 'POST', `/api/registry/import/${token}/commit`);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('import_plan_not_found');
  });

  it('another user cannot commit someone else’s plan', async () => {
    const other = await makeUser(env.platform, org.id, ['coordinator']);
    const s = await login(env.app, other.username, other.password);
    const dry = await send(
      coordinator,
      'POST',
      '/api/registry/import',
      form('x.csv', 'Mã đơn vị,Tên đơn vị,Loại đơn vị\r\nHTTP-3,Ba,member\r\n'),
    );
    const { token } = dry.json();
    expect((await send(s, 'POST', `/api/registry/import/${token}/commit`)).statusCode).toBe(410);
    expect((await send(coordinator, 'POST', `/api/registry/import/${token}/commit`)).json().summary.created).toBe(1);
  });

  it('re-validates at commit: a plan that went stale is refused whole', async () => {
    const csv = 'Mã đơn vị,Họ và tên\r\nHTTP-GONE,Người A\r\n';
    await send(
      coordinator,
      'POST',
      '/api/registry/import',
      form('o.csv', 'Mã đơn vị,Tên đơn vị,Loại đơn vị\r\nHTTP-GONE,X,member\r\n'),
    ).then((r) => send(coordinator, 'POST', `/api/registry/import/${r.json().token}/commit`));
    const dry = await send(coordinator, 'POST', '/api/registry/import', form('c.csv', csv));
    const { token } = dry.json();
    expect(token).not.toBeNull();
    await env.platform.pool.query(`UPDATE organisations SET code = 'HTTP-RENAMED' WHERE code = 'HTTP-GONE'`);
    const commit = await send(coordinator, 'POST', `/api/registry/import/${token}/commit`);
    expect(commit.json()).toMatchObject({ committed: false, summary: { errors: [{ row: 2 }] } });
    const n = await env.platform.pool.query(
      `SELECT count(*)::int AS n FROM contact_points WHERE person_name = 'Người A'`,
    );
    expect(n.rows[0]?.n).toBe(0);
  });

  it('refuses members, non-multipart bodies, missing files, oversize and non-spreadsheet files', async () => {
    expect((await send(member, 'POST', '/api/registry/import', form('x.csv', 'a,b\n'))).statusCode).toBe(403);
    expect((await send(member, 'GET', '/api/registry/template')).statusCode).toBe(403);
    const json = await send(coordinator, 'POST', '/api/registry/import', '{}', { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(415);
    expect((await send(coordinator, 'POST', '/api/registry/import', new FormData())).json().error.code).toBe(
      'import_no_file',
    );
    const big = await send(
      coordinator,
      'POST',
      '/api/registry/import',
      form('big.csv', Buffer.alloc(21 * 1024 * 1024, 0x41)),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('The file is larger than 20 MB; split it into smaller files.');
    const png = await send(
      coordinator,
      'POST',
      '/api/registry/import',
      form('x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1])),
    );
    expect(png.statusCode).toBe(400);
    expect(png.json().error.code).toBe('import_not_spreadsheet');
  });
});

describe('template and export downloads', () => {
  it('the template is an XLSX attachment', async () => {
    const res = await send(coordinator, 'GET', '/api/registry/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('exports CSV escaped, scoped to what the caller sees', async () => {
    await env.platform.pool.query(`UPDATE organisations SET name = '@SUM(A1)' WHERE code = 'HTTP-1'`);
    const all = await send(coordinator, 'GET', '/api/registry/export?format=csv&entity=organisations');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(`HTTP-1,'@SUM(A1),`);
    const own = await send(member, 'GET', '/api/registry/export?format=csv&entity=organisations');
    const lines = own.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.startsWith(`${org.code},`)).toBe(true);
    expect((await send(member, 'GET', '/api/registry/export?format=csv')).statusCode).toBe(400);
  });
});
