import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedScans, SHARED_SCANS, sharedScan } from './common/testing.ts';
import { detectScanFormat } from './detect.ts';
import type { ScanFormat } from './types.ts';

const b = (text: string) => Buffer.from(text);

describe('scan format detection', () => {
  it('judges XML by the root element, past prolog, comments and DOCTYPE', () => {
    expect(detectScanFormat(b('<?xml version="1.0"?>\n<NessusClientData_v2>'))).toBe('nessus');
    expect(detectScanFormat(b('<report id="x" format_id="y"><report>'))).toBe('openvas');
    expect(detectScanFormat(b('<?xml version="1.0"?><!DOCTYPE nmaprun><!-- Nmap --><nmaprun scanner="nmap">'))).toBe(
      'nmap',
    );
    expect(detectScanFormat(b('<OWASPZAPReport version="2.9.0">'))).toBe('zap');
    expect(
      detectScanFormat(
        b('<?xml version="1.0"?>\n<!DOCTYPE issues [\n<!ELEMENT issues (issue*)>\n]>\n<issues burpVersion="2">'),
      ),
    ).toBe('burp');
    expect(detectScanFormat(b('<html><body>'))).toBeNull();
  });

  it('judges JSON by its keys and CSV by its header; the extension only breaks ties', () => {
    expect(detectScanFormat(b('{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[]}'))).toBe('sarif');
    expect(detectScanFormat(b('{\n "version": "2.1.0",\n "runs": [ ]}'))).toBe('sarif');
    expect(detectScanFormat(b('{"@programName":"ZAP","@version":"2.14.0","site":[]}'))).toBe('zap');
    expect(detectScanFormat(b('{"template-id":"x","info":{}}\n'))).toBe('nuclei');
    expect(detectScanFormat(b('[\n {"templateID":"x"'))).toBe('nuclei');
    expect(detectScanFormat(b('"Plugin ID","CVE","CVSS","Risk","Host","Protocol","Port","Name"\r\n'))).toBe(
      'nessus-csv',
    );
    expect(detectScanFormat(b('IP;Hostname;Port;Port Protocol;CVSS;Severity;NVT Name;NVT OID\n'))).toBe('openvas-csv');
    expect(detectScanFormat(b('\uFEFFSeverity,Title,Host\n'))).toBe('csv');
    expect(detectScanFormat(b('{"runs":[]}'), 'report.json')).toBeNull();
    // Content wins over a misleading name; the name decides only for an empty file.
    expect(detectScanFormat(b('<nmaprun>'), 'scan.nessus')).toBe('nmap');
    expect(detectScanFormat(b(''), 'scan.jsonl')).toBe('nuclei');
    expect(detectScanFormat(b(''), 'x.sarif')).toBe('sarif');
    expect(detectScanFormat(b(''))).toBeNull();
  });

  it('reads a UTF-16 XML head', () => {
    const head = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<?xml version="1.0" encoding="UTF-16"?><nmaprun>', 'utf16le'),
    ]);
    expect(detectScanFormat(head)).toBe('nmap');
  });

  it.skipIf(!hasSharedScans)('recognises every DefectDojo sample from content alone', () => {
    const expected: Record<string, ScanFormat> = {
      burp: 'burp',
      nessus: 'nessus',
      nmap: 'nmap',
      nuclei: 'nuclei',
      openvas: 'openvas',
      sarif: 'sarif',
      zap: 'zap',
    };
    for (const dir of readdirSync(SHARED_SCANS)) {
      for (const file of readdirSync(`${SHARED_SCANS}/${dir}`)) {
        const bytes = sharedScan(`${dir}/${file}`);
        if (bytes.length === 0) continue;
        const want = file.endsWith('.csv') ? `${expected[dir]}-csv` : expected[dir];
        expect([file, detectScanFormat(bytes.subarray(0, 64 * 1024))]).toEqual([file, want]);
      }
    }
  });
});
