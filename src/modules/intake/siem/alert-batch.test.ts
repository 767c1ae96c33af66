// The group commit of the SIEM webhook (#6 at load): alerts handed to the batcher in the same turn
// of the event loop share one transaction; grouping, replays and below-level alerts inside a batch
// behave as they do one by one; a batch that fails is retried alert by alert.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login } from '../../../../test/http.ts';
import { systemCtx } from '../../../platform/actor.ts';
import { AlertBatcher } from './alert-batcher.ts';
import type { AlertOutcome } from './commands/receive-alert.ts';
import { mapAlert } from './map-alert.ts';
import { type SourceConfig, sourceConfig } from './source-cache.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/siem/${name}`, import.meta.url), 'utf8'));

let env: TestEnv;
let admin: ReturnType<typeof as>;
let batcher: AlertBatcher;
const batchErrors: unknown[] = [];

async function source(body: Record<string, unknown>): Promise<SourceConfig> {
  const res = await admin('POST', '/api/intake/siem/sources', { kind: 'wazuh', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const config = await sourceConfig(env.platform.db, env.platform.keys.webhookSecrets, res.json().item.id);
  if (!config) throw new Error('source not found');
  return config;
}

/** Hands every alert to the batcher in one turn of the event loop: they form one batch. */
function oneBatch(src: SourceConfig, alerts: Record<string, unknown>[]): Promise<AlertOutcome[]> {
  return Promise.all(
    alerts.map((a) => {
      const raw = JSON.stringify(a);
      const mapped = mapAlert(src.kind, src.mapping, a);
      if (!mapped.ok) throw new Error('fixture does not map');
      return batcher.submit(systemCtx('system:siem-webhook', env.clock), src, mapped.alert, raw);
    }),
  );
}

const wazuh = (id: string, srcip: string, over: Record<string, unknown> = {}) => ({
  ...fixture('wazuh-sshd-bruteforce.json'),
  id,
  data: { srcip },
  ...over,
});
const low = (id: string) => ({ ...fixture('wazuh-syscheck-low.json'), id });

async function reportRows(sourceId: string) {
  const r = await env.platform.pool.query<{ id: string; status: string; alerts: string[] }>(
    `SELECT r.id, r.status, array_agg(a.external_id ORDER BY a.external_id) AS alerts
       FROM reports r JOIN siem_alerts a ON a.report_id = r.id
      WHERE a.source_id = $1 GROUP BY r.id, r.status ORDER BY min(a.external_id)`,
    [sourceId],
  );
  return r.rows;
}

async function auditCount(action: string, reportId: string): Promise<number> {
  const r = await env.platform.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND subject_id = $2`,
    [action, reportId],
  );
  return r.rows[0]?.n ?? 0;
}

beforeAll(async () => {
  env = await testEnv({ poolSize: 8 });
  const orgId = (await makeOrg(env.platform)).id;
  const a = await makeUser(env.platform, orgId, ['admin']);
  admin = as(env.app, await login(env.app, a.username, a.password));
  batcher = new AlertBatcher(env.platform.db, { onBatchError: (err) => batchErrors.push(err) });
});
afterAll(async () => {
  await batcher.drained();
  await env.close();
});

describe('SIEM alert batches (group commit)', () => {
  it('alerts of one batch sharing an observable make one report; a replay in the batch answers with the same alert; below-level alerts are logged', async () => {
    const src = await source({ name: 'Wazuh lô', minLevel: 7 });
    const out = await oneBatch(src, [
      wazuh('b.1', '198.51.100.1'),
      wazuh('b.2', '198.51.100.1'),
      wazuh('b.3', '198.51.100.2'),
      wazuh('b.1', '198.51.100.1'),
      wazuh('b.4', '198.51.100.1'),
      low('b.low.1'),
      low('b.low.1'),
    ]);
    expect(batchErrors).toEqual([]);
    const [first, second, other, replay, fourth, logged, loggedReplay] = out as AlertOutcome[];
    expect(first).toMatchObject({ grouped: false, queued: true, created: true });
    expect(second).toMatchObject({ reportId: first?.reportId, grouped: true, created: true });
    expect(fourth).toMatchObject({ reportId: first?.reportId, grouped: true, created: true });
    expect(other).toMatchObject({ grouped: false, created: true });
    expect(other?.reportId).not.toBe(first?.reportId);
    expect(replay).toEqual({ ...first, created: false });
    expect(logged).toMatchObject({ queued: false, grouped: false, created: true });
    expect(loggedReplay).toEqual({ ...logged, created: false });

    // one transaction: every row of the batch carries the same inserting transaction id
    const tx = await env.platform.pool.query<{ n: number }>(
      `SELECT count(DISTINCT xmin::text)::int AS n FROM (SELECT xmin FROM siem_alerts WHERE source_id = $1
        UNION ALL SELECT xmin FROM reports WHERE channel_key = $2) x`,
      [src.id, `webhook:${src.id}`],
    );
    expect(tx.rows[0]?.n).toBe(1);
    const rows = await reportRows(src.id);
    expect(rows).toEqual([
      { id: first?.reportId, status: 'new', alerts: ['b.1', 'b.2', 'b.4'] },
      { id: other?.reportId, status: 'new', alerts: ['b.3'] },
      { id: logged?.reportId, status: 'logged', alerts: ['b.low.1'] },
    ]);
    expect(await auditCount('incident.report.submit', first?.reportId ?? '')).toBe(1);
    expect(await auditCount('intake.siem.alert.group', first?.reportId ?? '')).toBe(2);
    expect(await auditCount('intake.siem.alert.replay', first?.reportId ?? '')).toBe(1);
    expect(await auditCount('intake.siem.alert.replay', logged?.reportId ?? '')).toBe(1);
  });

  it('a batch joins the untriaged report of a stored alert within the window, answers stored replays, and opens a new report past the window', async () => {
    const src = await source({ name: 'Wazuh lô cửa sổ', groupWindowMinutes: 10 });
    const [stored] = await oneBatch(src, [wazuh('w.1', '198.51.100.30')]);
    env.clock.advance(5 * 60_000);
    const [joined, replayed, fresh] = await oneBatch(src, [
      wazuh('w.2', '198.51.100.30'),
      wazuh('w.1', '198.51.100.30'),
      wazuh('w.3', '198.51.100.31'),
    ]);
    expect(joined).toMatchObject({ reportId: stored?.reportId, grouped: true, created: true });
    expect(replayed).toEqual({ ...stored, created: false });
    expect(fresh?.reportId).not.toBe(stored?.reportId);
    env.clock.advance(11 * 60_000);
    const [late] = await oneBatch(src, [wazuh('w.4', '198.51.100.30')]);
    expect(late).toMatchObject({ grouped: false, created: true });
    expect(late?.reportId).not.toBe(stored?.reportId);
  });

  it('a triaged report takes no more alerts from a batch', async () => {
    const src = await source({ name: 'Wazuh lô phân loại' });
    const [first] = await oneBatch(src, [wazuh('t.1', '198.51.100.40')]);
    const triage = await admin('POST', `/api/reports/${first?.reportId}/triage`, {
      action: 'dismiss',
      outcome: 'not-incident',
      reason: 'Quét thử',
    });
    expect(triage.statusCode, triage.body).toBe(200);
    const [next, after] = await oneBatch(src, [wazuh('t.2', '198.51.100.40'), wazuh('t.3', '198.51.100.40')]);
    expect(next).toMatchObject({ grouped: false, created: true });
    expect(next?.reportId).not.toBe(first?.reportId);
    expect(after).toMatchObject({ reportId: next?.reportId, grouped: true });
  });

  it('a batch that fails is retried alert by alert: only the faulty alert fails, the others are stored once', async () => {
    const src = await source({ name: 'Wazuh lô lỗi' });
    // a source that is not in the database: its alert row breaks the batch's transaction
    const ghost: SourceConfig = { ...src, id: randomUUID(), name: 'ghost' };
    const raw = (a: Record<string, unknown>) => JSON.stringify(a);
    const submit = (s: SourceConfig, a: Record<string, unknown>) => {
      const mapped = mapAlert('wazuh', null, a);
      if (!mapped.ok) throw new Error('fixture does not map');
      return batcher.submit(systemCtx('system:siem-webhook', env.clock), s, mapped.alert, raw(a));
    };
    const results = await Promise.allSettled([
      submit(src, wazuh('f.1', '198.51.100.50')),
      submit(ghost, wazuh('f.2', '198.51.100.50')),
      submit(src, wazuh('f.3', '198.51.100.50')),
    ]);
    expect(batchErrors.length).toBe(1);
    batchErrors.length = 0;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await reportRows(src.id);
    expect(rows).toEqual([{ id: expect.any(String), status: 'new', alerts: ['f.1', 'f.3'] }]);
    const ghostReports = await env.platform.pool.query('SELECT 1 FROM reports WHERE channel_key = $1', [
      `webhook:${ghost.id}`,
    ]);
    expect(ghostReports.rowCount).toBe(0);
  });
});
