import type { ScanFormat } from './types.ts';

export const DETECT_HEAD_BYTES = 64 * 1024;

const XML_ROOTS: Record<string, ScanFormat> = {
  nessusclientdata_v2: 'nessus',
  nessusclientdata: 'nessus',
  report: 'openvas',
  get_reports_response: 'openvas',
  nmaprun: 'nmap',
  owaspzapreport: 'zap',
  issues: 'burp',
};

/**
 * The scan format of a file judged from its first bytes (up to 64 KiB): the XML root element, the
 * JSON keys, or the CSV header. The file name's extension only decides when the content does not
 * (an empty file, an XML prolog longer than the head). Never throws; null when unknown.
 */
export function detectScanFormat(head: Uint8Array, fileName?: string): ScanFormat | null {
  try {
    return byContent(textOf(head.subarray(0, DETECT_HEAD_BYTES))) ?? byExtension(fileName);
  } catch {
    return null;
  }
}

function textOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2));
  return new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
}

function byContent(text: string): ScanFormat | null {
  const start = text.trimStart();
  if (start.startsWith('<')) return byXmlRoot(start);
  if (start.startsWith('{') || start.startsWith('[')) return byJsonKeys(start);
  return byCsvHeader(start);
}

function byXmlRoot(text: string): ScanFormat | null {
  let rest = text;
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) rest = after(rest, '?>');
    else if (rest.startsWith('<!--')) rest = after(rest, '-->');
    else if (/^<!DOCTYPE/i.test(rest)) {
      const doctype = /^<!DOCTYPE\s+([\w:.-]+)/i.exec(rest)?.[1]?.toLowerCase();
      const bracket = rest.indexOf('[');
      const close = rest.indexOf('>');
      rest = bracket >= 0 && bracket < close ? after(after(rest, ']'), '>') : after(rest, '>');
      if (!rest && doctype) return XML_ROOTS[doctype] ?? null;
    } else break;
    if (!rest) return null;
  }
  const name = /^<([\w:.-]+)/.exec(rest)?.[1];
  if (!name) return null;
  return XML_ROOTS[name.replace(/^.*:/, '').toLowerCase()] ?? null;
}

function after(text: string, marker: string): string {
  const i = text.indexOf(marker);
  return i < 0 ? '' : text.slice(i + marker.length);
}

function byJsonKeys(text: string): ScanFormat | null {
  if (/"\$schema"\s*:\s*"[^"]*sarif/i.test(text)) return 'sarif';
  if (/"version"\s*:\s*"2\.1[.\d]*"/.test(text) && /"runs"\s*:/.test(text)) return 'sarif';
  if (/"@programName"\s*:/.test(text) || (/"@version"\s*:/.test(text) && /"site"\s*:/.test(text))) return 'zap';
  if (/"(template-id|templateID|template_id)"\s*:/.test(text)) return 'nuclei';
  if (/^\[\s*\]?\s*$/.test(text)) return 'nuclei';
  return null;
}

function byCsvHeader(text: string): ScanFormat | null {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].sort((a, b) => line.split(b).length - line.split(a).length)[0] ?? ',';
  const cols = new Set(
    line.split(delimiter).map((c) =>
      c
        .trim()
        .replace(/^"|"$/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
    ),
  );
  const has = (...names: string[]) => names.some((n) => cols.has(n));
  if (has('nvt oid', 'nvt name') && has('ip') && has('port protocol')) return 'openvas-csv';
  // The template's plugin_id/host/port columns would also fit Nessus; Nessus has no "title" column.
  if (has('title') && has('severity')) return 'csv';
  if (has('plugin id', 'plugin') && has('risk', 'severity') && has('host', 'ip address') && has('port'))
    return 'nessus-csv';
  return null;
}

function byExtension(fileName: string | undefined): ScanFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  switch (ext) {
    case 'nessus':
      return 'nessus';
    case 'sarif':
      return 'sarif';
    case 'jsonl':
      return 'nuclei';
    default:
      return null;
  }
}
