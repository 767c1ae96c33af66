import { parseBurpXml } from './burp/burp-xml.ts';
import { firstSignificant } from './common/json-values.ts';
import { peekHead } from './common/peek.ts';
import { parseGenericCsv } from './csv/generic-csv.ts';
import { parseNessusCsv } from './nessus/nessus-csv.ts';
import { parseNessusXml } from './nessus/nessus-xml.ts';
import { parseNmapXml } from './nmap/nmap-xml.ts';
import { parseNuclei } from './nuclei/nuclei.ts';
import { parseOpenvasCsv } from './openvas/openvas-csv.ts';
import { parseOpenvasXml } from './openvas/openvas-xml.ts';
import { parseSarif } from './sarif/sarif.ts';
import type { ScanEvent, ScanFormat, ScanParser } from './types.ts';
import { parseZapJson } from './zap/zap-json.ts';
import { parseZapXml } from './zap/zap-xml.ts';

export { DETECT_HEAD_BYTES, detectScanFormat } from './detect.ts';

/** ZAP reports come as XML or JSON: JSON starts with a brace or bracket; anything else goes to the XML reader. */
const parseZap: ScanParser = async function* (input) {
  const { head, stream } = await peekHead(input, 16);
  const first = firstSignificant(head);
  yield* first === '{' || first === '[' ? parseZapJson(stream) : parseZapXml(stream);
};

export const SCAN_PARSERS: Record<ScanFormat, ScanParser> = {
  nessus: parseNessusXml,
  'nessus-csv': parseNessusCsv,
  openvas: parseOpenvasXml,
  'openvas-csv': parseOpenvasCsv,
  nuclei: parseNuclei,
  nmap: parseNmapXml,
  zap: parseZap,
  burp: parseBurpXml,
  sarif: parseSarif,
  csv: parseGenericCsv,
};

/** Parses a scan file of a known format; events come in file order (meta first). */
export function parseScan(
  format: ScanFormat,
  input: AsyncIterable<Uint8Array>,
): AsyncGenerator<ScanEvent, void, undefined> {
  return SCAN_PARSERS[format](input);
}
