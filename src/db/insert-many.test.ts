import { sql } from 'drizzle-orm';
import { bigint, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testPlatform } from '../../test/harness.ts';
import type { Platform } from '../platform/platform.ts';
import { insertMany } from './insert-many.ts';

const sample = pgTable('insert_many_sample', {
  id: uuid('id').primaryKey().defaultRandom(),
  label: text('label').notNull(),
  note: text('note'),
  tags: text('tags').array().notNull(),
  owners: uuid('owners').array(),
  data: jsonb('data').$type<unknown>().notNull(),
  flag: boolean('flag').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  n: integer('n'),
  big: bigint('big', { mode: 'number' }),
  status: text('status').notNull().default('new'),
});

let db: Awaited<ReturnType<typeof freshDatabase>>;
let platform: Platform;

beforeAll(async () => {
  db = await freshDatabase();
  platform = testPlatform(db.url);
  await platform.pool.query(`CREATE TABLE insert_many_sample (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text NOT NULL UNIQUE, note text, tags text[] NOT NULL,
    owners uuid[], data jsonb NOT NULL, flag boolean NOT NULL, at timestamptz NOT NULL, n integer, big bigint,
    status text NOT NULL DEFAULT 'new')`);
});

afterAll(async () => {
  await platform?.pool.end();
  await db?.drop();
});

// Text PostgreSQL can hold: any Unicode except NUL; quotes, backslashes, braces, commas, "NULL" included.
const pgText = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('', 'NULL', 'null', '"', '\\', '{}', '{a,b}', ',', ' lead', 'trail ', 'Tiếng Việt', '\\"{,}'),
  )
  .map((s) => s.replace(/\u0000/g, ''));
// An object at the top (drizzle reads a top-level JSON string back as its parsed value, whoever wrote it).
const json = fc
  .dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 })
  .filter((v) => !JSON.stringify(v).includes('\\u0000'));

const row = fc.record({
  note: fc.option(pgText, { nil: null }),
  tags: fc.array(pgText, { maxLength: 5 }),
  owners: fc.option(fc.array(fc.uuid(), { maxLength: 3 }), { nil: null }),
  data: json,
  flag: fc.boolean(),
  at: fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
  n: fc.option(fc.integer(), { nil: null }),
  big: fc.option(fc.maxSafeInteger(), { nil: null }),
});

let serial = 0;

describe('insertMany (one array parameter per column)', () => {
  it('stores and returns every value exactly as a one-row drizzle insert would (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), async (rows) => {
        const input = rows.map((r) => ({ ...r, label: `row-${serial++}` }));
        const returned = await insertMany(platform.db, sample, input);
        expect(returned).toHaveLength(input.length);
        const stored = await platform.db
          .select()
          .from(sample)
          .where(sql`${sample.label} = ANY (${sql.param(input.map((r) => r.label))}::text[])`);
        for (const want of input) {
          for (const got of [
            returned.find((r) => r.label === want.label),
            stored.find((r) => r.label === want.label),
          ]) {
            expect(got).toMatchObject({ ...want, status: 'new' });
            expect(got?.id).toMatch(/^[0-9a-f-]{36}$/);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('skips conflicting rows with onConflictDoNothing and returns only those inserted', async () => {
    const base = { tags: [], data: {}, flag: true, at: new Date('2026-01-01T00:00:00Z') };
    await insertMany(platform.db, sample, [{ ...base, label: 'dup-a' }]);
    const out = await insertMany(
      platform.db,
      sample,
      [
        { ...base, label: 'dup-a' },
        { ...base, label: 'dup-b' },
      ],
      { onConflictDoNothing: true },
    );
    expect(out.map((r) => r.label)).toEqual(['dup-b']);
    expect(await insertMany(platform.db, sample, [{ ...base, label: 'dup-c' }], { returning: false })).toEqual([]);
  });

  it('refuses rows that set different columns (a column would silently lose its default)', async () => {
    const base = { tags: [], data: {}, flag: true, at: new Date() };
    await expect(
      insertMany(platform.db, sample, [
        { ...base, label: 'shape-1' },
        { ...base, label: 'shape-2', status: 'old' },
      ]),
    ).rejects.toThrow(/rows differ/);
    expect(await insertMany(platform.db, sample, [])).toEqual([]);
  });
});
