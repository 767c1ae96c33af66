import type pg from 'pg';

/** The schemas our migrations own. pg-boss keeps its job state in `pgboss`, which is not backed up. */
export const BACKUP_SCHEMAS = ['public', 'canhgac_meta'] as const;

/** The migrator's own bookkeeping: the restore writes it by applying the migrations, never by loading rows. */
export const MIGRATIONS_TABLE = { schema: 'canhgac_meta', name: '__drizzle_migrations' } as const;

export type TableInfo = { schema: string; name: string; columns: string[] };
export type ForeignKey = {
  schema: string;
  table: string;
  name: string;
  refSchema: string;
  refTable: string;
  definition: string;
};
export type SequenceValue = { schema: string; name: string; value: number | null; isCalled: boolean };

type Client = pg.ClientBase;

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableKey(t: { schema: string; name: string }): string {
  return `${t.schema}.${t.name}`;
}

/**
 * Our tables (ordinary and partitioned parents, not partitions, not extension members), each with
 * its stored columns in order — generated columns are left out: PostgreSQL recomputes them.
 */
export async function listTables(client: Client): Promise<TableInfo[]> {
  const r = await client.query<{ schema: string; name: string; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      GROUP BY n.nspname, c.relname
      ORDER BY n.nspname, c.relname`,
    [BACKUP_SCHEMAS],
  );
  return r.rows.filter((t) => !(t.schema === MIGRATIONS_TABLE.schema && t.name === MIGRATIONS_TABLE.name));
}

/** Foreign keys between our tables, with the SQL that re-creates each. */
export async function listForeignKeys(client: Client): Promise<ForeignKey[]> {
  const r = await client.query<ForeignKey>(
    `SELECT n.nspname AS schema, c.relname AS "table", k.conname AS name,
            rn.nspname AS "refSchema", rc.relname AS "refTable", pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class rc ON rc.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE k.contype = 'f' AND n.nspname = ANY($1::text[]) AND k.conparentid = 0
      ORDER BY n.nspname, c.relname, k.conname`,
    [BACKUP_SCHEMAS],
  );
  return r.rows;
}

/** Tables with triggers of their own (not the internal ones behind constraints). */
export async function tablesWithUserTriggers(client: Client): Promise<Set<string>> {
  const r = await client.query<{ schema: string; name: string }>(
    `SELECT DISTINCT n.nspname AS schema, c.relname AS name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND n.nspname = ANY($1::text[])`,
    [BACKUP_SCHEMAS],
  );
  return new Set(r.rows.map(tableKey));
}

/** Every sequence of our schemas (identity and serial columns included) and where it stands. */
export async function listSequences(client: Client): Promise<SequenceValue[]> {
  const r = await client.query<{ schema: string; name: string; value: string | null }>(
    `SELECT schemaname AS schema, sequencename AS name, last_value::text AS value
       FROM pg_sequences WHERE schemaname = ANY($1::text[]) ORDER BY schemaname, sequencename`,
    [BACKUP_SCHEMAS],
  );
  return r.rows
    .filter((s) => !(s.schema === MIGRATIONS_TABLE.schema && s.name.startsWith(MIGRATIONS_TABLE.name)))
    .map((s) => ({
      schema: s.schema,
      name: s.name,
      value: s.value === null ? null : Number(s.value),
      isCalled: s.value !== null,
    }));
}

/**
 * Tables ordered so that a table comes after the tables it references (Kahn's algorithm, ties by
 * name). Self-references and cycles cannot be ordered away; the restore handles those links.
 */
export function orderByForeignKeys(tables: TableInfo[], fks: ForeignKey[]): TableInfo[] {
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  const needs = new Map<string, Set<string>>();
  for (const t of tables) needs.set(tableKey(t), new Set());
  for (const fk of fks) {
    const from = `${fk.schema}.${fk.table}`;
    const to = `${fk.refSchema}.${fk.refTable}`;
    if (from !== to && byKey.has(from) && byKey.has(to)) needs.get(from)?.add(to);
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.length) {
    const ready = [...needs.entries()]
      .filter(([k, deps]) => !placed.has(k) && [...deps].every((d) => placed.has(d)))
      .map(([k]) => k)
      .sort();
    // A cycle: take the first remaining table by name; its backward links are handled on restore.
    const next =
      ready[0] ??
      [...needs.keys()]
        .filter((k) => !placed.has(k))
        .sort()
        .at(0);
    if (next === undefined) break;
    placed.add(next);
    const table = byKey.get(next);
    if (table) ordered.push(table);
  }
  return ordered;
}
