import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.ts';
import { freshDatabase, testPlatform } from '../../../test/harness.ts';
import { hasSharedScans, parseAll, SHARED_SCANS, sharedScan } from '../../formats/scans/common/testing.ts';
import { detectScanFormat, SCAN_PARSERS } from '../../formats/scans/index.ts';
import { type ScanEvent, type ScanFormat, ScanFormatError } from '../../formats/scans/types.ts';
import { type Ctx, systemCtx } from '../../platform/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import { stopOwnershipService } from '../constituency/networks/ownership-service.ts';
import { importEvents, systemWithHosts } from './test-support.ts';

/**
 * DefectDojo's sample scans (../shared/fixtures/scans, BSD-3) through the real parsers into the
 * import engine: counts are derived here from the parser's own events.
 */

const samples = hasSharedScans
  ? readdirSync(SHARED_SCANS).flatMap((tool) => readdirSync(path.join(SHARED_SCANS, tool)).map((f) => `${tool}/${f}`))
  : [];

let db: Awaited<ReturnType<typeof freshDatabase>>;
let platform: Platform;
let ctx: Ctx;
let systemCode: string;
const imported = new Set<string>();

beforeAll(async () => {
  db = await freshDatabase();
  platform = testPlatform(db.url);
  ctx = systemCtx('system:test', platform.clock);
  const org = await makeOrg(platform);
  systemCode = (await systemWithHosts(platform, ctx, org.id, ['192.0.2.250'])).code;
});

afterAll(async () => {
  await stopOwnershipService(platform);
  await platform.pool.end();
  await db.drop();
});

async function parsed(sample: string): Promise<{ format: ScanFormat; events: ScanEvent[] } | ScanFormatError> {
  const bytes = sharedScan(sample);
  const format = detectScanFormat(bytes.subarray(0, 65536), path.basename(sample));
  if (!format) throw new Error(`${sample}: format not detected`);
  try {
    return { format, events: (await parseAll(SCAN_PARSERS[format], bytes)).events };
  } catch (err) {
    if (err instanceof ScanFormatError) return err;
    throw err;
  }
}

function distinct(events: ScanEvent[]) {
  const fps = new Set<string>();
  const hosts = new Set<string>();
  for (const e of events) {
    if (e.kind !== 'finding') continue;
    fps.add(e.finding.fingerprint);
    const key = e.finding.hostIp ?? e.finding.host;
    if (key) hosts.add(key);
  }
  return { fps, hosts };
}

describe.skipIf(!hasSharedScans)('real sample scans through the import', () => {
  it.each(samples)('%s', async (sample) => {
    const p = await parsed(sample);
    if (p instanceof ScanFormatError) return; // a refused file: the CLI test covers "nothing written"
    const { fps, hosts } = distinct(p.events);
    const hostless =
      p.format === 'sarif' || p.events.some((e) => e.kind === 'finding' && !e.finding.host && !e.finding.hostIp);
    const opts = { format: p.format, sha256: `sample-${sample}`, systemCode: hostless ? systemCode : undefined };
    const first = await importEvents(platform, ctx, p.events, opts);
    // Samples of one tool overlap (Burp one/seven findings, ZAP first/second scan): what an earlier
    // sample brought in is seen again, not new.
    const scope = hostless ? 'system' : 'unassigned';
    const fresh = [...fps].filter((f) => !imported.has(`${scope}|${f}`));
    for (const f of fps) imported.add(`${scope}|${f}`);
    expect(first).toMatchObject({ findings: fps.size, new: fresh.length, duplicateOf: null });
    expect(first.unchanged + first.reopened).toBe(fps.size - fresh.length);
    expect(first.unmatchedHosts).toEqual(hostless ? [] : [...hosts].sort());
    const again = await importEvents(platform, ctx, p.events, opts);
    expect(again).toMatchObject({
      findings: fps.size,
      new: 0,
      unchanged: fps.size,
      fixed: 0,
      duplicateOf: first.scanId,
    });
  });

  it('ZAP first and second scan: seen again → unchanged, only in the second → new', async () => {
    const a = await parsed('zap/zap-results-first-scan.xml');
    const b = await parsed('zap/zap-results-second-scan.xml');
    if (a instanceof ScanFormatError || b instanceof ScanFormatError) throw new Error('ZAP samples refused');
    // Own system, so these findings do not meet the per-file ones above.
    const system = (await systemWithHosts(platform, ctx, (await makeOrg(platform)).id, ['192.0.2.251'])).code;
    await importEvents(platform, ctx, a.events, { format: 'zap', systemCode: system });
    const second = await importEvents(platform, ctx, b.events, { format: 'zap', systemCode: system });
    const first = distinct(a.events).fps;
    const next = distinct(b.events).fps;
    const both = [...next].filter((f) => first.has(f)).length;
    expect(second).toMatchObject({ findings: next.size, unchanged: both, new: next.size - both });
    expect(second.fixed + second.leftOpenNotCovered).toBe([...first].filter((f) => !next.has(f)).length);
  });
});
