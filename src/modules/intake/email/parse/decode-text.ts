import iconv from 'iconv-lite';
import { looksLikeVni, vniToUnicode } from '../../../../engines/vni/vni.ts';

/** Control characters a report's text may not hold (newline and tab stay). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text fit for a report: NFC (windows-1258 writes tone marks as combining characters), no controls, CRLF → LF. */
export function cleanText(text: string, max: number): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').slice(0, max);
}

/** One line: no control characters at all, whitespace collapsed. */
export function cleanLine(text: string, max: number): string {
  return text
    .normalize('NFC')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .slice(0, max);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Bytes of unknown charset: UTF-8 when they are valid UTF-8, VNI when their Latin-1 reading looks
 * like it, otherwise windows-1258 (the Vietnamese Windows code page; every byte maps, so this never
 * fails — for Latin-1 text it is close to right).
 */
export function decodeUnknown(bytes: Buffer): { text: string; charset: 'utf-8' | 'vni' | 'windows-1258' } {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), charset: 'utf-8' };
  const latin1 = bytes.toString('latin1');
  if (looksLikeVni(latin1)) return { text: vniToUnicode(latin1), charset: 'vni' };
  return { text: iconv.decode(bytes, 'windows1258'), charset: 'windows-1258' };
}

/** Text typed in the VNI font (declared as Latin-1, or pasted into UTF-8) read as Vietnamese. */
export function unVni(text: string): { text: string; vni: boolean } {
  return looksLikeVni(text) ? { text: vniToUnicode(text), vni: true } : { text, vni: false };
}

/** The body of a raw message (after the first empty line), with quoted-printable/base64 undone when declared. */
export function rawBody(raw: Buffer): { headers: string; body: Buffer } {
  let split = raw.indexOf('\r\n\r\n');
  let skip = 4;
  const lf = raw.indexOf('\n\n');
  if (split < 0 || (lf >= 0 && lf < split)) {
    split = lf;
    skip = 2;
  }
  if (split < 0) return { headers: raw.toString('latin1'), body: Buffer.alloc(0) };
  const headers = raw.subarray(0, split).toString('latin1');
  const body = raw.subarray(split + skip);
  const cte = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
  if (cte === 'base64')
    return { headers, body: Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64') };
  if (cte === 'quoted-printable') return { headers, body: decodeQuotedPrintable(body) };
  return { headers, body };
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}
