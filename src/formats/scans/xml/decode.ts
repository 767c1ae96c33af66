import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { ScanFormatError } from '../types.ts';

/** Bytes read before deciding the encoding: enough for a BOM and the XML declaration. */
const SNIFF_BYTES = 512;

type Decoder = { write(bytes: Uint8Array): string; end(): string };

function textDecoder(label: string): Decoder | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
  return {
    write: (bytes) => decoder.decode(bytes, { stream: true }),
    end: () => decoder.decode(),
  };
}

function iconvDecoder(label: string): Decoder | null {
  if (!iconv.encodingExists(label)) return null;
  const decoder = iconv.getDecoder(label);
  return { write: (bytes) => decoder.write(Buffer.from(bytes)), end: () => decoder.end() ?? '' };
}

/** The encoding named by a BOM, a BOM-less UTF-16 "<?", or the XML declaration; UTF-8 otherwise. */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return 'utf-16be';
  const ascii = Buffer.from(head).toString('latin1');
  if (!ascii.startsWith('<?xml')) return 'utf-8';
  const decl = ascii.slice(0, ascii.indexOf('?>') === -1 ? ascii.length : ascii.indexOf('?>'));
  return /\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(decl)?.[1]?.toLowerCase() ?? 'utf-8';
}

function decoderFor(label: string): Decoder {
  const decoder = textDecoder(label) ?? iconvDecoder(label);
  if (!decoder) throw new ScanFormatError('scan_bad_encoding', { encoding: label });
  return decoder;
}

/**
 * Decodes an XML byte stream into text chunks in the declared encoding. Invalid bytes raise
 * scan_bad_encoding (UTF-8/UTF-16 are decoded strictly); `onEnd` lets the caller decide whether a
 * sequence cut at the very end means truncation rather than a bad encoding.
 */
export async function* decodeXml(
  input: AsyncIterable<Uint8Array>,
  onBadEnd: () => ScanFormatError | null,
): AsyncGenerator<string, void, undefined> {
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let decoder: Decoder | null = null;
  let label = 'utf-8';
  const decode = (bytes: Uint8Array): string => {
    try {
      return (decoder as Decoder).write(bytes);
    } catch {
      throw new ScanFormatError('scan_bad_encoding', { encoding: label });
    }
  };
  for await (const chunk of input) {
    if (decoder) {
      const text = decode(chunk);
      if (text) yield text;
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes < SNIFF_BYTES) continue;
    const bytes = Buffer.concat(head);
    head = [];
    label = sniffEncoding(bytes);
    decoder = decoderFor(label);
    const text = decode(bytes);
    if (text) yield text;
  }
  if (!decoder) {
    const bytes = Buffer.concat(head);
    label = sniffEncoding(bytes);
    decoder = decoderFor(label);
    const text = decode(bytes);
    if (text) yield text;
  }
  let tail: string;
  try {
    tail = decoder.end();
  } catch {
    throw onBadEnd() ?? new ScanFormatError('scan_bad_encoding', { encoding: label });
  }
  if (tail) yield tail;
}
