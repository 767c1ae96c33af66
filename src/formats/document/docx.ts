import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, CellValue, DocumentModel, TableBlock } from './model.ts';
import {
  cellText,
  cleanModel,
  columnWidths,
  legalDateLine,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  numberLine,
  upper,
} from './text.ts';

/** Decree 30/2020, Appendix I: A4, Times New Roman, margins 20–25 / 30–35 / 15–20 mm. */
const FONT = 'Times New Roman';
/** Rounded, not floored: A4 comes out as Word's own 11906 × 16838 twips. */
const convertMillimetersToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 };
const TEXT_WIDTH = convertMillimetersToTwip(PAGE.width - PAGE.left - PAGE.right);
const pt = (points: number) => points * 2; // docx sizes are half-points

type RunStyle = { bold?: boolean; italic?: boolean; size?: number };

function run(text: string, style: RunStyle = {}) {
  return new TextRun({ text, font: FONT, bold: style.bold, italics: style.italic, size: pt(style.size ?? 14) });
}

/** Line breaks inside a text become separate runs with a break, so "\n" prints as a new line. */
function runs(text: string, style: RunStyle = {}) {
  return text.split(/\r\n|\r|\n/).map((line, i) =>
    i === 0
      ? run(line, style)
      : new TextRun({
          text: line,
          break: 1,
          font: FONT,
          bold: style.bold,
          italics: style.italic,
          size: pt(style.size ?? 14),
        }),
  );
}

function centered(text: string, style: RunStyle = {}, after = 0) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: runs(text, style) });
}

/** The short rule under the organisation name and the motto (a third to a half of the line). */
function rule(indentMm: number) {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 120 },
    indent: { left: convertMillimetersToTwip(indentMm), right: convertMillimetersToTwip(indentMm) },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

function plainCell(children: (Paragraph | Table)[], widthTwips: number) {
  return new TableCell({
    borders: TableBorders.NONE,
    width: { size: widthTwips, type: WidthType.DXA },
    children,
  });
}

function layoutTable(left: (Paragraph | Table)[], right: (Paragraph | Table)[], leftShare: number) {
  const leftWidth = Math.round(TEXT_WIDTH * leftShare);
  return new Table({
    borders: TableBorders.NONE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    layout: TableLayoutType.FIXED,
    rows: [new TableRow({ children: [plainCell(left, leftWidth), plainCell(right, TEXT_WIDTH - leftWidth)] })],
  });
}

function header(model: DocumentModel) {
  const left: Paragraph[] = [];
  if (model.parentOrganisation) left.push(centered(upper(model.parentOrganisation), { size: 13 }));
  left.push(centered(upper(model.organisation), { bold: true, size: 13 }));
  left.push(rule(22));
  left.push(
    new Paragraph({
      spacing: { before: 120 },
      alignment: AlignmentType.CENTER,
      children: [run(numberLine(model), { size: 13 })],
    }),
  );
  if (model.kindLabel === null) left.push(centered(`V/v ${model.title}`, { size: 12 }));
  const right = [
    centered(NATIONAL_NAME, { bold: true, size: 13 }),
    centered(NATIONAL_MOTTO, { bold: true, size: 14 }),
    rule(20),
    new Paragraph({
      spacing: { before: 120 },
      alignment: AlignmentType.CENTER,
      children: [run(legalDateLine(model.date, model.place), { italic: true, size: 14 })],
    }),
  ];
  return layoutTable(left, right, 0.42);
}

function draftMark() {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    children: [run('DỰ THẢO', { bold: true, size: 12 })],
  });
}

function titleBlock(model: DocumentModel): Paragraph[] {
  if (model.kindLabel === null) return [new Paragraph({ spacing: { after: 240 }, children: [] })];
  return [
    new Paragraph({ spacing: { before: 360 }, children: [] }),
    centered(upper(model.kindLabel), { bold: true, size: 14 }),
    centered(model.title, { bold: true, size: 14 }, 240),
  ];
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function defaultAlign(value: CellValue): keyof typeof ALIGN {
  return typeof value === 'number' ? 'right' : typeof value === 'object' && value !== null ? 'center' : 'left';
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function dataTable(table: TableBlock) {
  const weights = columnWidths(table);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => Math.max(400, Math.floor((TEXT_WIDTH * w) / total)));
  const cell = (text: string, width: number, opts: { bold?: boolean; align: keyof typeof ALIGN; shade?: boolean }) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      shading: opts.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' } : undefined,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: [new Paragraph({ alignment: ALIGN[opts.align], children: runs(text, { bold: opts.bold, size: 12 }) })],
    });
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((c, i) =>
      cell(c.header, widths[i] ?? 400, { bold: true, align: 'center', shade: true }),
    ),
  });
  const body = table.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: table.columns.map((c, i) => {
          const value = row[i] ?? null;
          return cell(cellText(value), widths[i] ?? 400, { align: c.align ?? defaultAlign(value) });
        }),
      }),
  );
  const blocks: (Paragraph | Table)[] = [];
  if (table.caption)
    blocks.push(
      new Paragraph({ spacing: { before: 120, after: 60 }, children: runs(table.caption, { italic: true, size: 13 }) }),
    );
  if (table.columns.length === 0) return blocks;
  blocks.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
      rows: [head, ...body],
    }),
  );
  blocks.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  return blocks;
}

function block(b: Block): (Paragraph | Table)[] {
  if (b.type === 'table') return dataTable(b);
  return [
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: { before: 60, after: 60, line: 312 },
      indent: { firstLine: convertMillimetersToTwip(10) },
      children: runs(`${b.bullet ? '- ' : ''}${b.text}`, { bold: b.bold, italic: b.italic }),
    }),
  ];
}

function signatureBlock(model: DocumentModel) {
  const left: Paragraph[] = [];
  if (model.recipients?.length) {
    left.push(new Paragraph({ children: [run('Nơi nhận:', { bold: true, italic: true, size: 12 })] }));
    for (const r of model.recipients) left.push(new Paragraph({ children: runs(`- ${r};`, { size: 11 }) }));
  }
  if (left.length === 0) left.push(new Paragraph({ children: [] }));
  const s = model.signature;
  const right: Paragraph[] = [];
  if (s.authority) right.push(centered(upper(s.authority), { bold: true, size: 14 }));
  right.push(centered(upper(s.position), { bold: true, size: 14 }));
  for (let i = 0; i < 4; i++) right.push(new Paragraph({ children: [] }));
  right.push(centered(s.name, { bold: true, size: 14 }));
  return layoutTable(left, right, 0.5);
}

/** A DOCX of the model in the Decree 30 layout. */
export async function renderDocx(input: DocumentModel): Promise<Buffer> {
  const model = cleanModel(input);
  const children: (Paragraph | Table)[] = [];
  if (model.number === null) children.push(draftMark());
  children.push(header(model), ...titleBlock(model));
  for (const section of model.sections) {
    if (section.heading) {
      children.push(
        new Paragraph({
          spacing: { before: 120, after: 60 },
          indent: { firstLine: convertMillimetersToTwip(10) },
          keepNext: true,
          children: runs(section.heading, { bold: true }),
        }),
      );
    }
    for (const b of section.blocks) children.push(...block(b));
  }
  children.push(new Paragraph({ spacing: { before: 240 }, children: [] }), signatureBlock(model));
  const doc = new Document({
    creator: 'CanhGac',
    title: model.title,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          // Decree 30: page numbers centred in the top margin, not on the first page.
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(PAGE.width), height: convertMillimetersToTwip(PAGE.height) },
            margin: {
              top: convertMillimetersToTwip(PAGE.top),
              bottom: convertMillimetersToTwip(PAGE.bottom),
              left: convertMillimetersToTwip(PAGE.left),
              right: convertMillimetersToTwip(PAGE.right),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
