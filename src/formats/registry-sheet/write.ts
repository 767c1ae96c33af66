import ExcelJS from 'exceljs';
import { ENTITY_SHEETS, type EntitySheet, type RegistryEntity, sheetOf } from './entities.ts';
import { escapeCell } from './escape.ts';

export type SheetData = { entity: RegistryEntity; rows: Record<string, string | null | undefined>[] };

const FONT = 'Times New Roman';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const VALIDATED_ROWS = 500;
function clean(text: string): string {
  // XML 1.0 cannot carry most control characters; keep tab, LF, CR.
  // XML reads a CR as a line end, so write one: the same text comes back from XLSX and CSV.
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .slice(0, 32_767);
}

function valuesOf(sheet: EntitySheet, row: Record<string, string | null | undefined>): string[] {
  return sheet.columns.map((c) => escapeCell(clean(row[c.key] ?? '')));
}

function addEntitySheet(wb: ExcelJS.Workbook, sheet: EntitySheet, rows: SheetData['rows'], validate: boolean) {
  const ws = wb.addWorksheet(sheet.vi, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: Math.min(45, Math.max(12, c.vi.length + 4)) }));
  const header = ws.addRow(sheet.columns.map((c) => c.vi));
  header.font = { name: FONT, bold: true };
  header.eachCell((cell, i) => {
    const col = sheet.columns[i - 1];
    cell.fill = col?.required ? REQUIRED_FILL : HEADER_FILL;
    cell.note = col ? `${col.en}${col.required ? ' (bắt buộc / required)' : ''}` : '';
  });
  for (const row of rows) ws.addRow(valuesOf(sheet, row)).font = { name: FONT };
  if (!validate) return;
  sheet.columns.forEach((c, i) => {
    const list = c.type === 'enum' ? (c.values ?? []).join(',') : c.type === 'bool' ? 'có,không' : undefined;
    if (!list) return;
    for (let r = 2; r <= VALIDATED_ROWS; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list}"`],
        showErrorMessage: true,
        errorTitle: 'Giá trị không hợp lệ',
        error: `Chọn một giá trị trong danh sách: ${list}`,
      };
    }
  });
}

const NOTES: string[][] = [
  ['Mẫu nhập danh bạ đơn vị, hệ thống và dải mạng — CanhGác'],
  [''],
  ['Mỗi trang tính là một loại dữ liệu; dòng 1 là tiêu đề cột (tiêu đề tiếng Anh cũng được chấp nhận).'],
  ['Cột tô màu cam là bắt buộc. Dòng ví dụ (dòng 2) cần được sửa hoặc xoá trước khi nhập.'],
  ['Nhập lại cùng một tệp không tạo bản ghi trùng: đơn vị và hệ thống được cập nhật theo mã.'],
  ['Tệp là một kế hoạch duyệt trọn gói: chỉ cần một dòng sai thì không dòng nào được ghi.'],
  ['Không dùng công thức: ô có công thức bị báo lỗi, chỉ nhập giá trị.'],
  ['Ngày ghi theo dạng YYYY-MM-DD hoặc dd/mm/yyyy; có/không cho các cột đúng/sai.'],
  ['Trang "Thành phần" nhận các cột system, cpe, vendor, product, version…; loại thành phần tự suy ra nếu để trống.'],
  ['Trang "Dải mạng": mỗi dòng một dải CIDR, một tên miền hoặc một ASN của đơn vị.'],
  [''],
  ['Trang', 'Cột', 'Tiếng Anh', 'Bắt buộc', 'Giá trị cho phép'],
];

function addNotes(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet('Hướng dẫn');
  ws.columns = [{ width: 14 }, { width: 34 }, { width: 24 }, { width: 10 }, { width: 70 }];
  for (const line of NOTES) ws.addRow(line);
  for (const sheet of ENTITY_SHEETS) {
    for (const c of sheet.columns) {
      const values = c.values
        ? c.values.map((v, i) => `${v} (${c.labels?.[i] ?? v})`).join('; ')
        : c.type === 'bool'
          ? 'có / không'
          : c.type === 'date'
            ? 'YYYY-MM-DD'
            : c.type === 'int'
              ? '1–5'
              : '';
      ws.addRow([sheet.vi, c.vi, c.en, c.required ? 'có' : '', values]);
    }
  }
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(NOTES.length).font = { bold: true };
}

async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook the registry exports: one sheet per entity given, in the import format. */
export async function writeRegistryXlsx(sheets: SheetData[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CanhGác';
  for (const s of sheets) addEntitySheet(wb, sheetOf(s.entity), s.rows, false);
  return bufferOf(wb);
}

/** The downloadable template: every sheet with its headers, one demo row, value lists, and notes. */
export async function writeRegistryTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CanhGác';
  for (const sheet of ENTITY_SHEETS) {
    const demo = Object.fromEntries(sheet.columns.map((c) => [c.key, c.demo ?? '']));
    addEntitySheet(wb, sheet, [demo], true);
  }
  addNotes(wb);
  return bufferOf(wb);
}

function csvField(text: string): string {
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One entity as CSV: UTF-8 with BOM (so Excel reads Vietnamese), CRLF, Vietnamese headers. */
export function writeRegistryCsv(data: SheetData): Buffer {
  const sheet = sheetOf(data.entity);
  const lines = [sheet.columns.map((c) => csvField(c.vi)).join(',')];
  for (const row of data.rows) lines.push(valuesOf(sheet, row).map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
