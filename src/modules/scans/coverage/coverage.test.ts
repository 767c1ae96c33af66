import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login } from '../../../../test/http.ts';
import { startSmtpPeer } from '../../../../test/smtp-peer.ts';
import { systemCtx } from '../../../platform/actor.ts';
import { stopOwnershipService } from '../../constituency/networks/ownership-service.ts';
import type { Role } from '../../identity/tables.ts';
import { deliverDue } from '../../notify/commands/deliver-due.ts';
import { finding, host, importEvents, systemWithHosts } from '../test-support.ts';
import { addMonthsUtc, coverageStatus, DEFAULT_COVERAGE_RULE } from './due-status.ts';
import { coverageExpressions, coverageFacts } from './queries.ts';
import { sendScanDigests } from './send-scan-digests.ts';
import { COVERAGE_MONTHS_SETTING } from './settings.ts';

let env: TestEnv;
const ctx = () => systemCtx('system:test', env.clock);
const T0 = new Date('2026-01-31T10:00:00Z');
const ms = (iso: string) => new Date(iso);

let orgA: string;
let orgB: string;
let ipSeq = 0;
const ip = () => `198.51.201.${++ipSeq}`;

beforeAll(async () => {
  env = await testEnv({ poolSize: 6 });
  env.clock.set(T0);
  orgA = (await makeOrg(env.platform, 'member', 'Sở Tài chính')).id;
  orgB = (await makeOrg(env.platform, 'member', 'Sở Y tế')).id;
});
afterAll(async () => {
  await stopOwnershipService(env.platform);
  await env.close();
});

async function factOf(systemId: string) {
  const facts = await coverageFacts(env.platform.db, env.clock.now(), DEFAULT_COVERAGE_RULE);
  return facts.find((f) => f.systemId === systemId);
}

/** A fresh login at the clock's current time (sessions expire when the clock jumps months). */
async function client(organisationId: string, roles: Role[]) {
  const u = await makeUser(env.platform, organisationId, roles);
  const s = await login(env.app, u.username, PASSWORD);
  return (url: string) => as(env.app, s)('GET', url);
}

describe('coverage status across the boundary dates', () => {
  it('ok → due-soon 30 days before → overdue at six months; never-scanned without a scan', async () => {
    env.clock.set(T0);
    const hostIp = ip();
    const scanned = await systemWithHosts(env.platform, ctx(), orgA, [hostIp]);
    const never = await systemWithHosts(env.platform, ctx(), orgA, [ip()]);
    await importEvents(env.platform, ctx(), [host(hostIp)]);

    expect(await factOf(never.id)).toEqual({
      systemId: never.id,
      lastScanAt: null,
      nextDueAt: null,
      status: 'never-scanned',
    });
    // 31 January + 6 months = 31 July, same time of day
    const steps: [string, string][] = [
      ['2026-01-31T10:00:00.000Z', 'ok'],
      ['2026-07-01T09:59:59.999Z', 'ok'],
      ['2026-07-01T10:00:00.000Z', 'due-soon'],
      ['2026-07-31T09:59:59.999Z', 'due-soon'],
      ['2026-07-31T10:00:00.000Z', 'overdue'],
    ];
    for (const [at, status] of steps) {
      env.clock.set(ms(at));
      const f = await factOf(scanned.id);
      expect({ at, status: f?.status }).toEqual({ at, status });
      expect(f?.lastScanAt?.toISOString()).toBe(T0.toISOString());
      expect(f?.nextDueAt?.toISOString()).toBe('2026-07-31T10:00:00.000Z');
    }
    // a new scan of the host resets the clock; a byte-identical file imported again does not
    await importEvents(env.platform, ctx(), [host(hostIp)], { sha256: 'coverage-same-file' });
    expect((await factOf(scanned.id))?.status).toBe('ok');
    env.clock.set(ms('2027-01-31T10:00:00Z'));
    await importEvents(env.platform, ctx(), [host(hostIp)], { sha256: 'coverage-same-file' });
    expect((await factOf(scanned.id))?.status).toBe('overdue');
  });

  it('counts a --system scan (a shared provincial system too) and follows the configured interval', async () => {
    env.clock.set(T0);
    const shared = await systemWithHosts(env.platform, ctx(), orgB, []);
    await env.platform.pool.query('UPDATE information_systems SET shared_provincial = true WHERE id = $1', [shared.id]);
    await importEvents(env.platform, ctx(), [finding({ host: null, plugin: 'sarif-1' })], {
      systemCode: shared.code,
      format: 'sarif',
    });
    env.clock.set(ms('2026-05-01T10:00:00Z'));
    expect((await factOf(shared.id))?.status).toBe('ok');
    await env.platform.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2)', [COVERAGE_MONTHS_SETTING, '3']);
    try {
      const r = await (await client(orgB, ['member']))(`/api/scans/coverage?organisationId=${orgB}`);
      expect(r.statusCode).toBe(200);
      const item = r.json().items.find((i: { systemId: string }) => i.systemId === shared.id);
      expect(item).toMatchObject({
        sharedProvincial: true,
        status: 'overdue',
        lastScanAt: T0.toISOString(),
        nextDueAt: '2026-04-30T10:00:00.000Z',
      });
      expect(r.json().months).toBe(3);
    } finally {
      await env.platform.pool.query('DELETE FROM settings WHERE key = $1', [COVERAGE_MONTHS_SETTING]);
    }
  });
});

describe('the SQL status agrees with due-status.ts', () => {
  it('for random scan dates, check dates and rules (month ends, leap years)', async () => {
    const day = 86_400_000;
    const date = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const sample = fc.record({
      last: fc.option(date, { nil: null }),
      offsetDays: fc.integer({ min: -30, max: 2000 }),
      offsetMs: fc.integer({ min: -day, max: day }),
      months: fc.integer({ min: 1, max: 36 }),
      days: fc.integer({ min: 1, max: 90 }),
    });
    const samples = fc.sample(sample, { numRuns: 400, seed: 7 });
    // exact boundaries too: the due instant, and the first due-soon instant
    for (const last of [new Date('2026-08-31T17:30:00Z'), new Date('2024-02-29T00:00:00Z')]) {
      const due = addMonthsUtc(last, 6).getTime();
      for (const at of [due - 1, due, due - 30 * day - 1, due - 30 * day])
        samples.push({ last, offsetDays: 0, offsetMs: at - last.getTime(), months: 6, days: 30 });
    }
    const rowsIn = samples.map((s) => {
      const base = s.last ?? new Date('2030-01-01T00:00:00Z');
      return { ...s, at: new Date(base.getTime() + s.offsetDays * day + s.offsetMs) };
    });
    const e = coverageExpressions(sql`t.last`, sql`t.at`, sql`t.months`, sql`t.days`);
    const result = await env.platform.db.execute<{ i: number; due: string | null; status: string }>(sql`
      SELECT t.i::int AS i, (${e.due} AT TIME ZONE 'UTC') AS due, ${e.status} AS status
        FROM jsonb_to_recordset(${JSON.stringify(
          rowsIn.map((r, i) => ({ i: i + 1, last: r.last, at: r.at, months: r.months, days: r.days })),
        )}::jsonb) AS t(i int, last timestamptz, at timestamptz, months int, days int)
       ORDER BY t.i`);
    const mismatches = result.rows.flatMap((row) => {
      const r = rowsIn[row.i - 1] ?? expect.unreachable();
      const rule = { months: r.months, dueSoonDays: r.days };
      const want = coverageStatus(r.last, r.at, rule);
      const wantDue = r.last ? addMonthsUtc(r.last, r.months).getTime() : null;
      const gotDue = row.due === null ? null : new Date(row.due).getTime();
      return want === row.status && wantDue === gotDue ? [] : [{ ...r, sql: row }];
    });
    expect(mismatches).toEqual([]);
    expect(result.rows).toHaveLength(rowsIn.length);
  });
});

describe('visibility, filters and paging', () => {
  let orgC: string;
  let orgD: string;
  beforeAll(async () => {
    env.clock.set(T0);
    orgC = (await makeOrg(env.platform)).id;
    orgD = (await makeOrg(env.platform)).id;
    const c1 = ip();
    await systemWithHosts(env.platform, ctx(), orgC, [c1]);
    await systemWithHosts(env.platform, ctx(), orgC, [ip()]);
    await systemWithHosts(env.platform, ctx(), orgC, [ip()]);
    await systemWithHosts(env.platform, ctx(), orgD, [ip()]);
    await importEvents(env.platform, ctx(), [host(c1)]);
  });

  it('a member sees its organisation’s systems only, and is refused another organisation', async () => {
    env.clock.set(ms('2026-03-01T00:00:00Z'));
    const get = await client(orgC, ['member']);
    const mine = await get('/api/scans/coverage?limit=100');
    expect(mine.statusCode).toBe(200);
    const owners = new Set(mine.json().items.map((i: { owner: { id: string } }) => i.owner.id));
    expect([...owners]).toEqual([orgC]);
    expect(mine.json().items).toHaveLength(3);
    expect((await get(`/api/scans/coverage?organisationId=${orgD}`)).statusCode).toBe(403);
    expect((await get(`/api/scans/coverage/summary?organisationId=${orgD}`)).statusCode).toBe(403);
    const summary = (await get('/api/scans/coverage/summary')).json();
    expect(summary.total).toEqual({ ok: 1, 'due-soon': 0, overdue: 0, 'never-scanned': 2, total: 3 });
    const partner = await client(orgC, ['partner']);
    expect((await partner('/api/scans/coverage')).statusCode).toBe(403);
  });

  it('the IR team sees every organisation, filters by status and pages by system code', async () => {
    env.clock.set(ms('2026-03-01T00:00:00Z'));
    const get = await client(orgA, ['responder']);
    const never = await get(`/api/scans/coverage?organisationId=${orgC}&status=never-scanned&limit=1`);
    expect(never.statusCode).toBe(200);
    expect(never.json().items).toHaveLength(1);
    const next = await get(
      `/api/scans/coverage?organisationId=${orgC}&status=never-scanned&limit=1&cursor=${never.json().nextCursor}`,
    );
    expect(next.json().items).toHaveLength(1);
    expect(next.json().nextCursor).toBeNull();
    expect(next.json().items[0].code > never.json().items[0].code).toBe(true);
    const summary = (await get('/api/scans/coverage/summary')).json();
    const byOrg = Object.fromEntries(
      summary.organisations.map((o: { organisationId: string }) => [o.organisationId, o]),
    );
    expect(byOrg[orgC]).toMatchObject({ ok: 1, 'never-scanned': 2, total: 3 });
    expect(byOrg[orgD]).toMatchObject({ 'never-scanned': 1, total: 1 });
    expect(summary.total.total).toBe(summary.organisations.reduce((n: number, o: { total: number }) => n + o.total, 0));
  });
});

describe('SLA: overdue findings and the daily digest', () => {
  let orgE: string;
  let orgF: string;
  let systemE: string;
  beforeAll(async () => {
    env.clock.set(T0);
    orgE = (await makeOrg(env.platform, 'member', 'Sở Nội vụ')).id;
    orgF = (await makeOrg(env.platform, 'member', 'Sở Xây dựng')).id;
    const e1 = ip();
    const f1 = ip();
    systemE = (await systemWithHosts(env.platform, ctx(), orgE, [e1])).id;
    await systemWithHosts(env.platform, ctx(), orgF, [f1]);
    await importEvents(env.platform, ctx(), [
      host(e1),
      finding({ host: e1, plugin: 'c1', severity: 'critical' }), // due T0 + 7 days
      finding({ host: e1, plugin: 'c2', severity: 'critical' }),
      finding({ host: e1, plugin: 'h1', severity: 'high' }), // due T0 + 30 days
      finding({ host: e1, plugin: 'i1', severity: 'info' }), // no deadline
      host(f1),
    ]);
    await env.platform.pool.query(
      "UPDATE findings SET status = 'fixed-claimed' WHERE system_id = $1 AND plugin_id = 'c2'",
      [systemE],
    );
    for (const [org, email] of [
      [orgE, 'noi-vu@so.test'],
      [orgF, 'xay-dung@so.test'],
    ] as const) {
      await env.platform.pool.query(
        'INSERT INTO organisation_notify_addresses (organisation_id, email) VALUES ($1, $2)',
        [org, email],
      );
    }
  });

  it('counts findings past their deadline per organisation × severity, in scope', async () => {
    env.clock.set(ms('2026-02-07T10:00:00Z')); // exactly the critical deadline: not yet overdue
    const ir = await client(orgA, ['coordinator']);
    const atDeadline = (await ir(`/api/findings/overdue/summary?organisationId=${orgE}`)).json();
    expect(atDeadline.total.total).toBe(0);
    env.clock.set(ms('2026-02-07T10:00:00.001Z'));
    const after = (await ir(`/api/findings/overdue/summary?organisationId=${orgE}`)).json();
    expect(after.organisations).toEqual([
      { organisationId: orgE, name: 'Sở Nội vụ', critical: 1, high: 0, medium: 0, low: 0, total: 1 },
    ]);
    env.clock.set(ms('2026-03-15T00:00:00Z'));
    const member = await client(orgE, ['member-lead']);
    const own = (await member('/api/findings/overdue/summary')).json();
    expect(own.total).toEqual({ critical: 1, high: 1, medium: 0, low: 0, total: 2 });
    expect((await member(`/api/findings/overdue/summary?organisationId=${orgF}`)).statusCode).toBe(403);
    const memberF = await client(orgF, ['member']);
    expect((await memberF('/api/findings/overdue/summary')).json().total.total).toBe(0);
  });

  it('sends each organisation one AMBER e-mail a day with its counts, and not twice on a re-run', async () => {
    const peer = await startSmtpPeer();
    try {
      env.platform.config.mail = { smtpUrl: peer.url, from: 'CanhGác <canhgac@csirt.test>', digestHour: 7 };
      // 1 August: every system scanned on T0 is overdue for a scan; the unscanned ones never were
      env.clock.set(ms('2026-08-01T01:00:00Z'));
      const first = await sendScanDigests(env.platform);
      expect(first.sent).toBeGreaterThanOrEqual(2);
      await deliverDue(env.platform);
      const to = (address: string) => peer.received.filter((r) => r.envelopeTo.includes(address));
      expect(to('noi-vu@so.test')).toHaveLength(1);
      expect(to('xay-dung@so.test')).toHaveLength(1);
      const e = to('noi-vu@so.test')[0]?.mail ?? expect.unreachable();
      expect(e.subject).toContain('Sở Nội vụ: 2 phát hiện quá hạn xử lý');
      expect(e.text).toContain('- Nghiêm trọng: 1\n- Cao: 1\n- Trung bình: 0\n- Thấp: 0');
      expect(e.text).toMatch(/Hệ thống quá hạn quét: SCAN-\d+-\d+ Hệ thống quét/);
      expect(e.text).toContain(`/scans/coverage?organisationId=${orgE}`);
      // AMBER: counts and names, never a finding's title or host
      expect(e.text).not.toContain('Plugin c1');
      const f = to('xay-dung@so.test')[0]?.mail ?? expect.unreachable();
      expect(f.subject).toContain('Sở Xây dựng: 0 phát hiện quá hạn xử lý, 1 hệ thống cần quét');

      const sentBefore = peer.received.length;
      env.clock.set(ms('2026-08-01T16:59:00Z')); // 23:59 the same day in Vietnam
      expect(await sendScanDigests(env.platform)).toEqual({ sent: 0, skipped: first.sent });
      await deliverDue(env.platform);
      expect(peer.received).toHaveLength(sentBefore);

      env.clock.set(ms('2026-08-01T17:00:00Z')); // the next day in Vietnam
      expect((await sendScanDigests(env.platform)).sent).toBe(first.sent);
    } finally {
      env.platform.config.mail = undefined;
      await peer.close();
    }
  });
});
