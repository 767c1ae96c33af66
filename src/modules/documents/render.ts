import { renderDocx } from '../../formats/document/docx.ts';
import type { DocumentModel } from '../../formats/document/model.ts';
import { DEFAULT_CHROMIUM_PATH, renderPdf } from '../../formats/document/pdf.ts';
import { renderXlsx } from '../../formats/document/xlsx.ts';
import type { Platform } from '../../platform/platform.ts';
import type { DocumentFormat } from './tables.ts';

export const MEDIA_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export function chromiumPathOf(platform: Pick<Platform, 'config'>): string {
  return platform.config.chromiumPath ?? DEFAULT_CHROMIUM_PATH;
}

/** One model, three formats. */
export function renderDocument(model: DocumentModel, format: DocumentFormat, opts: { chromiumPath: string }) {
  if (format === 'docx') return renderDocx(model);
  if (format === 'xlsx') return renderXlsx(model);
  return renderPdf(model, opts);
}

/** "07-BC-STTTT Tổng hợp ….docx": the number first, so a folder of downloads sorts as the register does. */
export function downloadName(doc: { number: string | null; title: string; format: DocumentFormat }): string {
  const number = doc.number ? `${doc.number.replace(/[\\/]/g, '-')} ` : 'DU-THAO ';
  const stem = `${number}${doc.title}`.slice(0, 150).trim();
  return `${stem}.${doc.format}`;
}
