import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/** The entries of a ZIP (DOCX, XLSX) by name. */
export function unzip(bytes: Buffer): Record<string, string> {
  const entries = unzipSync(new Uint8Array(bytes));
  return Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, Buffer.from(data).toString('utf8')]));
}

/** Parses XML strictly: throws unless it is well-formed and uses only characters XML allows. */
export function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | undefined;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.write(xml).close();
  if (failure) throw failure;
}

/** Every XML part of an Office file parses. */
export function checkParts(bytes: Buffer): Record<string, string> {
  const parts = unzip(bytes);
  for (const [name, content] of Object.entries(parts)) {
    if (/\.(xml|rels)$/.test(name)) {
      try {
        wellFormed(content);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
  }
  return parts;
}

/** The text of a DOCX's paragraphs, one string each (line breaks as \n). */
export function docxParagraphs(bytes: Buffer): string[] {
  const doc = checkParts(bytes)['word/document.xml'];
  if (!doc) throw new Error('no word/document.xml');
  return paragraphTexts(doc);
}

function paragraphTexts(doc: string): string[] {
  const parser = new SaxesParser({ xmlns: false });
  const paragraphs: string[] = [];
  let para: string | null = null;
  let inText = false;
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:p') para = '';
    if (tag.name === 'w:t') inText = true;
    if (tag.name === 'w:br' && para !== null) para += '\n';
  });
  parser.on('text', (t) => {
    if (inText && para !== null) para += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    if (tag.name === 'w:p' && para !== null) {
      paragraphs.push(para);
      para = null;
    }
  });
  parser.write(doc).close();
  return paragraphs;
}

export function hasTool(name: string): boolean {
  return ['/usr/bin', '/usr/local/bin', '/bin'].some((dir) => fs.existsSync(`${dir}/${name}`));
}

/** A missing system tool skips the test with a message, except in CI, where it fails. */
export function toolSkipReason(tools: string[], install: string): string | undefined {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0) return undefined;
  if (process.env.CI === 'true') throw new Error(`${missing.join(', ')} missing in CI: ${install}`);
  return `skipped: ${missing.join(', ')} not installed (${install})`;
}

export function pdfText(pdfPath: string): string {
  return execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', pdfPath, '-'], {
    encoding: 'utf8',
  }).normalize('NFC');
}

/** Decodes an 8-bit greyscale or RGB PNG (what `pdftoppm -png` writes) into grey levels, one per pixel. */
export function greyPng(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 1;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('latin1');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const colour = data[9];
      if (data[8] !== 8 || (colour !== 0 && colour !== 2) || data[12] !== 0)
        throw new Error('expected an 8-bit greyscale or RGB PNG, not interlaced');
      channels = colour === 2 ? 3 : 1;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (out[y * stride + i - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const c = i >= channels && y > 0 ? (out[(y - 1) * stride + i - channels] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + i] = (v + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let p = 0; p < pixels.length; p++) {
    let sum = 0;
    for (let ch = 0; ch < channels; ch++) sum += out[p * channels + ch] ?? 0;
    pixels[p] = Math.round(sum / channels);
  }
  return { width, height, pixels };
}
