import { type Column, foldHeader, sheetOf } from '../../../formats/registry-sheet/entities.ts';
import type { SheetRow } from '../../../formats/registry-sheet/sheet-rows.ts';
import type { MessageCode } from '../../../platform/messages.ts';

export type PlanIssue = { sheet: string; row: number; code: MessageCode; params?: Record<string, string | number> };
export type Value = string | number | boolean | null;
/** Typed cell values of the columns the sheet has; `null` = present but empty. */
export type Values = Record<string, Value>;

const TRUE = new Set(['co', 'x', 'yes', 'y', 'true', '1', 'dung']);
const FALSE = new Set(['khong', 'no', 'n', 'false', '0', 'sai']);
const CODE = /^[A-Z0-9][A-Z0-9._-]*$/;
const LINE_CONTROL = /\p{Cc}/u;
const PROSE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function isoDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vn = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y || !m || !d) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d))
    return undefined;
  return date.toISOString().slice(0, 10);
}

function coerceCell(
  col: Column,
  text: string,
): { value: Value } | { code: MessageCode; params?: Record<string, string | number> } {
  if (text === '') return col.required ? { code: 'import_required' } : { value: null };
  const shown = text.slice(0, 80);
  switch (col.type) {
    case 'code': {
      const code = text.toUpperCase();
      const max = col.max ?? 40;
      return CODE.test(code) && code.length <= max
        ? { value: code }
        : { code: 'import_bad_code', params: { value: shown, max } };
    }
    case 'enum': {
      const f = foldHeader(text);
      const values = col.values ?? [];
      const i = values.findIndex((v, j) => foldHeader(v) === f || foldHeader(col.labels?.[j] ?? '') === f);
      const found = values[i];
      return found !== undefined
        ? { value: found }
        : { code: 'import_bad_enum', params: { value: shown, values: values.join(', ') } };
    }
    case 'bool': {
      const f = foldHeader(text);
      if (TRUE.has(f)) return { value: true };
      if (FALSE.has(f)) return { value: false };
      return { code: 'import_bad_bool', params: { value: shown } };
    }
    case 'int': {
      const n = Number(text);
      return /^\d+$/.test(text) && n >= 1 && n <= 5
        ? { value: n }
        : { code: 'import_bad_level', params: { value: shown } };
    }
    case 'date': {
      const d = isoDate(text);
      return d ? { value: d } : { code: 'import_bad_date', params: { value: shown } };
    }
    default: {
      const max = col.max ?? 300;
      if (text.length > max) return { code: 'import_too_long', params: { max } };
      const multiline = max > 300;
      if ((multiline ? PROSE_CONTROL : LINE_CONTROL).test(text)) return { code: 'import_control_chars' };
      return { value: text };
    }
  }
}

/** Turns a sheet row into typed values; problems become issues (the row is then not planned). */
export function coerceRow(row: SheetRow, issues: PlanIssue[]): Values | undefined {
  const sheet = sheetOf(row.entity);
  let ok = row.issues.length === 0;
  for (const i of row.issues) issues.push({ sheet: row.sheet, row: row.row, code: i.code, params: i.params });
  const values: Values = {};
  for (const col of sheet.columns) {
    const text = row.cells[col.key];
    if (text === undefined || row.issues.some((i) => i.params?.column === col.vi)) continue;
    const r = coerceCell(col, text);
    if ('value' in r) {
      values[col.key] = r.value;
      continue;
    }
    ok = false;
    issues.push({ sheet: row.sheet, row: row.row, code: r.code, params: { column: col.vi, ...r.params } });
  }
  return ok ? values : undefined;
}

/** Helpers for reading typed values by key. */
export const str = (v: Values, k: string): string | null | undefined => {
  const x = v[k];
  return x === undefined ? undefined : x === null ? null : String(x);
};
export const bool = (v: Values, k: string): boolean | undefined => {
  const x = v[k];
  return typeof x === 'boolean' ? x : undefined;
};
