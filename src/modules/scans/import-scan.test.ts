import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.ts';
import { freshDatabase, testPlatform } from '../../../test/harness.ts';
import { ScanFormatError } from '../../formats/scans/types.ts';
import { type Ctx, systemCtx } from '../../platform/actor.ts';
import { TestClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { stopOwnershipService } from '../constituency/networks/ownership-service.ts';
import { finding, host, importEvents, stream, systemWithHosts } from './test-support.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let platform: Platform;
let clock: TestClock;
let ctx: Ctx;
let orgId: string;
let ipSeq = 0;

/** Fresh addresses per test, so each test has its own system and findings. */
const ips = (n: number) => Array.from({ length: n }, () => `198.51.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`);

async function statusOf(systemId: string | null, plugin: string, h: string) {
  const { rows } = await platform.pool.query<{ status: string; reopened_count: number }>(
    `SELECT status, reopened_count FROM findings WHERE system_id IS NOT DISTINCT FROM $1 AND plugin_id = $2 AND host = $3`,
    [systemId, plugin, h],
  );
  return rows[0];
}

async function setStatus(plugin: string, h: string, status: string, riskExpiresAt: Date | null = null) {
  await platform.pool.query(
    'UPDATE findings SET status = $3, risk_expires_at = $4 WHERE plugin_id = $1 AND host = $2',
    [plugin, h, status, riskExpiresAt],
  );
}

async function count(table: string, where = 'true', params: unknown[] = []) {
  const { rows } = await platform.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return rows[0]?.n ?? -1;
}

beforeAll(async () => {
  db = await freshDatabase();
  clock = new TestClock();
  clock.set(new Date('2026-06-01T00:00:00Z'));
  platform = testPlatform(db.url, { clock });
  ctx = systemCtx('system:test', clock);
  orgId = (await makeOrg(platform)).id;
});

afterAll(async () => {
  await stopOwnershipService(platform);
  await platform.pool.end();
  await db.drop();
});

describe('importScan re-scan buckets', () => {
  it('new, then unchanged; in-file duplicates count once; the same file again names the first scan', async () => {
    const [a, b] = ips(2) as [string, string];
    const sys = await systemWithHosts(platform, ctx, orgId, [a, b]);
    const events = [
      host(a),
      host(b),
      finding({ host: a, plugin: '1' }),
      finding({ host: a, plugin: '1' }),
      finding({ host: b, plugin: '2', port: 443 }),
    ];
    const first = await importEvents(platform, ctx, events, { sha256: `same-${a}` });
    expect(first).toMatchObject({ findings: 2, new: 2, unchanged: 0, fixed: 0, duplicateOf: null, unmatchedHosts: [] });
    const again = await importEvents(platform, ctx, events, { sha256: `same-${a}` });
    expect(again).toMatchObject({ findings: 2, new: 0, unchanged: 2, duplicateOf: first.scanId });
    expect(again.scanId).not.toBe(first.scanId);
    expect(await count('findings', 'system_id = $1', [sys.id])).toBe(2);
    const { rows } = await platform.pool.query<{ description: string; sla: Date; first: Date }>(
      `SELECT description, sla_due_at AS sla, first_seen_at AS first FROM findings WHERE system_id = $1 AND plugin_id = '1'`,
      [sys.id],
    );
    expect(rows[0]?.description).toBe('mô tả\ttab\nnewline \\ backslash');
    expect((rows[0]?.sla.getTime() ?? 0) - (rows[0]?.first.getTime() ?? 0)).toBe(30 * 86_400_000);
  });

  it('absent on a covered host → fixed (verified); seen again → reopened', async () => {
    const [a] = ips(1) as [string];
    const sys = await systemWithHosts(platform, ctx, orgId, [a]);
    await importEvents(platform, ctx, [
      host(a),
      finding({ host: a, plugin: '10' }),
      finding({ host: a, plugin: '11' }),
    ]);
    const second = await importEvents(platform, ctx, [host(a), finding({ host: a, plugin: '11' })]);
    expect(second).toMatchObject({ findings: 1, unchanged: 1, fixed: 1, leftOpenNotCovered: 0 });
    expect((await statusOf(sys.id, '10', a))?.status).toBe('verified');
    const third = await importEvents(platform, ctx, [
      host(a),
      finding({ host: a, plugin: '10' }),
      finding({ host: a, plugin: '11' }),
    ]);
    expect(third).toMatchObject({ reopened: 1, unchanged: 1, fixed: 0 });
    expect(await statusOf(sys.id, '10', a)).toEqual({ status: 'open', reopened_count: 1 });
    expect(await count('finding_events', "kind = 'reopened' AND scan_id = $1", [third.scanId])).toBe(1);
  });

  it('completeness guard: a host the scan did not cover is left open and counted', async () => {
    const [a, b] = ips(2) as [string, string];
    const sys = await systemWithHosts(platform, ctx, orgId, [a, b]);
    await importEvents(platform, ctx, [
      host(a),
      host(b),
      finding({ host: a, plugin: '20' }),
      finding({ host: b, plugin: '21' }),
    ]);
    const partial = await importEvents(platform, ctx, [host(a)]);
    expect(partial).toMatchObject({ findings: 0, fixed: 1, leftOpenNotCovered: 1 });
    expect((await statusOf(sys.id, '21', b))?.status).toBe('open');
    expect((await statusOf(sys.id, '20', a))?.status).toBe('verified');
  });

  it('completeness guard per port when the format lists the scanned ports', async () => {
    const [a] = ips(1) as [string];
    const sys = await systemWithHosts(platform, ctx, orgId, [a]);
    await importEvents(platform, ctx, [
      host(a, [80, 443]),
      finding({ host: a, plugin: '30', port: 80 }),
      finding({ host: a, plugin: '31', port: 443 }),
    ]);
    const r = await importEvents(platform, ctx, [host(a, [80])]);
    expect(r).toMatchObject({ fixed: 1, leftOpenNotCovered: 1 });
    expect((await statusOf(sys.id, '30', a))?.status).toBe('verified');
    expect((await statusOf(sys.id, '31', a))?.status).toBe('open');
  });

  it('claimed fix seen again → open (unchanged); false positive and live risk acceptance → suppressed, kept', async () => {
    const [a] = ips(1) as [string];
    const sys = await systemWithHosts(platform, ctx, orgId, [a]);
    const all = [host(a), ...['40', '41', '42', '43'].map((plugin) => finding({ host: a, plugin }))];
    await importEvents(platform, ctx, all);
    const now = clock.now().getTime();
    await setStatus('40', a, 'fixed-claimed');
    await setStatus('41', a, 'false-positive');
    await setStatus('42', a, 'risk-accepted', new Date(now + 86_400_000));
    await setStatus('43', a, 'risk-accepted', new Date(now - 86_400_000));
    const r = await importEvents(platform, ctx, all);
    expect(r).toMatchObject({ findings: 4, unchanged: 2, suppressed: 2, new: 0 });
    expect((await statusOf(sys.id, '40', a))?.status).toBe('open');
    expect((await statusOf(sys.id, '41', a))?.status).toBe('false-positive');
    expect((await statusOf(sys.id, '42', a))?.status).toBe('risk-accepted');
    expect((await statusOf(sys.id, '43', a))?.status).toBe('open');
  });

  it('an expired risk acceptance counts as open: absent on a covered host → fixed; a live one is kept', async () => {
    const [a] = ips(1) as [string];
    const sys = await systemWithHosts(platform, ctx, orgId, [a]);
    await importEvents(platform, ctx, [
      host(a),
      finding({ host: a, plugin: '50' }),
      finding({ host: a, plugin: '51' }),
    ]);
    const now = clock.now().getTime();
    await setStatus('50', a, 'risk-accepted', new Date(now - 1000));
    await setStatus('51', a, 'risk-accepted', new Date(now + 1000));
    const r = await importEvents(platform, ctx, [host(a)]);
    expect(r).toMatchObject({ fixed: 1, leftOpenNotCovered: 0 });
    expect((await statusOf(sys.id, '50', a))?.status).toBe('verified');
    expect((await statusOf(sys.id, '51', a))?.status).toBe('risk-accepted');
  });

  it('hosts no system owns go to the unknown-assets queue and are listed; --system attaches them', async () => {
    const [a] = ips(1) as [string];
    const stranger = '192.0.2.77';
    const sys = await systemWithHosts(platform, ctx, orgId, [a]);
    const events = [
      host(a),
      host(stranger),
      finding({ host: a, plugin: '60' }),
      finding({ host: stranger, plugin: '60' }),
    ];
    const r = await importEvents(platform, ctx, events);
    expect(r).toMatchObject({ findings: 2, new: 2, unmatchedHosts: [stranger] });
    expect(await count('unknown_assets', 'host = $1 AND scan_count = 1', [stranger])).toBe(1);
    expect(await statusOf(null, '60', stranger)).toMatchObject({ status: 'open' });
    const forced = await importEvents(platform, ctx, events, { systemCode: sys.code });
    expect(forced).toMatchObject({ findings: 2, new: 1, unchanged: 1, unmatchedHosts: [] });
    expect(await statusOf(sys.id, '60', stranger)).toMatchObject({ status: 'open' });
    expect(await count('unknown_assets', 'host = $1 AND scan_count = 1', [stranger])).toBe(1);
  });

  it('host-less findings need --system', async () => {
    const before = await count('scans');
    await expect(
      importEvents(platform, ctx, [finding({ host: null, plugin: 'x' })], { format: 'sarif' }),
    ).rejects.toMatchObject({
      code: 'scans_system_required',
    });
    expect(await count('scans')).toBe(before);
  });

  it('a stream that fails at 90 % leaves nothing behind', async () => {
    const hosts = ips(10);
    await systemWithHosts(platform, ctx, orgId, hosts);
    const before = {
      scans: await count('scans'),
      findings: await count('findings'),
      events: await count('finding_events'),
    };
    const events = hosts.flatMap((h) => Array.from({ length: 10 }, (_, i) => finding({ host: h, plugin: `9${i}` })));
    const failing = (async function* () {
      let n = 0;
      for await (const e of stream(events)) {
        if (++n === 91) throw new ScanFormatError('scan_truncated');
        yield e;
      }
    })();
    await expect(importEvents(platform, ctx, failing)).rejects.toBeInstanceOf(ScanFormatError);
    expect({
      scans: await count('scans'),
      findings: await count('findings'),
      events: await count('finding_events'),
    }).toEqual(before);
    // The pool is healthy afterwards.
    expect((await importEvents(platform, ctx, events.slice(0, 5))).new).toBe(5);
  });

  it('members import only for their own organisation’s systems', async () => {
    const [own, foreign] = ips(2) as [string, string];
    const otherOrg = (await makeOrg(platform)).id;
    const mine = await systemWithHosts(platform, ctx, orgId, [own]);
    const theirs = await systemWithHosts(platform, ctx, otherOrg, [foreign]);
    const member: Ctx = {
      clock,
      actor: {
        kind: 'user',
        principal: {
          userId: crypto.randomUUID(),
          username: 'm',
          organisationId: orgId,
          roles: ['member'],
          via: 'session',
        },
      },
    };
    const r = await importEvents(platform, member, [
      finding({ host: own, plugin: '70' }),
      finding({ host: foreign, plugin: '70' }),
    ]);
    expect(r).toMatchObject({ findings: 1, new: 1, unmatchedHosts: [foreign] });
    expect(await count('findings', 'system_id = $1', [mine.id])).toBe(1);
    expect(await count('findings', 'system_id = $1', [theirs.id])).toBe(0);
    await expect(
      importEvents(platform, member, [finding({ host: own, plugin: '71' })], { systemCode: theirs.code }),
    ).rejects.toBeInstanceOf(AppError);
    const viewer: Ctx = {
      clock,
      actor: {
        kind: 'user',
        principal: { ...(member.actor.kind === 'user' ? member.actor.principal : ({} as never)), roles: ['viewer'] },
      },
    };
    await expect(importEvents(platform, viewer, [])).rejects.toMatchObject({ code: 'scans_import_forbidden' });
  });

  it('writes one audit entry per import with the summary', async () => {
    const [a] = ips(1) as [string];
    await systemWithHosts(platform, ctx, orgId, [a]);
    const r = await importEvents(platform, ctx, [host(a), finding({ host: a, plugin: '80' })]);
    const { rows } = await platform.pool.query<{ diff: { detail: Record<string, unknown> } }>(
      `SELECT diff FROM audit_log WHERE action = 'scans.import' AND subject_id = $1`,
      [r.scanId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.diff.detail).toMatchObject({ findings: 1, new: 1, format: 'nessus' });
  });
});

void pg;

describe('concurrent imports', () => {
  it('two imports of the same new findings at once: one creates them, the other sees them again', async () => {
    const [a] = ips(1) as [string];
    const sys = await systemWithHosts(platform, ctx, orgId, [a]);
    const events = [host(a), finding({ host: a, plugin: 'c1' }), finding({ host: a, plugin: 'c2' })];
    const [x, y] = await Promise.all([importEvents(platform, ctx, events), importEvents(platform, ctx, events)]);
    expect([x.new, y.new].sort()).toEqual([0, 2]);
    expect([x.unchanged, y.unchanged].sort()).toEqual([0, 2]);
    expect(await count('findings', 'system_id = $1', [sys.id])).toBe(2);
  });
});
