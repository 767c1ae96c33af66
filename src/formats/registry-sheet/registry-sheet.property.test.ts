import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITY_SHEETS, sheetOf } from './entities.ts';
import { escapeCell, unescapeCell } from './escape.ts';
import { readRegistrySheets } from './read.ts';
import { type ParsedSheets, SheetFileError } from './sheet-rows.ts';
import { writeRegistryCsv, writeRegistryXlsx } from './write.ts';

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'ĐđăâêôơưẠạỹ,;"\'\r\n\t =+-@'), maxLength: 30 }),
  fc.constantFrom('=SUM(A1)', '+84 235', '-1', '@x', "'=x", 'có', 'không', '2022-02-30', '203.0.113.0/24'),
);
const header = fc.oneof(fc.constantFrom(...ENTITY_SHEETS.flatMap((s) => s.columns.flatMap((c) => [c.vi, c.en]))), text);
const grid = fc.array(fc.array(text, { maxLength: 8 }), { maxLength: 12 });

/** Either rows or a clean file error: nothing else may escape the reader. */
async function readSafely(bytes: Buffer): Promise<ParsedSheets | SheetFileError> {
  try {
    return await readRegistrySheets({ bytes });
  } catch (err) {
    expect(err).toBeInstanceOf(SheetFileError);
    return err as SheetFileError;
  }
}

async function xlsxOf(sheetName: string, headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('registry sheet reader (property)', () => {
  it('random headers and cells in a workbook: rows or a clean error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENTITY_SHEETS.map((s) => s.vi), 'Organisations', 'Trang 1'),
        fc.array(header, { minLength: 1, maxLength: 8 }),
        grid,
        async (name, headers, rows) => {
          const safeName = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'x';
          const result = await readSafely(await xlsxOf(safeName, headers, rows));
          if (result instanceof SheetFileError) return;
          for (const r of result.rows) expect(r.row).toBeGreaterThan(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random CSV text: rows or a clean error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(header, { minLength: 1, maxLength: 6 }),
        grid,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        async (headers, rows, sep, eol) => {
          const csv = [headers, ...rows].map((r) => r.join(sep)).join(eol);
          await readSafely(Buffer.from(csv, 'utf8'));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('mutated and truncated files: rows or a clean error', async () => {
    const sheet = sheetOf('organisations');
    const good = await writeRegistryXlsx([
      { entity: 'organisations', rows: [{ code: 'A', name: 'Đơn vị', kind: 'member' }] },
    ]);
    const csv = writeRegistryCsv({
      entity: 'organisations',
      rows: [{ code: 'A', name: 'Đơn vị "x", y', kind: 'member' }],
    });
    expect(sheet.columns.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(good, csv),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (original, flips, cut) => {
          const bytes = Buffer.from(original);
          for (const [at, v] of flips) bytes[at % bytes.length] = v;
          await readSafely(cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('escaping: anything a spreadsheet would evaluate leaves with an apostrophe and comes back as it was', () => {
    fc.assert(
      fc.property(text, (t) => {
        const e = escapeCell(t);
        expect(/^[=+\-@\t\r]/.test(e)).toBe(false);
        expect(unescapeCell(e)).toBe(t.startsWith("'") && /^[=+\-@\t\r]/.test(t.slice(1)) ? t.slice(1) : t);
      }),
    );
  });

  it('export then read gives the same cells back (CSV and XLSX)', async () => {
    const cols = sheetOf('contacts').columns;
    // What a cell can hold: no XML-forbidden controls, line ends as LF (XML reads CR as LF), trimmed.
    const value = text.map((t) =>
      t
        .replace(/\r\n?/g, '\n')
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
        .trim(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 5 }), async (rows) => {
        const data = rows
          .map(([a, b, c]) => ({ organisation: a || 'X', personName: b || 'Y', personRole: c }))
          .filter(
            (r) => !r.organisation.startsWith("'") && !r.personName.startsWith("'") && !r.personRole.startsWith("'"),
          );
        if (data.length === 0) return;
        for (const bytes of [
          writeRegistryCsv({ entity: 'contacts', rows: data }),
          await writeRegistryXlsx([{ entity: 'contacts', rows: data }]),
        ]) {
          const parsed = await readRegistrySheets({ bytes });
          expect(parsed.problems).toEqual([]);
          const back = parsed.rows.map((r) => ({
            organisation: r.cells.organisation,
            personName: r.cells.personName,
            personRole: r.cells.personRole,
          }));
          expect(back).toEqual(data);
        }
        expect(cols[0]?.key).toBe('organisation');
      }),
      { numRuns: 40 },
    );
  });
});
