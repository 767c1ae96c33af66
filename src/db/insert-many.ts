import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './database.ts';

type Options = {
  onConflictDoNothing?: boolean;
  /** false: no RETURNING (answers []) */
  returning?: boolean;
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The column's driver value as text (drizzle writes arrays as PostgreSQL array literals already). */
function toText(column: Column, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const driver = column.mapToDriverValue(value);
  if (driver === null || driver === undefined) return null;
  if (driver instanceof Date) return driver.toISOString();
  if (typeof driver === 'string') return driver;
  if (typeof driver === 'object') return JSON.stringify(driver);
  return String(driver);
}

/**
 * INSERT of many rows as one statement with one array parameter per column (`unnest`), RETURNING
 * every inserted row: the statement's text and parameter count do not grow with the rows, so the
 * cost of building, sending and planning it stays small (the group commit of the intake API writes
 * hundreds of rows per statement). Every row must set the same columns; a column a row leaves
 * undefined takes its `$defaultFn` value or fails.
 */
export async function insertMany<T extends PgTable>(
  q: Queryable,
  table: T,
  rows: readonly T['$inferInsert'][],
  opts: Options = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const result = await q.execute<Record<string, unknown>>(insertManySql(table, rows, opts));
  return result.rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [key, c] of columns) {
      const v = r[c.name];
      out[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
    }
    return out as T['$inferSelect'];
  });
}

/** The statement of insertMany (rows not empty), to run as part of a larger one (e.g. after a WITH). */
export function insertManySql<T extends PgTable>(
  table: T,
  rows: readonly T['$inferInsert'][],
  opts: Options = {},
): SQL {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const first = rows[0] as Record<string, unknown>;
  const used = columns.filter(([key, c]) => first[key] !== undefined || c.defaultFn);
  const params: (string | null)[][] = used.map(() => []);
  for (const row of rows as Record<string, unknown>[]) {
    for (const [i, [key, c]] of used.entries()) {
      let v = row[key];
      if (v === undefined) {
        if (!c.defaultFn) throw new Error(`insertMany(${getTableName(table)}): rows differ in column ${key}`);
        v = c.defaultFn();
      }
      (params[i] as (string | null)[]).push(toText(c, v));
    }
  }
  const usedKeys = new Set(used.map(([key]) => key));
  for (const row of rows as Record<string, unknown>[])
    for (const [key, c] of columns)
      if (row[key] !== undefined && !usedKeys.has(key))
        throw new Error(`insertMany(${getTableName(table)}): rows differ in column ${c.name}`);

  const names = used.map(([, c]) => quote(c.name)).join(', ');
  const selects = used.map(([, c], i) => sql.raw(`u.c${i}::${c.getSQLType()}`));
  const unnest = used.map((_, i) => sql`${sql.param(params[i])}::text[]`);
  const aliases = used.map((_, i) => `c${i}`).join(', ');
  return sql`INSERT INTO ${sql.raw(quote(getTableName(table)))} (${sql.raw(names)}) SELECT ${sql.join(selects, sql`, `)} FROM unnest(${sql.join(unnest, sql`, `)}) AS u(${sql.raw(aliases)})${sql.raw(opts.onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '')}${sql.raw(opts.returning === false ? '' : ' RETURNING *')}`;
}
