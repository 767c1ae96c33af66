import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { entityOfSheetName, sheetOf } from './entities.ts';
import {
  type HeaderMap,
  LIMITS,
  mapHeader,
  type ParsedSheets,
  rowOf,
  SheetFileError,
  type SheetIssue,
} from './sheet-rows.ts';

type Cell = { text: string; issue?: SheetIssue };

function isoDay(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * One cell as text. Formulas are never evaluated, and their cached results are not trusted either:
 * the cell is a row error asking for plain values (a spreadsheet is a plan the user approves whole,
 * and a cached result can differ from what the user sees after a recalculation).
 */
export function cellText(value: unknown): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '' };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: isoDay(value) };
  if (typeof value !== 'object') return { text: '' };
  if ('formula' in value || 'sharedFormula' in value) return { text: '', issue: { code: 'import_formula' } };
  if ('error' in value) return { text: '', issue: { code: 'import_cell_error' } };
  if ('richText' in value && Array.isArray(value.richText)) {
    return { text: value.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join('') };
  }
  if ('text' in value) return cellText(value.text);
  return { text: '' };
}

function cellsOf(values: unknown): Cell[] {
  // exceljs rows are 1-based arrays (index 0 unused), sparse where cells are empty.
  if (!Array.isArray(values)) return [];
  const out: Cell[] = [];
  for (let i = 1; i < Math.min(values.length, LIMITS.maxColumns + 1); i++) out.push(cellText(values[i]));
  return out;
}

/**
 * Streams an XLSX workbook: sheets named for an entity (Vietnamese or English name) are read, others
 * (notes, lists) skipped. Header on row 1. Stops with a file error past the row cap.
 */
export async function readXlsx(input: Readable): Promise<ParsedSheets> {
  const out: ParsedSheets = { rows: [], problems: [] };
  let sheets = 0;
  let total = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  try {
    for await (const ws of reader) {
      const name = String((ws as unknown as { name?: unknown }).name ?? '');
      const entity = entityOfSheetName(name);
      if (!entity) {
        // still drain it: the zip entry must be consumed before the next one arrives
        for await (const _row of ws) void _row;
        continue;
      }
      sheets++;
      let header: HeaderMap | undefined;
      for await (const row of ws) {
        const cells = cellsOf(row.values);
        if (!header) {
          if (cells.every((c) => !c.text.trim())) continue;
          header = mapHeader(
            sheetOf(entity),
            cells.map((c) => c.text),
          );
          for (const issue of header.problems) out.problems.push({ sheet: name, row: row.number, issue });
          continue;
        }
        const parsed = rowOf(entity, name, row.number, header, cells);
        if (!parsed) continue;
        if (++total > LIMITS.maxRows) throw new SheetFileError('import_too_many_rows', { max: LIMITS.maxRows });
        out.rows.push(parsed);
      }
    }
  } catch (err) {
    if (err instanceof SheetFileError) throw err;
    throw new SheetFileError('import_corrupt_file', { detail: err instanceof Error ? err.message.slice(0, 200) : '' });
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new SheetFileError('import_no_sheets');
  return out;
}
