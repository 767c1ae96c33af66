import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';

/**
 * Fetched HTML → readable text, without running anything: decode the bytes in the page's charset
 * (HTTP header, then BOM, then <meta>, else UTF-8; windows-1258 and the rest through iconv-lite),
 * then keep the text nodes (entities decoded) plus the targets of mailto:/tel: links, which often
 * carry the only copy of an address. Script, style and template contents are skipped.
 */
export function charsetOf(body: Buffer, contentType: string | null): string {
  const header = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (header && iconv.encodingExists(header)) return header.toLowerCase();
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  const head = body.subarray(0, 4096).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head)?.[1];
  if (meta && iconv.encodingExists(meta)) return meta.toLowerCase();
  return 'utf-8';
}

export function decodeBody(body: Buffer, contentType: string | null): string {
  const charset = charsetOf(body, contentType);
  // windows-1258 writes tone marks as combining characters: compose them (NFC) for matching.
  return iconv.decode(body, charset).normalize('NFC');
}

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'svg']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'footer',
  'header',
  'table',
  'ul',
  'ol',
  'dd',
  'dt',
  'address',
  'blockquote',
  'pre',
  'hr',
  'title',
]);

export function htmlToText(html: string): string {
  const out: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIPPED.has(name)) skipDepth++;
        if (BLOCK.has(name)) out.push('\n');
        const href = attribs.href?.trim();
        if (name === 'a' && href && /^(mailto|tel):/i.test(href)) out.push(` ${safeDecodeUri(href)} `);
      },
      onclosetag(name) {
        if (SKIPPED.has(name) && skipDepth > 0) skipDepth--;
        if (BLOCK.has(name)) out.push('\n');
      },
      ontext(text) {
        if (skipDepth === 0) out.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join('')
    .replace(/[ \t\f\v\u00a0\u200b]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function pageText(body: Buffer, contentType: string | null): string {
  return htmlToText(decodeBody(body, contentType));
}
