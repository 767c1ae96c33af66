import { PassThrough, Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/database.ts';
import { escapeCell } from '../../../formats/registry-sheet/escape.ts';
import type { Principal } from '../../../platform/actor.ts';
import { encodeCursor } from '../../../platform/pagination.ts';
import { narrowScope } from '../policy.ts';
import { incidentConditions } from './filters.ts';
import { type IncidentListRow, listOrder, olderThan, selectIncidentRows } from './list-incidents.ts';
import type { IncidentFilter } from './schemas.ts';

export const EXPORT_CAP = 50_000;
const BATCH = 1000;

export type ExportLanguage = 'vi' | 'en';

const COLUMNS: { key: string; vi: string; en: string; value: (r: IncidentListRow, lang: ExportLanguage) => string }[] =
  [
    { key: 'number', vi: 'Số hiệu', en: 'Number', value: (r) => r.number },
    { key: 'title', vi: 'Tiêu đề', en: 'Title', value: (r) => r.title },
    { key: 'type', vi: 'Loại sự cố', en: 'Type', value: (r, lang) => (lang === 'en' ? r.typeNameEn : r.typeNameVi) },
    { key: 'severity', vi: 'Mức độ', en: 'Severity', value: (r) => r.severity },
    { key: 'status', vi: 'Trạng thái', en: 'Status', value: (r) => r.status },
    { key: 'tlp', vi: 'TLP', en: 'TLP', value: (r) => `TLP:${r.tlp.toUpperCase()}` },
    { key: 'pap', vi: 'PAP', en: 'PAP', value: (r) => `PAP:${r.pap.toUpperCase()}` },
    { key: 'serious', vi: 'Nghiêm trọng', en: 'Serious', value: (r) => r.serious },
    {
      key: 'organisation',
      vi: 'Đơn vị',
      en: 'Organisation',
      value: (r) => `${r.organisationCode} — ${r.organisationName}`,
    },
    { key: 'lead', vi: 'Chủ trì', en: 'Lead', value: (r) => r.leadName ?? '' },
    { key: 'reportedAt', vi: 'Tiếp nhận', en: 'Reported', value: (r) => vnTime(r.reportedAt) },
    { key: 'createdAt', vi: 'Tạo lúc', en: 'Created', value: (r) => vnTime(r.createdAt) },
  ];

/** Times in exports read as Vietnam local time with the offset written out. */
export function vnTime(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** The visible, filtered incidents newest first, fetched in keyset batches, at most EXPORT_CAP. */
export async function* exportRows(db: Db, p: Principal, f: IncidentFilter): AsyncGenerator<IncidentListRow> {
  let cursor: string | undefined;
  let sent = 0;
  const narrow = await narrowScope(db, p);
  while (sent < EXPORT_CAP) {
    const keyset = olderThan(cursor);
    const where = keyset ? sql`${incidentConditions(p, f, narrow)} AND ${keyset}` : incidentConditions(p, f, narrow);
    const batch = await selectIncidentRows(db)
      .where(where)
      .orderBy(...listOrder())
      .limit(Math.min(BATCH, EXPORT_CAP - sent));
    for (const r of batch) yield r;
    sent += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) return;
    cursor = encodeCursor([last.createdAt.toISOString(), last.id]);
  }
}

export function csvField(text: string): string {
  const safe = escapeCell(text.replace(/\r\n?/g, '\n'));
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV (UTF-8 with BOM so spreadsheet programs read Vietnamese), formula-like cells neutralised. */
export function csvStream(rows: AsyncIterable<IncidentListRow>, lang: ExportLanguage = 'vi'): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${COLUMNS.map((c) => csvField(c[lang])).join(',')}\r\n`;
      for await (const r of rows) yield `${COLUMNS.map((c) => csvField(c.value(r, lang))).join(',')}\r\n`;
    })(),
  );
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** XLSX written row by row with exceljs' streaming writer. */
export function xlsxStream(rows: AsyncIterable<IncidentListRow>, lang: ExportLanguage = 'vi'): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(lang === 'en' ? 'Incidents' : 'Sự cố', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.key === 'title' ? 50 : 18 }));
  void (async () => {
    const header = ws.addRow(COLUMNS.map((c) => c[lang]));
    header.font = { bold: true };
    header.commit();
    for await (const r of rows)
      ws.addRow(COLUMNS.map((c) => escapeCell(c.value(r, lang).replace(CONTROL, '').slice(0, 32_767)))).commit();
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
