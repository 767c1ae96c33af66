import type { FindingSeverity, ParsedFinding, ScanEvent, ScanFormat } from '../../formats/scans/types.ts';
import type { Ctx } from '../../platform/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import { runCommand } from '../audit/command.ts';
import { addComponent, createSystem } from '../constituency/systems/commands/index.ts';
import { type ImportScanResult, importScan } from './commands/import-scan.ts';

let systems = 0;

/** A system whose host components are the given IPs (test helper). */
export async function systemWithHosts(platform: Platform, ctx: Ctx, orgId: string, ips: string[]) {
  const code = `SCAN-${process.pid}-${++systems}`;
  return runCommand(platform.db, ctx, async (scope) => {
    const system = await createSystem(scope, {
      code,
      name: `Hệ thống quét ${code}`,
      ownerOrgId: orgId,
      operatorOrgId: orgId,
      category: 'internal',
      securityLevel: 2,
    });
    for (const ip of ips) await addComponent(scope, system.id, { kind: 'host', ip });
    return { id: system.id, code };
  });
}

export type FindingSpec = {
  host: string | null;
  plugin: string;
  port?: number | null;
  severity?: FindingSeverity;
  cves?: string[];
};

export function finding(s: FindingSpec): ScanEvent {
  const port = s.port ?? null;
  const f: ParsedFinding = {
    tool: 'Nessus',
    pluginId: s.plugin,
    title: `Plugin ${s.plugin}`,
    severity: s.severity ?? 'high',
    scannerSeverity: '3',
    cvssVector: null,
    cvssScore: 7.5,
    cves: s.cves ?? [],
    cwes: [],
    host: s.host,
    hostIp: s.host,
    hostName: null,
    port,
    protocol: port ? 'tcp' : null,
    service: null,
    url: null,
    parameter: null,
    location: s.host ? null : 'src/app.ts:1',
    description: 'mô tả\ttab\nnewline \\ backslash',
    solution: 'Update.',
    evidence: 'evidence',
    fingerprint: `nessus|${s.plugin}|${s.host ?? '-'}|${port ?? 0}/tcp`,
  };
  return { kind: 'finding', finding: f };
}

export function host(ip: string, ports: number[] | null = null): ScanEvent {
  return {
    kind: 'host',
    host: { host: ip, hostIp: ip, hostName: null, ports: ports?.map((port) => ({ protocol: 'tcp', port })) ?? null },
  };
}

export async function* stream(events: ScanEvent[], failAt?: number): AsyncGenerator<ScanEvent> {
  let i = 0;
  for (const e of events) {
    if (failAt !== undefined && i++ === failAt) throw new Error('parser failed');
    yield e;
  }
}

let files = 0;

export function importEvents(
  platform: Platform,
  ctx: Ctx,
  events: ScanEvent[] | AsyncIterable<ScanEvent>,
  opts: { systemCode?: string; sha256?: string; format?: ScanFormat } = {},
): Promise<ImportScanResult> {
  const n = ++files;
  return importScan(platform, ctx, {
    events: Array.isArray(events) ? stream(events) : events,
    format: opts.format ?? 'nessus',
    file: { name: `scan-${n}.nessus`, sha256: opts.sha256 ?? `sha-${process.pid}-${n}`, size: 1 },
    systemCode: opts.systemCode,
  });
}
