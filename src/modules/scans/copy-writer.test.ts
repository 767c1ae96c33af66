import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness.ts';
import { createPool } from '../../db/database.ts';
import { CopyWriter, copyArray, copyValue } from './copy-writer.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: ReturnType<typeof createPool>;

beforeAll(async () => {
  db = await freshDatabase();
  pool = createPool(db.url, 1);
});

afterAll(async () => {
  await pool.end();
  await db.drop();
});

const char = fc.constantFrom(
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '"',
  ',',
  '{',
  '}',
  'N',
  ' ',
  'a',
  'ư',
  'Đ',
  '😀',
  '\u0001',
  '\b',
);
const text = fc.string({ unit: char, maxLength: 30 });

describe('COPY text encoding', () => {
  it('round-trips any text and text[] through PostgreSQL (NUL, which text cannot hold, dropped)', async () => {
    const client = await pool.connect();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.option(text, { nil: null }), fc.array(text, { maxLength: 4 })), { maxLength: 20 }),
          async (rows) => {
            await client.query('BEGIN');
            try {
              await client.query('CREATE TEMP TABLE t (n int, v text, a text[]) ON COMMIT DROP');
              const w = new CopyWriter(client, 'COPY t FROM STDIN');
              for (const [i, [v, a]] of rows.entries()) await w.row([String(i), copyValue(v), copyArray(a)]);
              await w.end();
              const { rows: back } = await client.query<{ v: string | null; a: string[] }>(
                'SELECT v, a FROM t ORDER BY n',
              );
              const noNul = (s: string) => s.replaceAll('\u0000', '');
              expect(back).toEqual(rows.map(([v, a]) => ({ v: v === null ? null : noNul(v), a: a.map(noNul) })));
            } finally {
              await client.query('ROLLBACK');
            }
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      client.release();
    }
  });

  it('abort leaves the connection usable', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE u (v text) ON COMMIT DROP');
      const w = new CopyWriter(client, 'COPY u FROM STDIN');
      await w.row([copyValue('x')]);
      await w.abort(new Error('parser failed'));
      await client.query('ROLLBACK');
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      client.release();
    }
  });
});
