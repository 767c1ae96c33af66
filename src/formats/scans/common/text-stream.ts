import { ScanFormatError } from '../types.ts';

/**
 * Decodes a byte stream as strict UTF-8, chunk by chunk (a BOM is dropped). UTF-16/32 (by BOM or
 * NUL bytes) and invalid sequences are refused with `scan_bad_encoding`: JSON and CSV are read as
 * UTF-8 only, so a legacy-encoded file is refused rather than mis-read.
 */
export async function* utf8Text(input: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  for await (const chunk of input) {
    if (first && chunk.length > 0) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        throw new ScanFormatError('scan_bad_encoding', { encoding: 'UTF-8' });
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new ScanFormatError('scan_bad_encoding', { encoding: 'UTF-8' });
    }
    if (text.includes('\0')) throw new ScanFormatError('scan_bad_encoding', { encoding: 'UTF-8' });
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    // A multi-byte sequence cut at the end of the file.
    throw new ScanFormatError('scan_truncated');
  }
  if (rest) yield rest;
}
