import ExcelJS from 'exceljs';
import type { CellValue, DocumentModel, TableBlock } from './model.ts';
import {
  cleanModel,
  columnWidths,
  isDateCell,
  isDateTimeCell,
  legalDateLine,
  parseDay,
  upper,
  vietnamParts,
} from './text.ts';

const FONT = 'Times New Roman';
const EXCEL_CELL_MAX = 32_767;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

type Excel = { value: ExcelJS.CellValue; numFmt?: string };

/**
 * Excel has no time zones: a calendar date is written as that day at 00:00, an instant as its
 * wall-clock time in Vietnam, both as real dates (sortable, filterable) with a Vietnamese format.
 */
function excelValue(value: CellValue): Excel {
  if (value === null) return { value: null };
  if (typeof value === 'string') return { value: value.slice(0, EXCEL_CELL_MAX) };
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : null };
  if (typeof value === 'boolean') return { value };
  if (isDateCell(value)) {
    const p = parseDay(value.date);
    return p ? { value: new Date(Date.UTC(p.y, p.m - 1, p.d)), numFmt: 'dd/mm/yyyy' } : { value: value.date };
  }
  if (isDateTimeCell(value)) {
    const at = new Date(value.dateTime);
    if (Number.isNaN(at.getTime())) return { value: value.dateTime.slice(0, EXCEL_CELL_MAX) };
    const p = vietnamParts(at);
    return { value: new Date(Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm)), numFmt: 'dd/mm/yyyy hh:mm' };
  }
  return { value: null };
}

/** Worksheet names: at most 31 characters, none of \ / ? * [ ] :, no ' at either end, unique regardless of case. */
function sheetNamer() {
  const used = new Set<string>();
  return (wanted: string, fallback: string) => {
    const trimmed = (t: string) => t.replace(/^['\s]+|['\s]+$/g, '');
    const base = trimmed(trimmed(wanted.replace(/[\\/?*[\]:]/g, ' ')).slice(0, 31)) || fallback;
    let name = base || fallback;
    for (let i = 2; used.has(name.toLocaleLowerCase('vi')); i++) {
      const suffix = ` (${i})`;
      name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    }
    used.add(name.toLocaleLowerCase('vi'));
    return name;
  };
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { name: FONT, bold: true, size: 12 };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
}

function addRow(ws: ExcelJS.Worksheet, values: CellValue[]) {
  const converted = values.map(excelValue);
  const row = ws.addRow(converted.map((c) => c.value));
  row.font = { name: FONT, size: 12 };
  converted.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.numFmt) cell.numFmt = c.numFmt;
    cell.border = THIN;
    cell.alignment = { vertical: 'top', wrapText: typeof c.value === 'string' };
  });
}

function addTableSheet(wb: ExcelJS.Workbook, name: string, table: TableBlock) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = columnWidths(table);
  ws.columns = table.columns.map((c, i) => ({ header: c.header.slice(0, EXCEL_CELL_MAX), width: widths[i] ?? 12 }));
  styleHeader(ws.getRow(1));
  for (const row of table.rows)
    addRow(
      ws,
      table.columns.map((_, i) => row[i] ?? null),
    );
}

/**
 * An XLSX of the model: a first sheet with the document's particulars and its text, then one sheet
 * per table — header row styled and frozen, column widths from the content, dates as dates.
 */
export async function renderXlsx(input: DocumentModel): Promise<Buffer> {
  const model = cleanModel(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CanhGac';
  wb.title = model.title.slice(0, 255);
  const day = parseDay(model.date);
  if (day) wb.created = wb.modified = new Date(Date.UTC(day.y, day.m - 1, day.d));
  const nameOf = sheetNamer();

  const info = wb.addWorksheet(nameOf('Văn bản', 'Văn bản'), { views: [{ state: 'frozen', ySplit: 1 }] });
  info.columns = [
    { header: 'Mục', width: 24 },
    { header: 'Nội dung', width: 90 },
  ];
  styleHeader(info.getRow(1));
  const facts: [string, CellValue][] = [
    ['Cơ quan chủ quản', model.parentOrganisation ?? null],
    ['Cơ quan ban hành', model.organisation],
    ['Số, ký hiệu', model.number ?? 'DỰ THẢO'],
    ['Ngày ban hành', day ? { date: model.date } : model.date],
    ['Địa danh, ngày', legalDateLine(model.date, model.place)],
    ['Loại văn bản', model.kindLabel ? upper(model.kindLabel) : 'Công văn'],
    ['Trích yếu', model.title],
    [
      'Người ký',
      [model.signature.authority, model.signature.position, model.signature.name].filter(Boolean).join(' — '),
    ],
  ];
  if (model.recipients?.length) facts.push(['Nơi nhận', model.recipients.join('\n')]);
  for (const fact of facts) addRow(info, fact);
  for (const section of model.sections) {
    const paragraphs = section.blocks.filter((b) => b.type === 'paragraph');
    if (!section.heading && paragraphs.length === 0) continue;
    addRow(info, [section.heading ?? '', paragraphs.map((p) => `${p.bullet ? '- ' : ''}${p.text}`).join('\n')]);
  }

  let n = 0;
  for (const section of model.sections) {
    for (const b of section.blocks) {
      if (b.type !== 'table') continue;
      n++;
      addTableSheet(wb, nameOf(b.caption ?? '', `Bảng ${n}`), b);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
