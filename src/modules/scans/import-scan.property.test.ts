import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.ts';
import { freshDatabase, testPlatform } from '../../../test/harness.ts';
import type { ScanEvent } from '../../formats/scans/types.ts';
import { type Ctx, systemCtx } from '../../platform/actor.ts';
import { TestClock } from '../../platform/clock.ts';
import type { Platform } from '../../platform/platform.ts';
import { stopOwnershipService } from '../constituency/networks/ownership-service.ts';
import { finding, host, importEvents, systemWithHosts } from './test-support.ts';

/**
 * Random sequences of scans (and owner actions between them) over 3 hosts × 3 plugins × 2 ports:
 * the bucket counts add up, and every finding's status matches a small in-memory model of #7's rules.
 */

const PLUGINS = ['p1', 'p2', 'p3'];
const PORTS = [80, 443];
const ACTIONS = ['in-remediation', 'fixed-claimed', 'false-positive', 'risk-live', 'risk-expired'] as const;

type Scan = {
  hosts: { h: number; ports: number[] | null }[];
  findings: { h: number; plugin: number; port: number }[];
  actions: { key: number; action: (typeof ACTIONS)[number] }[];
};

const scanArb: fc.Arbitrary<Scan> = fc.record({
  hosts: fc.uniqueArray(fc.record({ h: fc.nat(2), ports: fc.option(fc.subarray(PORTS), { nil: null }) }), {
    selector: (x) => x.h,
    minLength: 1,
    maxLength: 3,
  }),
  findings: fc.array(fc.record({ h: fc.nat(2), plugin: fc.nat(2), port: fc.constantFrom(...PORTS) }), {
    minLength: 2,
    maxLength: 14,
  }),
  actions: fc.array(fc.record({ key: fc.nat(17), action: fc.constantFrom(...ACTIONS) }), { maxLength: 4 }),
});

type Model = Map<string, { status: string; expired: boolean }>;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let platform: Platform;
let clock: TestClock;
let ctx: Ctx;
let orgId: string;
let run = 0;

beforeAll(async () => {
  db = await freshDatabase();
  clock = new TestClock();
  platform = testPlatform(db.url, { clock });
  ctx = systemCtx('system:test', clock);
  orgId = (await makeOrg(platform)).id;
});

afterAll(async () => {
  await stopOwnershipService(platform);
  await platform.pool.end();
  await db.drop();
});

const keyOf = (h: string, plugin: string, port: number) => `${h}|${plugin}|${port}`;
const openLike = (m: { status: string; expired: boolean }) =>
  ['open', 'in-remediation', 'fixed-claimed'].includes(m.status) || (m.status === 'risk-accepted' && m.expired);

describe('re-scan semantics (property)', () => {
  it('bucket counts add up and statuses follow the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(scanArb, { minLength: 2, maxLength: 5 }), async (scans) => {
        run++;
        const hosts = [0, 1, 2].map((i) => `100.${64 + Math.floor(run / 250)}.${run % 250}.${i + 1}`);
        const sys = await systemWithHosts(platform, ctx, orgId, hosts);
        const model: Model = new Map();
        for (const scan of scans) {
          // Owner actions on existing findings (by index into the universe).
          for (const a of scan.actions) {
            // On an existing finding, picked by index.
            const k = [...model.keys()][a.key % Math.max(model.size, 1)];
            if (k === undefined) continue;
            const [h, plugin, port] = k.split('|');
            const status = a.action.startsWith('risk') ? 'risk-accepted' : a.action;
            const expires =
              a.action === 'risk-expired'
                ? new Date(clock.now().getTime() - 1000)
                : a.action === 'risk-live'
                  ? new Date(clock.now().getTime() + 86_400_000)
                  : null;
            await platform.pool.query(
              'UPDATE findings SET status = $1, risk_expires_at = $2 WHERE system_id = $3 AND host = $4 AND plugin_id = $5 AND port = $6',
              [status, expires, sys.id, h, plugin, Number(port)],
            );
            model.set(k, { status, expired: a.action === 'risk-expired' });
          }
          const covered = new Map(scan.hosts.map((x) => [x.h, x.ports]));
          // Findings only on covered hosts; a covered port list includes the finding's port.
          const fs = scan.findings.filter((f) => covered.has(f.h) && (covered.get(f.h) ?? PORTS).includes(f.port));
          const events: ScanEvent[] = [
            ...scan.hosts.map((x) => host(hosts[x.h] as string, x.ports)),
            ...fs.map((f) =>
              finding({ host: hosts[f.h] as string, plugin: PLUGINS[f.plugin] as string, port: f.port }),
            ),
          ];
          const r = await importEvents(platform, ctx, events);

          const expected = {
            findings: 0,
            new: 0,
            unchanged: 0,
            reopened: 0,
            suppressed: 0,
            fixed: 0,
            leftOpenNotCovered: 0,
          };
          const seen = new Set(fs.map((f) => keyOf(hosts[f.h] as string, PLUGINS[f.plugin] as string, f.port)));
          for (const k of seen) {
            expected.findings++;
            const m = model.get(k);
            if (!m) {
              expected.new++;
              model.set(k, { status: 'open', expired: false });
            } else if (m.status === 'verified') {
              expected.reopened++;
              model.set(k, { status: 'open', expired: false });
            } else if (m.status === 'false-positive' || (m.status === 'risk-accepted' && !m.expired)) {
              expected.suppressed++;
            } else {
              expected.unchanged++;
              if (m.status !== 'in-remediation') model.set(k, { status: 'open', expired: false });
            }
          }
          const touched = scan.hosts.length > 0;
          for (const [k, m] of model) {
            if (seen.has(k) || !openLike(m) || !touched) continue;
            const [h, , port] = k.split('|');
            const ports = covered.get(hosts.indexOf(h as string));
            const isCovered =
              covered.has(hosts.indexOf(h as string)) && (ports === null || ports?.includes(Number(port)));
            if (isCovered) {
              expected.fixed++;
              model.set(k, { status: 'verified', expired: false });
            } else expected.leftOpenNotCovered++;
          }
          expect(r).toMatchObject(expected);
          expect(r.new + r.unchanged + r.reopened + r.suppressed).toBe(r.findings);

          const { rows } = await platform.pool.query<{ host: string; plugin_id: string; port: number; status: string }>(
            'SELECT host, plugin_id, port, status FROM findings WHERE system_id = $1',
            [sys.id],
          );
          const actual = Object.fromEntries(rows.map((x) => [keyOf(x.host, x.plugin_id, x.port), x.status]));
          const wanted = Object.fromEntries(
            [...model].map(([k, m]) => [
              k,
              m.status === 'risk-accepted' && m.expired && seen.has(k) ? 'open' : m.status,
            ]),
          );
          expect(actual).toEqual(wanted);
          // The model keeps an expired acceptance seen again as open.
          for (const k of seen) {
            const m = model.get(k);
            if (m?.status === 'risk-accepted' && m.expired) model.set(k, { status: 'open', expired: false });
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
