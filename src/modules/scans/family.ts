import type { ScanFormat } from '../../formats/scans/types.ts';

/**
 * The tool family of a format, as the fingerprint prefix names it: a Nessus XML and a Nessus CSV
 * export are one family. Only a scan of the same family can mark a finding verified fixed.
 */
export const FORMAT_FAMILY: Record<ScanFormat, string> = {
  nessus: 'nessus',
  'nessus-csv': 'nessus',
  openvas: 'openvas',
  'openvas-csv': 'openvas',
  nuclei: 'nuclei',
  nmap: 'nmap',
  zap: 'zap',
  burp: 'burp',
  sarif: 'sarif',
  csv: 'csv',
};

export const DEFAULT_TOOL: Record<ScanFormat, string> = {
  nessus: 'Nessus',
  'nessus-csv': 'Nessus',
  openvas: 'OpenVAS',
  'openvas-csv': 'OpenVAS',
  nuclei: 'Nuclei',
  nmap: 'Nmap',
  zap: 'OWASP ZAP',
  burp: 'Burp Suite',
  sarif: 'SARIF',
  csv: 'CSV',
};
