import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { systemCtx } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { BlobStore } from './blob-store.ts';
import { safeFileName, storeFile } from './commands/store-file.ts';

let root: string;
let store: BlobStore;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-blobs-'));
  store = new BlobStore(root);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const leftovers = async () => (await fs.readdir(path.join(root, 'tmp')).catch(() => [])).length;

describe('content-addressed blob store', () => {
  it('stores by SHA-256, once per content, and reads back the same bytes', async () => {
    const body = 'Báo cáo sự cố: máy chủ cổng thông tin điện tử bị thay đổi giao diện.\n';
    const a = await store.put(Readable.from([Buffer.from(body)]), 1024);
    const b = await store.put(Readable.from([Buffer.from(body.slice(0, 10)), Buffer.from(body.slice(10))]), 1024);
    expect(a.sha256).toBe(sha(body));
    expect(b.sha256).toBe(a.sha256);
    expect(store.pathOf(a.sha256)).toBe(
      path.join(root, 'sha256', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256),
    );
    expect(await text(store.open(a.sha256))).toBe(body);
    expect(await leftovers()).toBe(0);
  });

  it('refuses a file over the cap and an empty one, keeping nothing', async () => {
    const big = Buffer.alloc(5000, 7);
    const err = await store.put(Readable.from([big]), 4096).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('file_too_large');
    expect(await store.has(sha(big))).toBe(false);
    const empty = await store.put(Readable.from([]), 4096).catch((e: unknown) => e);
    expect((empty as AppError).code).toBe('file_empty');
    expect(await leftovers()).toBe(0);
  });

  it('a staged blob is in the store only once committed; a discarded one leaves nothing', async () => {
    const kept = Buffer.from('Biên bản ghi nhận chứng cứ số 12');
    const staged = await store.stage(Readable.from([kept]), 1024);
    expect(staged.sha256).toBe(sha(kept));
    expect(await store.has(staged.sha256)).toBe(false);
    await staged.commit();
    await staged.discard();
    expect(await store.has(staged.sha256)).toBe(true);
    await expect(staged.commit()).rejects.toThrow();
    const dropped = Buffer.from('Bản nháp không giữ lại');
    const draft = await store.stage(Readable.from([dropped]), 1024);
    await draft.discard();
    expect(await store.has(sha(dropped))).toBe(false);
    expect(await leftovers()).toBe(0);
  });

  it('concurrent writers of the same content (two instances) end with one intact blob', async () => {
    const other = new BlobStore(root);
    const body = Buffer.from('x'.repeat(200_000));
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => store.put(Readable.from([body]), 1_000_000)),
      ...Array.from({ length: 4 }, () => other.put(Readable.from([body]), 1_000_000)),
    ]);
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(body)]));
    expect(sha(await fs.readFile(store.pathOf(sha(body))))).toBe(sha(body));
  });

  it('any bytes round-trip and hash as SHA-256 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 2000 }), { minLength: 1, maxLength: 5 }),
        async (chunks) => {
          const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
          const stored = await store.put(Readable.from(chunks.map((c) => Buffer.from(c))), 1_000_000);
          expect(stored.sha256).toBe(sha(all));
          expect(stored.size).toBe(all.length);
          expect(Buffer.compare(await fs.readFile(store.pathOf(stored.sha256)), all)).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('file names are reduced to a safe base name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\nhật ký "máy chủ".log')).toBe('nhật ký máy chủ.log');
    expect(safeFileName('\u0000\u0007')).toBe('file');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const safe = safeFileName(name);
        expect(safe.length).toBeGreaterThan(0);
        expect(/[\\/"\p{Cc}]/u.test(safe)).toBe(false);
      }),
    );
  });
});

describe('storing a file', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(() => env.close());

  it('records name, sniffed type, size and hash, audited; the content decides the type', async () => {
    const org = await makeOrg(env.platform);
    const png = await fs.readFile(path.join(import.meta.dirname, '../../../docs/screenshot.png'));
    const ctx = systemCtx('system:test', env.clock);
    const row = await storeFile(env.platform.db, ctx, store, {
      stream: Readable.from([png]),
      name: 'anh-chup-man-hinh.txt',
      organisationId: org.id,
    });
    expect(row).toMatchObject({
      name: 'anh-chup-man-hinh.txt',
      mediaType: 'image/png',
      size: png.length,
      sha256: sha(png),
    });
    const textRow = await storeFile(env.platform.db, ctx, store, {
      stream: Readable.from([Buffer.from('2026-11-24 10:00:01 203.0.113.9 GET /wp-login.php\n')]),
      name: 'access.log',
      organisationId: org.id,
    });
    expect(textRow.mediaType).toBe('text/plain');
    const audit = await env.platform.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'file.store'");
    expect(audit.rows[0].n).toBe(2);
  });

  it('an oversize upload writes no record', async () => {
    const before = (await env.platform.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n;
    await expect(
      storeFile(env.platform.db, systemCtx('system:test', env.clock), store, {
        stream: Readable.from([Buffer.alloc(2048, 1)]),
        name: 'big.bin',
        organisationId: null,
        maxBytes: 1024,
      }),
    ).rejects.toThrow();
    expect((await env.platform.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n).toBe(before);
  });
});
