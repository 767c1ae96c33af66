import type { Queryable } from '../../../db/database.ts';
import type { RegistryEntity } from '../../../formats/registry-sheet/entities.ts';
import type { SheetRow } from '../../../formats/registry-sheet/sheet-rows.ts';
import { hasRole } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import type { MessageCode } from '../../../platform/messages.ts';
import type { CommandScope } from '../../audit/command.ts';
import type { organisations } from '../tables.ts';
import type { PlanIssue, Values } from './coerce.ts';

/** Ids of organisations and systems by code: the database's, plus those the import creates. */
export type Refs = { orgIds: Map<string, string>; systemIds: Map<string, string> };

export type PlannedRow = {
  entity: RegistryEntity;
  sheet: string;
  row: number;
  op: 'create' | 'update' | 'unchanged';
  apply?: (scope: CommandScope, refs: Refs) => Promise<void>;
};

export type OrgRow = typeof organisations.$inferSelect;
export type TypedRow = { source: SheetRow; values: Values };

/** What every entity planner shares: the database, the importer, the issues, the file's codes. */
export type PlanContext = {
  q: Queryable;
  /** undefined for the CLI (a system actor: everything allowed) */
  principal?: Principal;
  issues: PlanIssue[];
  orgsByCode: Map<string, OrgRow>;
  /** organisation codes the file creates or updates (valid rows only) */
  fileOrgCodes: Set<string>;
  /** systems the file creates or updates: code → owner/operator organisation codes */
  fileSystems: Map<string, { owner: string; operator: string | null }>;
};

export function issue(
  ctx: PlanContext,
  row: SheetRow,
  code: MessageCode,
  params?: Record<string, string | number>,
): void {
  ctx.issues.push({ sheet: row.sheet, row: row.row, code, params });
}

export function managesRegistry(p: Principal | undefined): boolean {
  return !p || hasRole(p, 'admin', 'coordinator');
}

export function orgExists(ctx: PlanContext, code: string): boolean {
  return ctx.fileOrgCodes.has(code) || ctx.orgsByCode.has(code);
}

/** Reports every row after the first with the same key; returns the rows to keep. */
export function dropDuplicates(
  ctx: PlanContext,
  rows: TypedRow[],
  keyOf: (r: TypedRow) => string,
  shown: (r: TypedRow) => string,
) {
  const first = new Map<string, number>();
  const kept: TypedRow[] = [];
  for (const r of rows) {
    const key = keyOf(r);
    const seen = first.get(key);
    if (seen !== undefined) {
      issue(ctx, r.source, 'import_duplicate_row', { other: seen, key: shown(r) });
      continue;
    }
    first.set(key, r.source.row);
    kept.push(r);
  }
  return kept;
}

/** JSON with sorted keys: jsonb hands objects back in its own key order. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Fields of `input` that differ from `current` (compared as JSON values). */
export function changedFields<T extends Record<string, unknown>>(
  input: T,
  current: Record<string, unknown>,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (canonical(v) !== canonical(current[k])) out[k] = v;
  }
  return out as Partial<T>;
}
