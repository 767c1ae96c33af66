import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../test/factories.ts';
import { freshDatabase, testConfig, testPlatform } from '../../../test/harness.ts';
import { as, login, type Session } from '../../../test/http.ts';
import { TestClock } from '../../platform/clock.ts';
import type { Platform } from '../../platform/platform.ts';
import { buildApp } from '../../server/app.ts';
import { BlobStore } from './blob-store.ts';

const LIMIT = 1024 * 1024;
const VI_NAME = 'Báo cáo sự cố – nhật ký máy chủ (Đà Nẵng).log';

let app: FastifyInstance;
let platform: Platform;
let blobRoot: string;
let close: () => Promise<void>;
let orgId: string;
let uploader: Session;
let colleague: Session;
const sessions = new Map<string, Session>();

beforeAll(async () => {
  const database = await freshDatabase();
  blobRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-upload-'));
  const base = testPlatform(database.url, { clock: new TestClock() });
  // A small cap (the default is 100 MiB) and a blob directory of our own, to count what is left.
  platform = {
    ...base,
    config: testConfig({ databaseUrl: database.url, maxUploadBytes: LIMIT }),
    blobs: new BlobStore(blobRoot),
  };
  ({ app } = await buildApp(platform));
  await app.ready();
  close = async () => {
    await app.close();
    await platform.pool.end();
    await database.drop();
    await fs.rm(blobRoot, { recursive: true, force: true });
  };
  orgId = (await makeOrg(platform)).id;
  const u = await makeUser(platform, orgId, ['member']);
  uploader = await login(app, u.username, PASSWORD);
  const c = await makeUser(platform, orgId, ['member']);
  colleague = await login(app, c.username, PASSWORD);
  for (const role of ['admin', 'coordinator', 'responder', 'viewer', 'member-lead', 'partner'] as const) {
    const x = await makeUser(platform, orgId, [role]);
    sessions.set(role, await login(app, x.username, PASSWORD));
  }
});
afterAll(() => close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function form(...parts: [string, string | File][]): FormData {
  const fd = new FormData();
  for (const [name, value] of parts) fd.append(name, value);
  return fd;
}
const file = (bytes: Buffer, name = VI_NAME, type = 'application/octet-stream') =>
  new File([new Uint8Array(bytes)], name, { type });

/** Everything under the blob directory: stored blobs and staging leftovers. */
async function blobFiles(): Promise<string[]> {
  const entries = await fs.readdir(blobRoot, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
async function fileRows(): Promise<number> {
  return (await platform.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n;
}
async function auditCount(action: string): Promise<number> {
  return (await platform.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0].n;
}

describe('POST /api/files: one file, streamed into the blob store', () => {
  it('a real multipart upload with a Vietnamese name round-trips byte for byte (same SHA-256)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('2026-11-24 10:00:01 203.0.113.9 GET /wp-login.php\n'),
      randomBytes(300_000),
    ]);
    const stores = await auditCount('file.store');
    const res = await as(app, uploader)('POST', '/api/files', form(['file', file(bytes)]));
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json().item;
    expect(item).toMatchObject({ name: VI_NAME, size: bytes.length, sha256: sha(bytes), organisationId: orgId });
    expect(await auditCount('file.store')).toBe(stores + 1);

    const meta = await as(app, uploader)('GET', `/api/files/${item.id}`);
    expect(meta.statusCode).toBe(200);
    expect(meta.json().item).toEqual(item);

    const down = await as(app, uploader)('GET', `/api/files/${item.id}/content`);
    expect(down.statusCode).toBe(200);
    expect(sha(down.rawPayload)).toBe(sha(bytes));
    expect(down.headers['content-length']).toBe(String(bytes.length));
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="Bao cao su co _ nhat ky may chu (Da Nang).log"; filename*=UTF-8''${encodeURIComponent(VI_NAME).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(down.headers['x-content-type-options']).toBe('nosniff');
  });

  it('streams over a real socket too, and a download is audited only when asked (?audit=1)', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const bytes = randomBytes(LIMIT); // exactly the limit is allowed
    const headers = { cookie: uploader.cookie, 'x-csrf-token': uploader.csrf };
    const res = await fetch(`${address}/api/files`, {
      method: 'POST',
      headers,
      body: form(['upload', file(bytes, 'ảnh.bin')]),
    });
    expect(res.status).toBe(201);
    const { item } = (await res.json()) as { item: { id: string; sha256: string; name: string } };
    expect(item).toMatchObject({ sha256: sha(bytes), name: 'ảnh.bin' });
    const downloads = await auditCount('file.download');
    const plain = await fetch(`${address}/api/files/${item.id}/content`, { headers });
    expect(sha(Buffer.from(await plain.arrayBuffer()))).toBe(sha(bytes));
    expect(await auditCount('file.download')).toBe(downloads);
    const audited = await fetch(`${address}/api/files/${item.id}/content?audit=1`, { headers });
    expect(sha(Buffer.from(await audited.arrayBuffer()))).toBe(sha(bytes));
    expect(await auditCount('file.download')).toBe(downloads + 1);
  });

  it('oversize → 413 with a localised message; no blob, no row', async () => {
    const [blobs, rows] = [await blobFiles(), await fileRows()];
    const big = form(['file', file(randomBytes(LIMIT + 1))]);
    const res = await as(app, uploader)('POST', '/api/files', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({
      code: 'file_too_large',
      message: `The file is larger than the limit of ${LIMIT} bytes.`,
    });
    const vi = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { cookie: uploader.cookie, 'x-csrf-token': uploader.csrf, 'accept-language': 'vi' },
      payload: form(['file', file(randomBytes(3 * LIMIT))]),
    });
    expect(vi.statusCode).toBe(413);
    expect(vi.json().error.message).toBe(`Tệp vượt quá giới hạn ${LIMIT} byte.`);
    expect(await blobFiles()).toEqual(blobs);
    expect(await fileRows()).toBe(rows);
  });

  it('zero bytes, no file part, a second part, a body cut short: 400 with the reason; nothing kept', async () => {
    const [blobs, rows] = [await blobFiles(), await fileRows()];
    const post = (payload: FormData) => as(app, uploader)('POST', '/api/files', payload);
    const cases: [string, FormData, string][] = [
      ['zero-byte file', form(['file', file(Buffer.alloc(0))]), 'file_empty'],
      ['only a text field', form(['note', 'Không có tệp']), 'upload_no_file'],
      ['no parts at all', new FormData(), 'upload_no_file'],
      [
        'two files',
        form(['a', file(randomBytes(1000), 'một.bin')], ['b', file(randomBytes(1000), 'hai.bin')]),
        'upload_one_file',
      ],
      ['a file, then a field', form(['a', file(randomBytes(5000))], ['note', 'ghi chú']), 'upload_one_file'],
      ['a field, then a file', form(['note', 'ghi chú'], ['a', file(randomBytes(5000))]), 'upload_no_file'],
    ];
    for (const [what, payload, code] of cases) {
      const res = await post(payload);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toBe(code);
    }
    const boundary = 'cg-test-boundary';
    const cut = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: {
        cookie: uploader.cookie,
        'x-csrf-token': uploader.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dở dang.bin"\r\n\r\n`),
        randomBytes(20_000),
      ]),
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.code).toBe('upload_malformed');
    expect(await blobFiles()).toEqual(blobs);
    expect(await fileRows()).toBe(rows);
  });

  it('a JSON body is not an upload (415), and multipart stays refused on other routes', async () => {
    const json = await as(app, uploader)('POST', '/api/files', { name: 'x' });
    expect(json.statusCode).toBe(415);
    const elsewhere = await as(app, uploader)('PATCH', '/api/me', form(['locale', 'en']));
    expect(elsewhere.statusCode).toBe(415);
  });

  it('the API description names the routes and the multipart body', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/files', '/api/files/{id}', '/api/files/{id}/content']),
    );
    expect(JSON.stringify(doc.paths['/api/files'].post)).toContain('multipart/form-data');
  });
});

describe('who reads a stored file', () => {
  it('its uploader and admin/coordinator/responder; nobody else (404, as if it did not exist)', async () => {
    const res = await as(app, uploader)('POST', '/api/files', form(['file', file(Buffer.from('Nhật ký'), 'nk.txt')]));
    const id = res.json().item.id as string;
    const allowed = {
      admin: true,
      coordinator: true,
      responder: true,
      viewer: false,
      'member-lead': false,
      partner: false,
    };
    for (const [role, may] of Object.entries(allowed)) {
      const s = sessions.get(role) as Session;
      for (const url of [`/api/files/${id}`, `/api/files/${id}/content`]) {
        expect((await as(app, s)('GET', url)).statusCode, `${role} ${url}`).toBe(may ? 200 : 404);
      }
    }
    expect((await as(app, colleague)('GET', `/api/files/${id}`)).statusCode).toBe(404);
    expect((await as(app, uploader)('GET', `/api/files/${id}/content`)).body).toBe('Nhật ký');
    expect((await as(app, uploader)('GET', '/api/files/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
