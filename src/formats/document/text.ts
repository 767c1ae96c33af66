import type { CellValue, DocumentModel, TableBlock } from './model.ts';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Text that XML 1.0 can carry: C0 controls (except tab and line breaks), lone surrogates and
 * U+FFFE/U+FFFF are dropped — Word and Excel refuse a file that contains them. Line breaks become
 * \n (XML would turn a bare \r into \n anyway). NFC so that a decomposed "ộ" prints and searches
 * like the precomposed one.
 */
export function xmlSafe(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '',
    )
    .normalize('NFC');
}

const isDateCell = (v: CellValue): v is { date: string } => typeof v === 'object' && v !== null && 'date' in v;
const isDateTimeCell = (v: CellValue): v is { dateTime: string } =>
  typeof v === 'object' && v !== null && 'dateTime' in v;

/** A calendar date from `YYYY-MM-DD`; undefined when it is not one. */
export function parseDay(value: string): { y: number; m: number; d: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return { y, m, d };
}

/** The wall-clock fields of an instant in Vietnam. */
export function vietnamParts(at: Date): { y: number; m: number; d: number; hh: number; mm: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: VN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
}

/** The calendar date in Vietnam of an instant, `YYYY-MM-DD`. */
export function vietnamDay(at: Date): string {
  const { y, m, d } = vietnamParts(at);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "Quảng Nam, ngày 05 tháng 3 năm 2026": Decree 30/2020 writes days below 10 and the months
 * January and February with a leading zero.
 */
export function legalDateLine(day: string, place?: string | null): string {
  const p = parseDay(day);
  const date = p ? `ngày ${two(p.d)} tháng ${p.m <= 2 ? two(p.m) : String(p.m)} năm ${p.y}` : 'ngày … tháng … năm …';
  const where = place?.trim();
  return where ? `${where}, ${date}` : date;
}

/** "Số: 01/BC-STTTT", or the blank of a draft. */
export function numberLine(model: Pick<DocumentModel, 'number' | 'draftSymbol'>): string {
  if (model.number) return `Số: ${model.number}`;
  return `Số: ${model.draftSymbol ?? '\u00A0'.repeat(8)}`;
}

export function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** How a cell reads in DOCX and HTML (dates as dd/mm/yyyy, Vietnam time). */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value.toLocaleString('vi-VN') : '';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (isDateCell(value)) {
    const p = parseDay(value.date);
    return p ? `${two(p.d)}/${two(p.m)}/${p.y}` : value.date;
  }
  if (isDateTimeCell(value)) {
    const at = new Date(value.dateTime);
    if (Number.isNaN(at.getTime())) return value.dateTime;
    const p = vietnamParts(at);
    return `${two(p.hh)}:${two(p.mm)} ${two(p.d)}/${two(p.m)}/${p.y}`;
  }
  return '';
}

export { isDateCell, isDateTimeCell };

/** Column weights: the given widths, or the longest text in the column (bounded). */
export function columnWidths(table: TableBlock): number[] {
  return table.columns.map((col, i) => {
    if (col.width && col.width > 0) return col.width;
    let longest = col.header.length;
    for (const row of table.rows) longest = Math.max(longest, cellText(row[i] ?? null).length);
    return Math.min(Math.max(longest + 2, 6), 60);
  });
}

/** Every string of a model made XML-safe; the renderers call this first. */
export function cleanModel(model: DocumentModel): DocumentModel {
  const s = (t: string) => xmlSafe(t);
  const cell = (v: CellValue): CellValue => {
    if (typeof v === 'string') return s(v);
    if (isDateCell(v)) return { date: s(v.date) };
    if (isDateTimeCell(v)) return { dateTime: s(v.dateTime) };
    return v;
  };
  return {
    ...model,
    parentOrganisation: model.parentOrganisation ? s(model.parentOrganisation) : null,
    organisation: s(model.organisation),
    number: model.number === null ? null : s(model.number),
    draftSymbol: model.draftSymbol === undefined ? undefined : s(model.draftSymbol),
    place: model.place ? s(model.place) : null,
    date: s(model.date),
    kindLabel: model.kindLabel === null ? null : s(model.kindLabel),
    title: s(model.title),
    sections: model.sections.map((section) => ({
      heading: section.heading === undefined ? undefined : s(section.heading),
      blocks: section.blocks.map((b) =>
        b.type === 'paragraph'
          ? { ...b, text: s(b.text) }
          : {
              ...b,
              caption: b.caption === undefined ? undefined : s(b.caption),
              columns: b.columns.map((c) => ({ ...c, header: s(c.header) })),
              rows: b.rows.map((r) => r.map(cell)),
            },
      ),
    })),
    signature: {
      authority: model.signature.authority ? s(model.signature.authority) : null,
      position: s(model.signature.position),
      name: s(model.signature.name),
    },
    recipients: model.recipients?.map(s),
  };
}
