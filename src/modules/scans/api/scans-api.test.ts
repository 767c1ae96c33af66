import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login, type Session } from '../../../../test/http.ts';
import { systemCtx } from '../../../platform/actor.ts';
import { systemWithHosts } from '../test-support.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../formats/scans/nessus/fixtures/small.nessus');

let env: TestEnv;
let bytes: Buffer;
let sysA: { id: string; code: string };
let sysC: { id: string; code: string };
const s: Record<'coord' | 'memberA' | 'leadA' | 'memberB' | 'viewer', Session> = {} as never;

function form(content: Buffer, name: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new File([new Uint8Array(content)], name));
  return f;
}

type Job = {
  id: string;
  state: string;
  progress: { bytesRead: number; bytesTotal: number };
  summary: Record<string, unknown>;
  error: { code: string; message: string } | null;
};

/** Uploads and waits for the job to finish (the GET is polled until the state is final). */
async function upload(session: Session, content: Buffer, fields: Record<string, string> = {}): Promise<Job> {
  const res = await as(env.app, session)('POST', '/api/scans', form(content, 'small.nessus', fields));
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json<{ jobId: string }>();
  for (;;) {
    const job = (await as(env.app, session)('GET', `/api/scans/jobs/${jobId}`)).json<Job>();
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Finding = { id: string; systemId: string | null; status: string; host: string | null; severity: string };
async function findings(session: Session, query = ''): Promise<Finding[]> {
  const res = await as(env.app, session)('GET', `/api/findings?limit=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Finding[] }>().items;
}

beforeAll(async () => {
  env = await testEnv({ poolSize: 6 });
  bytes = await fs.readFile(FIXTURE);
  const orgA = (await makeOrg(env.platform)).id;
  const orgB = (await makeOrg(env.platform)).id;
  const ctx = systemCtx('system:test', env.platform.clock);
  sysA = await systemWithHosts(env.platform, ctx, orgA, ['192.0.2.10']);
  sysC = await systemWithHosts(env.platform, ctx, orgB, ['198.51.100.77']);
  const users = {
    coord: await makeUser(env.platform, orgB, ['coordinator']),
    memberA: await makeUser(env.platform, orgA, ['member']),
    leadA: await makeUser(env.platform, orgA, ['member-lead']),
    memberB: await makeUser(env.platform, orgB, ['member']),
    viewer: await makeUser(env.platform, orgA, ['viewer']),
  };
  for (const [k, u] of Object.entries(users)) s[k as keyof typeof s] = await login(env.app, u.username, PASSWORD);
});
afterAll(() => env?.close());

describe('scans API', () => {
  it('uploads a Nessus file as a job: progress, then the CLI summary; unmatched hosts queue up', async () => {
    const job = await upload(s.coord, bytes);
    expect(job.state).toBe('done');
    expect(job.progress).toEqual({ bytesRead: bytes.length, bytesTotal: bytes.length });
    const items = (bytes.toString('utf8').match(/<ReportItem /g) ?? []).length;
    expect(job.summary).toMatchObject({ format: 'nessus', new: job.summary.findings, duplicateOf: null });
    expect(job.summary.findings).toBeGreaterThan(0);
    expect(job.summary.findings).toBeLessThanOrEqual(items);
    expect((job.summary.unmatchedHosts as string[]).length).toBeGreaterThan(0);
    const scan = await as(env.app, s.coord)('GET', `/api/scans/${job.summary.scanId}`);
    expect(scan.json().item.summary.new).toBe(job.summary.findings);
    const assets = await as(env.app, s.coord)('GET', '/api/scans/unknown-assets');
    expect(
      assets
        .json()
        .items.map((a: { host: string }) => a.host)
        .sort(),
    ).toEqual([...(job.summary.unmatchedHosts as string[])].sort());
  });

  it('a job cut off by a restart (no heartbeat for 2 minutes) reads as failed, with the reason', async () => {
    const job = await upload(s.coord, bytes);
    await env.platform.pool.query(
      `UPDATE scan_jobs SET state = 'running', heartbeat_at = now() - interval '3 minutes' WHERE id = $1`,
      [job.id],
    );
    const cut = (await as(env.app, s.coord)('GET', `/api/scans/jobs/${job.id}`)).json();
    expect(cut).toMatchObject({ state: 'failed', error: { code: 'scans_job_interrupted' } });
    expect(cut.error.message).toContain('restarted');
    await env.platform.pool.query(`UPDATE scan_jobs SET heartbeat_at = now() WHERE id = $1`, [job.id]);
    const alive = (await as(env.app, s.coord)('GET', `/api/scans/jobs/${job.id}`)).json();
    expect(alive).toMatchObject({ state: 'running', error: null });
  });

  it('a bad file fails its job with the localised reason and writes nothing', async () => {
    const before = await env.platform.pool.query('SELECT count(*)::int AS n FROM scans');
    const job = await upload(s.coord, bytes.subarray(0, Math.floor(bytes.length * 0.6)), { format: 'nessus' });
    expect(job.state).toBe('failed');
    expect(job.error?.code).toMatch(/^scan_/);
    expect(job.error?.message).not.toBe(job.error?.code);
    const after = await env.platform.pool.query('SELECT count(*)::int AS n FROM scans');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const refused = await as(env.app, s.viewer)('POST', '/api/scans', form(bytes, 'x.nessus'));
    expect(refused.statusCode).toBe(403);
    const foreign = await as(env.app, s.memberB)('POST', '/api/scans', form(bytes, 'x.nessus', { systemId: sysA.id }));
    expect(foreign.statusCode).toBe(403);
  });

  it('filters and visibility: members see their systems’ findings, unknown-asset findings only the IR team', async () => {
    const all = await findings(s.coord);
    const mine = await findings(s.memberA);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.systemId === sysA.id)).toBe(true);
    expect(all.filter((f) => f.systemId === sysA.id).length).toBe(mine.length);
    expect(await findings(s.memberB)).toEqual([]);
    expect((await as(env.app, s.viewer)('GET', '/api/findings')).statusCode).toBe(403);
    const queued = await findings(s.coord, '&unassigned=true');
    expect(queued.length).toBe(all.length - mine.length);
    expect(queued.every((f) => f.systemId === null)).toBe(true);
    const byHost = await findings(s.coord, '&host=192.0.2.10');
    expect(byHost.map((f) => f.id).sort()).toEqual(mine.map((f) => f.id).sort());
    const sev = mine[0]?.severity ?? 'high';
    expect((await findings(s.memberA, `&severity=${sev}`)).every((f) => f.severity === sev)).toBe(true);
    const one = await as(env.app, s.memberA)('GET', `/api/findings/${queued[0]?.id}`);
    expect(one.statusCode).toBe(404);
    // pages cover the list exactly once
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Finding[]; nextCursor: string | null } = (
        await as(env.app, s.coord)('GET', `/api/findings?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(all.map((f) => f.id).sort());
  });

  it('lifecycle: owners remediate, the lead accepts a risk, refusals say why; bulk reports refusals', async () => {
    const [a, b] = await findings(s.memberA);
    if (!a || !b) throw new Error('fixture has too few findings on the system');
    const act = (who: Session, id: string, body: object) =>
      as(env.app, who)('POST', `/api/findings/${id}/actions`, body);
    const started = await act(s.memberA, a.id, { action: 'start-remediation' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().item.status).toBe('in-remediation');
    expect(started.json().events.at(-1)).toMatchObject({
      kind: 'status',
      fromStatus: 'open',
      toStatus: 'in-remediation',
    });
    expect((await act(s.memberA, a.id, { action: 'start-remediation' })).json().error.code).toBe(
      'findings_transition_invalid',
    );
    expect((await act(s.memberA, a.id, { action: 'false-positive', reason: 'x' })).statusCode).toBe(403);
    expect((await act(s.memberB, a.id, { action: 'claim-fixed' })).statusCode).toBe(403);
    expect((await act(s.leadA, b.id, { action: 'accept-risk', reason: 'bù trừ' })).json().error.code).toBe(
      'findings_expiry_required',
    );
    const expiresAt = new Date(env.clock.now().getTime() + 60_000).toISOString();
    const accepted = await act(s.leadA, b.id, { action: 'accept-risk', reason: 'bù trừ', expiresAt });
    expect(accepted.json().item).toMatchObject({ status: 'risk-accepted', riskApprover: expect.any(String) });
    expect((await act(s.memberA, a.id, { action: 'reopen', expectedStatus: 'open' })).json().error.code).toBe(
      'findings_status_changed',
    );

    const bulk = await as(env.app, s.memberA)('POST', '/api/findings/bulk', {
      action: 'claim-fixed',
      filter: { systemId: sysA.id },
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    const mine = await findings(s.memberA);
    expect(bulk.json().changed).toBe(mine.length - 1);
    expect(bulk.json().refused).toEqual([
      { id: b.id, code: 'findings_transition_invalid', message: expect.any(String) },
    ]);
    expect(mine.filter((f) => f.status === 'fixed-claimed').length).toBe(mine.length - 1);
    const tooMany = await as(env.app, s.memberA)('POST', '/api/findings/bulk', {
      action: 'reopen',
      ids: Array.from({ length: 1001 }, () => crypto.randomUUID()),
    });
    expect(tooMany.statusCode).toBe(400);

    // the risk acceptance lapses: the next scan that sees the finding opens it again
    env.clock.advance(120_000);
    const again = await upload(s.coord, bytes);
    expect(again.summary.duplicateOf).not.toBeNull();
    const after = await as(env.app, s.memberA)('GET', `/api/findings/${b.id}`);
    expect(after.json().item.status).toBe('open');
  });

  it('assigning an unknown host moves its findings, merging those the system already has', async () => {
    const queued = await findings(s.coord, '&unassigned=true');
    const host = queued[0]?.host;
    if (!host) throw new Error('no queued findings');
    const hostFindings = queued.filter((f) => f.host === host).length;
    // the same file forced onto system C gives that system the same fingerprints
    const forced = await upload(s.coord, bytes, { systemId: sysC.id });
    expect(forced.state).toBe('done');
    const res = await as(env.app, s.coord)('POST', `/api/scans/unknown-assets/${encodeURIComponent(host)}/assign`, {
      systemId: sysC.id,
      addAsComponent: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ merged: hostFindings, moved: 0, componentId: expect.any(String) });
    expect((await findings(s.coord, '&unassigned=true')).some((f) => f.host === host)).toBe(false);
    const again = await as(env.app, s.coord)('POST', `/api/scans/unknown-assets/${encodeURIComponent(host)}/assign`, {
      systemId: sysC.id,
    });
    expect(again.statusCode).toBe(409);
    expect((await as(env.app, s.memberA)('GET', '/api/scans/unknown-assets')).statusCode).toBe(403);
  });
});
