import { type Column, columnOfHeader, type EntitySheet, type RegistryEntity, sheetOf } from './entities.ts';
import { unescapeCell } from './escape.ts';

/** A problem the user can fix, as a message code (localised by the caller) and its parameters. */
export type SheetIssue = { code: SheetIssueCode; params?: Record<string, string | number> };
export type SheetIssueCode =
  | 'import_formula'
  | 'import_cell_error'
  | 'import_unknown_column'
  | 'import_duplicate_column'
  | 'import_missing_column'
  | 'import_cell_too_long';

export type SheetRow = {
  /** sheet name as written (XLSX) or the entity's Vietnamese sheet name (CSV) */
  sheet: string;
  entity: RegistryEntity;
  /** spreadsheet row number: the header is row 1 */
  row: number;
  cells: Record<string, string>;
  issues: SheetIssue[];
};

/** Problems with a whole sheet (its header), reported against row 1. */
export type SheetProblem = { sheet: string; row: number; issue: SheetIssue };

export type ParsedSheets = { rows: SheetRow[]; problems: SheetProblem[] };

/** A file that cannot be read at all: nothing is planned from it. */
export class SheetFileError extends Error {
  readonly code: SheetFileErrorCode;
  readonly params: Record<string, string | number>;
  constructor(code: SheetFileErrorCode, params: Record<string, string | number> = {}) {
    super(code);
    this.code = code;
    this.params = params;
  }
}
export type SheetFileErrorCode =
  | 'import_file_too_large'
  | 'import_too_many_rows'
  | 'import_not_spreadsheet'
  | 'import_corrupt_file'
  | 'import_no_sheets'
  | 'import_unknown_entity'
  | 'import_ambiguous_entity';

export const LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 20_000, maxColumns: 100, maxCell: 32_767 };

export type HeaderMap = { columns: (Column | undefined)[]; problems: SheetIssue[] };

/** Maps header cells to the entity's columns; unknown, repeated or missing required ones are problems. */
export function mapHeader(sheet: EntitySheet, headers: string[]): HeaderMap {
  const problems: SheetIssue[] = [];
  const seen = new Set<string>();
  const columns = headers.map((h) => {
    if (!h.trim()) return undefined;
    const col = columnOfHeader(sheet, h);
    if (!col) {
      problems.push({ code: 'import_unknown_column', params: { column: h.slice(0, 100) } });
      return undefined;
    }
    if (seen.has(col.key)) {
      problems.push({ code: 'import_duplicate_column', params: { column: h.slice(0, 100) } });
      return undefined;
    }
    seen.add(col.key);
    return col;
  });
  for (const c of sheet.columns) {
    if (c.required && !seen.has(c.key)) problems.push({ code: 'import_missing_column', params: { column: c.vi } });
  }
  return { columns, problems };
}

/** Builds a row from its cells; a row whose cells are all empty is no row (returns undefined). */
export function rowOf(
  entity: RegistryEntity,
  sheetName: string,
  rowNumber: number,
  header: HeaderMap,
  values: { text: string; issue?: SheetIssue }[],
): SheetRow | undefined {
  const cells: Record<string, string> = {};
  const issues: SheetIssue[] = [];
  let any = false;
  // Every column of the header is in `cells` ('' when empty): a present empty column clears a
  // value on update, a missing column leaves it alone.
  for (const col of header.columns) if (col) cells[col.key] = '';
  values.forEach((v, i) => {
    const col = header.columns[i];
    const text = unescapeCell(v.text.trim());
    if (text || v.issue) any = true;
    if (!col) return;
    if (v.issue) issues.push({ code: v.issue.code, params: { column: col.vi, ...v.issue.params } });
    if (text.length > LIMITS.maxCell) {
      issues.push({ code: 'import_cell_too_long', params: { column: col.vi } });
      return;
    }
    cells[col.key] = text;
  });
  if (!any) return undefined;
  return { sheet: sheetName, entity, row: rowNumber, cells, issues };
}

/** The entity a CSV header names: every required column present, the most columns recognised. */
export function entityOfHeaders(headers: string[]): RegistryEntity {
  let best: { entity: RegistryEntity; score: number } | undefined;
  let tie = false;
  for (const entity of ['organisations', 'contacts', 'systems', 'components', 'networks'] as const) {
    const map = mapHeader(sheetOf(entity), headers);
    if (map.problems.some((p) => p.code === 'import_missing_column')) continue;
    const score = map.columns.filter(Boolean).length - map.problems.length;
    if (!best || score > best.score) {
      best = { entity, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  if (!best || best.score <= 0) throw new SheetFileError('import_unknown_entity');
  if (tie) throw new SheetFileError('import_ambiguous_entity');
  return best.entity;
}
