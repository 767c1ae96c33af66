import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkParts, docxParagraphs, greyPng, pdfText, toolSkipReason } from '../../../test/office-files.ts';
import { AppError } from '../../platform/errors.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderPdf } from './pdf.ts';
import { sampleModel } from './sample-model.ts';
import { legalDateLine, NATIONAL_MOTTO, NATIONAL_NAME, xmlSafe } from './text.ts';
import { renderXlsx } from './xlsx.ts';

describe('Decree 30 wording', () => {
  it('writes the date line with leading zeros for days below 10 and for January and February', () => {
    expect(legalDateLine('2026-03-05', 'Quảng Nam')).toBe('Quảng Nam, ngày 05 tháng 3 năm 2026');
    expect(legalDateLine('2026-02-15', 'Quảng Nam')).toBe('Quảng Nam, ngày 15 tháng 02 năm 2026');
    expect(legalDateLine('2026-12-31', null)).toBe('ngày 31 tháng 12 năm 2026');
    expect(legalDateLine('2026-02-30', 'Đà Nẵng')).toBe('Đà Nẵng, ngày … tháng … năm …');
  });

  it('drops what XML cannot carry and composes decomposed letters', () => {
    expect(xmlSafe('a\u0000b\u0007c\td\ne\uFFFF\uD800')).toBe('abc\td\ne');
    expect(xmlSafe('Đo\u0302\u0323c la\u0323\u0302p')).toBe('Độc lập');
  });
});

describe('DOCX', () => {
  it('has the national motto, the organisation, the number, the body and the table, in Times New Roman', async () => {
    const bytes = await renderDocx(sampleModel());
    const paragraphs = docxParagraphs(bytes);
    const text = paragraphs.join('\n');
    expect(paragraphs).toContain(NATIONAL_NAME);
    expect(paragraphs).toContain(NATIONAL_MOTTO);
    expect(paragraphs).toContain('ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM');
    expect(paragraphs).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(paragraphs).toContain('Số: 07/BC-SKHCN');
    expect(paragraphs).toContain('Quảng Nam, ngày 05 tháng 3 năm 2026');
    expect(paragraphs).toContain('BÁO CÁO');
    expect(text).toContain('các đơn vị phối hợp xử lý kịp thời <b>& "đúng quy trình"</b>.');
    expect(paragraphs).toContain('02/01/2026');
    // 20:00 UTC on 4 March is 03:00 on 5 March in Vietnam.
    expect(paragraphs).toContain('03:00 05/03/2026');
    expect(paragraphs).toContain('Nguyễn Thị Hồng Nhung');
    const parts = checkParts(bytes);
    expect(parts['word/styles.xml']).toContain('Times New Roman');
    expect(parts['word/document.xml']).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // Page numbers in the top margin from page 2 on: a different (empty) first-page header.
    expect(parts['word/document.xml']).toContain('<w:titlePg/>');
    expect(Object.values(parts).some((xml) => /<w:hdr[\s\S]*PAGE/.test(xml))).toBe(true);
  });

  it('marks a draft and leaves its number blank', async () => {
    const paragraphs = docxParagraphs(
      await renderDocx(sampleModel({ number: null, draftSymbol: '\u00A0\u00A0/BC-SKHCN' })),
    );
    expect(paragraphs).toContain('DỰ THẢO');
    expect(paragraphs).toContain('Số: \u00A0\u00A0/BC-SKHCN');
    expect(paragraphs.join('\n')).not.toContain('07/BC-SKHCN');
  });

  it('prints a công văn subject as "V/v …" under the number, without a kind title', async () => {
    const paragraphs = docxParagraphs(await renderDocx(sampleModel({ kindLabel: null, number: '15/SKHCN' })));
    expect(paragraphs).toContain('V/v Tình hình ứng cứu sự cố an toàn thông tin mạng quý I năm 2026');
    expect(paragraphs).not.toContain('BÁO CÁO');
  });
});

describe('XLSX', () => {
  it('has a styled, frozen header row, widths, dates as dates and the Vietnamese text', async () => {
    const bytes = await renderXlsx(sampleModel());
    checkParts(bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Văn bản', 'Bảng 1. Sự cố theo đơn vị']);
    const info = wb.getWorksheet('Văn bản');
    const facts = new Map<string, unknown>();
    info?.eachRow((row, n) => {
      if (n > 1) facts.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(facts.get('Cơ quan ban hành')).toBe('Sở Khoa học và Công nghệ');
    expect(facts.get('Số, ký hiệu')).toBe('07/BC-SKHCN');
    expect(facts.get('Ngày ban hành')).toEqual(new Date(Date.UTC(2026, 2, 5)));

    const sheet = wb.worksheets[1];
    if (!sheet) throw new Error('no table sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(header.getCell(2).value).toBe('Đơn vị');
    expect(header.getCell(2).font?.bold).toBe(true);
    expect(header.getCell(2).font?.name).toBe('Times New Roman');
    expect((header.getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9E2F3');
    expect(sheet.getColumn(2).width).toBe(40);
    const first = sheet.getRow(2);
    expect(first.getCell(2).value).toBe('Sở Y tế');
    expect(first.getCell(3).value).toBe(5);
    expect(first.getCell(4).value).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect(first.getCell(4).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(5).value).toEqual(new Date(Date.UTC(2026, 2, 5, 3, 0)));
    expect(sheet.getRow(3).getCell(2).value).toBe('Bệnh viện Đa khoa tỉnh');
  });
});

describe('HTML', () => {
  it('escapes text and names a serif font stack that covers Vietnamese', () => {
    const html = renderHtml(sampleModel());
    expect(html).toContain('&lt;b&gt;&amp; &quot;đúng quy trình&quot;&lt;/b&gt;');
    expect(html).toContain('"Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif"');
    expect(html).not.toContain('<b>& "');
  });
});

const pdfSkip = toolSkipReason(
  ['pdftoppm', 'pdftotext', 'chromium'],
  'apt-get install poppler-utils chromium fonts-noto-core fonts-dejavu-core fonts-liberation',
);
if (pdfSkip) console.warn(`PDF test ${pdfSkip}`);

describe.skipIf(!!pdfSkip)('PDF printed by Chromium', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-pdf-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps the Vietnamese text with its diacritics and prints a non-blank first page', async () => {
    const bytes = await renderPdf(sampleModel(), { chromiumPath: '/usr/bin/chromium' });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = path.join(dir, 'bao-cao.pdf');
    await fs.writeFile(pdf, bytes);
    // Columns wrap long names onto two lines: compare with the line breaks as spaces.
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const expected of [
      NATIONAL_NAME,
      NATIONAL_MOTTO,
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'Số: 07/BC-SKHCN',
      'Quảng Nam, ngày 05 tháng 3 năm 2026',
      'Tình hình ứng cứu sự cố an toàn thông tin mạng quý I năm 2026',
      'Bệnh viện Đa khoa tỉnh',
      'Nguyễn Thị Hồng Nhung',
    ]) {
      expect(text).toContain(expected);
    }
    execFileSync('pdftoppm', [
      '-png',
      '-gray',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      path.join(dir, 'page'),
    ]);
    const png = greyPng(await fs.readFile(path.join(dir, 'page.png')));
    expect(png.width).toBeGreaterThan(300); // A4 at 50 dpi: 413 × 585
    const dark = png.pixels.filter((v) => v < 128).length / png.pixels.length;
    expect(dark).toBeGreaterThan(0.005);
    expect(dark).toBeLessThan(0.5);
  });

  it('numbers the pages in the top margin from the second page on', async () => {
    const long = sampleModel();
    const table = long.sections[1]?.blocks[0];
    if (table?.type !== 'table') throw new Error('sample has no table');
    table.rows = Array.from({ length: 80 }, (_, i) => [i + 1, `Đơn vị số ${i + 1}`, i, null, null]);
    const pdf = path.join(dir, 'dai.pdf');
    await fs.writeFile(pdf, await renderPdf(long, { chromiumPath: '/usr/bin/chromium' }));
    const page = (n: number) =>
      execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(page(1).trimStart().startsWith('ỦY BAN NHÂN DÂN')).toBe(true);
    expect(page(2).trimStart().split('\n')[0]).toBe('2');
  });

  it('refuses with a localised error when Chromium is not there', async () => {
    const err = await renderPdf(sampleModel(), { chromiumPath: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('pdf_renderer_missing');
    expect((err as AppError).status).toBe(503);
  });
});
