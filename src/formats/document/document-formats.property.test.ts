import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docxParagraphs } from '../../../test/office-files.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import type { Block, CellValue, DocumentModel } from './model.ts';
import { xmlSafe } from './text.ts';
import { renderXlsx } from './xlsx.ts';

/** Text as users and imports produce it: Vietnamese, XML's special characters, controls, any code unit. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(...'ĐđăâêôơưẠạẢảẤấẦầỆệỘộỨứỰựỹỸ<>&"\'\u0000\u0007\u000b\u001f\ud800\udc00\uffff\r\n\t ]]>'),
    maxLength: 40,
  }),
  fc.constantFrom('Độc lập - Tự do - Hạnh phúc', '</w:t><w:p>', ']]><!--', '&amp;&#0;', '=SUM(A1)'),
);

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true, min: new Date('1900-03-01'), max: new Date('2999-12-31') }).map((d) => ({
    date: d.toISOString().slice(0, 10),
  })),
  fc.date({ noInvalidDate: true, min: new Date('1900-03-01'), max: new Date('2999-12-31') }).map((d) => ({
    dateTime: d.toISOString(),
  })),
  text.map((t) => ({ date: t })),
  text.map((t) => ({ dateTime: t })),
);

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('paragraph' as const), text, bold: fc.boolean(), bullet: fc.boolean() }),
  fc.integer({ min: 0, max: 4 }).chain((width) =>
    fc.record({
      type: fc.constant('table' as const),
      caption: fc.option(text, { nil: undefined }),
      columns: fc.array(fc.record({ header: text }), { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cell, { minLength: 0, maxLength: width + 1 }), { maxLength: 4 }),
    }),
  ),
);

const model: fc.Arbitrary<DocumentModel> = fc.record({
  parentOrganisation: fc.option(text, { nil: null }),
  organisation: text,
  number: fc.option(text, { nil: null }),
  place: fc.option(text, { nil: null }),
  date: fc.oneof(fc.constant('2026-03-05'), text),
  kindLabel: fc.option(text, { nil: null }),
  title: text,
  sections: fc.array(
    fc.record({ heading: fc.option(text, { nil: undefined }), blocks: fc.array(block, { maxLength: 3 }) }),
    {
      maxLength: 3,
    },
  ),
  signature: fc.record({ authority: fc.option(text, { nil: null }), position: text, name: text }),
  recipients: fc.array(text, { maxLength: 3 }),
});

const printed = xmlSafe;

describe('any document model renders (property)', () => {
  it('to a DOCX whose XML parts are all well-formed and which carries the title', async () => {
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const paragraphs = docxParagraphs(await renderDocx(m));
        expect(paragraphs).toContain(printed(m.kindLabel === null ? `V/v ${m.title}` : m.title));
        expect(paragraphs).toContain(printed(m.signature.name));
      }),
      { numRuns: 60 },
    );
  });

  it('to an XLSX that Excel’s reader (exceljs) opens, with the title and one sheet per table', async () => {
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await renderXlsx(m)) as unknown as ArrayBuffer);
        const tables = m.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'table').length;
        expect(wb.worksheets.length).toBe(1 + tables);
        const titles: unknown[] = [];
        wb.worksheets[0]?.eachRow((row) => {
          if (row.getCell(1).value === 'Trích yếu') titles.push(row.getCell(2).value ?? '');
        });
        expect(titles).toEqual([xmlSafe(m.title)]);
      }),
      { numRuns: 60 },
    );
  });

  it('to HTML with no markup from the text', () => {
    fc.assert(
      fc.property(model, (m) => {
        const html = renderHtml({ ...m, title: `${m.title}<script>x</script>` });
        expect(html).not.toContain('<script>');
      }),
      { numRuns: 100 },
    );
  });
});
