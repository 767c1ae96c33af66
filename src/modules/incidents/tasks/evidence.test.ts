import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { tasksFixture } from './test-fixture.ts';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof tasksFixture>>;

beforeAll(async () => {
  env = await testEnv();
  fx = await tasksFixture(env);
});
afterAll(() => env.close());

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

async function evidenceOf(incidentId: string, bytes: Uint8Array | string, name: string, extra: object = {}) {
  const file = await fx.upload(fx.responder, bytes, name);
  const res = await fx.responder('POST', `/api/incidents/${incidentId}/evidence`, {
    fileId: file.id,
    description: 'Chứng cứ thu từ máy chủ',
    collectedBy: 'Trần Thị B (Sở Y tế)',
    collectedAt: new Date(env.clock.now().getTime() - 3_600_000).toISOString(),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    id: string;
    file: { id: string; name: string; sha256: string; size: number; mediaType: string };
  }>();
}

const custody = async (incidentId: string, id: string) =>
  (await fx.responder('GET', `/api/incidents/${incidentId}/evidence/${id}/custody`)).json<{
    items: { action: string; actor: string; note: string | null }[];
  }>().items;

describe('evidence and its chain of custody', () => {
  it('upload → collected + received; every download → accessed + an audit entry; always an opaque attachment', async () => {
    const inc = await fx.incident();
    const html = '<html><script>alert(1)</script></html>';
    const e = await evidenceOf(inc.id, html, 'trang-bi-sua.html');
    expect(e.file.sha256).toBe(sha256(html));
    expect(e.file.size).toBe(Buffer.byteLength(html));
    expect((await custody(inc.id, e.id)).map((c) => c.action)).toEqual(['collected', 'received']);
    expect((await custody(inc.id, e.id))[0]?.actor).toBe('Trần Thị B (Sở Y tế)');

    for (let i = 1; i <= 2; i++) {
      const dl = await fx.responder('GET', `/api/incidents/${inc.id}/evidence/${e.id}/download`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/octet-stream');
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(String(dl.headers['content-disposition'])).toMatch(/^attachment; filename="trang-bi-sua\.html"/);
      expect(dl.body).toBe(html);
      const chain = await custody(inc.id, e.id);
      expect(chain.filter((c) => c.action === 'accessed')).toHaveLength(i);
    }
    const audit = await env.platform.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'incident.evidence.download' AND subject_id = $1",
      [e.id],
    );
    expect(audit.rows[0].n).toBe(2);
    // Once it is evidence, the generic file routes refuse it (even to its uploader and the IR team):
    // only the evidence download, under the incident's TLP and with a custody entry, serves it.
    expect(e.file.id).toMatch(/^[0-9a-f-]{36}$/);
    for (const path of [`/api/files/${e.file.id}`, `/api/files/${e.file.id}/content`])
      expect((await fx.responder('GET', path)).statusCode, path).toBe(404);
    expect((await custody(inc.id, e.id)).filter((c) => c.action === 'accessed')).toHaveLength(2);
    const list = await fx.responder('GET', `/api/incidents/${inc.id}/evidence`);
    expect(list.json().items[0]).toMatchObject({ id: e.id, file: { sha256: sha256(html) } });
  });

  it('a zip bomb is stored and served as the same bytes, never unpacked', async () => {
    const inc = await fx.incident();
    const zip = zipSync({ 'bomb.bin': [new Uint8Array(50 * 1024 * 1024), { level: 9 }] });
    expect(zip.length).toBeLessThan(100 * 1024);
    const e = await evidenceOf(inc.id, zip, 'bomb.zip');
    expect(e.file.size).toBe(zip.length);
    expect(e.file.sha256).toBe(sha256(zip));
    const dl = await fx.responder('GET', `/api/incidents/${inc.id}/evidence/${e.id}/download`);
    expect(dl.rawPayload.length).toBe(zip.length);
    expect(sha256(dl.rawPayload)).toBe(sha256(zip));
  });

  it('path-traversal names are stored and served as a harmless name', async () => {
    const inc = await fx.incident();
    const e = await evidenceOf(inc.id, 'root:x:0:0', '../../etc/passwd');
    expect(e.file.name).toBe('passwd');
    const dl = await fx.responder('GET', `/api/incidents/${inc.id}/evidence/${e.id}/download`);
    const disposition = String(dl.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="passwd"/);
    expect(disposition).not.toMatch(/\.\.|\//);
  });

  it('transfer and export add to the chain; members only read; bad input changes nothing', async () => {
    const inc = await fx.incident();
    const e = await evidenceOf(inc.id, 'pcap', 'capture.pcap');
    const url = `/api/incidents/${inc.id}/evidence/${e.id}/custody`;
    const t = await fx.responder('POST', url, { action: 'transferred', note: 'Bàn giao cho Công an tỉnh' });
    expect(t.statusCode, t.body).toBe(200);
    expect((await fx.responder('POST', url, { action: 'accessed', note: 'x' })).statusCode).toBe(400);
    expect((await fx.member('POST', url, { action: 'exported', note: 'x' })).statusCode).toBe(403);
    expect((await fx.member('GET', url)).statusCode).toBe(200);
    expect((await custody(inc.id, e.id)).map((c) => c.action)).toEqual(['collected', 'received', 'transferred']);

    // someone else's upload, a task of another incident, a future collection time: refused, nothing written
    const theirs = await fx.upload(fx.member, 'of the member', 'member.txt');
    const other = await fx.incident();
    const otherTask = await fx.responder('POST', `/api/incidents/${other.id}/tasks`, { title: 'Khác' });
    const mine = await fx.upload(fx.responder, 'mine', 'mine.txt');
    const before = (await fx.responder('GET', `/api/incidents/${inc.id}/evidence`)).json().items.length;
    for (const [body, code] of [
      [{ fileId: theirs.id, collectedBy: 'A' }, 'evidence_file_unknown'],
      [{ fileId: mine.id, collectedBy: 'A', taskId: otherTask.json().id }, 'evidence_task_foreign'],
      [{ fileId: mine.id, collectedBy: 'A', collectedAt: '2999-01-01T00:00:00Z' }, 'evidence_collected_future'],
      [{ fileId: mine.id, collectedBy: '' }, 'validation_failed'],
    ] as const) {
      const res = await fx.responder('POST', `/api/incidents/${inc.id}/evidence`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    expect((await fx.responder('GET', `/api/incidents/${inc.id}/evidence`)).json().items.length).toBe(before);
  });

  it('evidence of another incident is 404 through this one', async () => {
    const a = await fx.incident();
    const b = await fx.incident();
    const e = await evidenceOf(a.id, 'x', 'x.txt');
    expect((await fx.responder('GET', `/api/incidents/${b.id}/evidence/${e.id}/download`)).statusCode).toBe(404);
    expect((await fx.responder('GET', `/api/incidents/${b.id}/evidence/${e.id}/custody`)).statusCode).toBe(404);
  });
});
