import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { tasksFixture } from '../tasks/test-fixture.ts';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof tasksFixture>>;

beforeAll(async () => {
  env = await testEnv();
  fx = await tasksFixture(env);
});
afterAll(() => env.close());

const current = async (code: string) => (await fx.coordinator('GET', `/api/playbooks/${code}`)).json();

describe('playbook administration', () => {
  it('PUT validates with clear errors and changes nothing; a valid PUT bumps the version and is audited', async () => {
    const before = await current('phishing');
    const body = structuredClone(before.body);
    const cases: [unknown, RegExp][] = [
      [{ ...body, tasks: body.tasks.slice(0, 3) }, /tasks/],
      [{ ...body, id: 'other-code' }, /must match/],
      [{ ...body, incidentTypes: ['no-such-type'] }, /no-such-type/],
      [{ ...body, colour: 'red' }, /colour|Unrecognized/i],
      ['not an object', /\(root\)/],
    ];
    for (const [playbook, message] of cases) {
      const res = await fx.coordinator('PUT', '/api/playbooks/phishing', { playbook });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    expect(await current('phishing')).toEqual(before);

    body.tasks[0].title.en = 'Receive, verify and acknowledge';
    const ok = await fx.coordinator('PUT', '/api/playbooks/phishing', { playbook: body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(before.version + 1);
    const audit = await env.platform.pool.query(
      "SELECT diff FROM audit_log WHERE action = 'playbook.update' AND subject_id = 'phishing'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0].diff)).toMatch(/Receive, verify and acknowledge/);
    expect((await fx.responder('PUT', '/api/playbooks/phishing', { playbook: body })).statusCode).toBe(403);
    expect((await fx.coordinator('PUT', '/api/playbooks/nope', { playbook: body })).statusCode).toBe(404);
  });

  it('POST adds a playbook once; an inactive playbook cannot be applied', async () => {
    const body = { ...(await current('ddos')).body, id: 'ddos-amplification' };
    const res = await fx.coordinator('POST', '/api/playbooks', { playbook: body });
    expect(res.statusCode, res.body).toBe(200);
    expect((await fx.coordinator('POST', '/api/playbooks', { playbook: body })).statusCode).toBe(409);
    await fx.coordinator('PUT', '/api/playbooks/ddos-amplification', { playbook: body, active: false });
    const inc = await fx.incident();
    const applied = await fx.responder('POST', `/api/incidents/${inc.id}/playbooks/ddos-amplification/apply`);
    expect(applied.statusCode).toBe(409);
    const list = await fx.member('GET', '/api/playbooks');
    expect(list.json().items.map((p: { code: string }) => p.code)).toContain('ddos-amplification');
  });

  it('property: any playbook body answers 4xx or 200, never 5xx', async () => {
    const base = (await current('malware')).body;
    const mutated = fc.oneof(
      fc.anything(),
      fc.record({ tasks: fc.anything() }).map((r) => ({ ...base, ...r })),
      fc
        .dictionary(fc.constantFrom('title', 'summary', 'incidentTypes', 'id'), fc.anything())
        .map((d) => ({ ...base, ...d })),
    );
    await fc.assert(
      fc.asyncProperty(mutated, async (playbook) => {
        const res = await fx.coordinator('PUT', '/api/playbooks/malware', { playbook });
        expect(res.statusCode).toBeLessThan(500);
        expect([200, 400]).toContain(res.statusCode);
      }),
      { numRuns: 60 },
    );
  });
});

describe('incident type administration', () => {
  it('adds a type, never reuses a code, validates the RSIT pair, edits and deactivates', async () => {
    const body = {
      code: 'cryptojacking',
      nameVi: 'Đào tiền ảo trái phép',
      nameEn: 'Cryptojacking',
      rsit: { class: 'fraud', type: 'unauthorised-use-of-resources' },
    };
    const res = await fx.coordinator('POST', '/api/incident-types', body);
    expect(res.statusCode, res.body).toBe(200);
    expect((await fx.coordinator('POST', '/api/incident-types', body)).statusCode).toBe(409);
    const bad = await fx.coordinator('PATCH', '/api/incident-types/cryptojacking', {
      rsit: { class: 'fraud', type: 'ddos' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('incident_type_rsit_invalid');
    const off = await fx.coordinator('PATCH', '/api/incident-types/cryptojacking', { active: false, nameEn: 'Mining' });
    expect(off.json()).toMatchObject({ active: false, nameEn: 'Mining', code: 'cryptojacking' });
    expect((await fx.coordinator('POST', '/api/incident-types', body)).statusCode).toBe(409);
    expect((await fx.coordinator('PATCH', '/api/incident-types/none', { active: false })).statusCode).toBe(404);
    expect((await fx.member('POST', '/api/incident-types', { ...body, code: 'x-y' })).statusCode).toBe(403);
    const list = await fx.member('GET', '/api/incident-types');
    expect(list.json().items.find((t: { code: string }) => t.code === 'cryptojacking')).toMatchObject({
      active: false,
    });
  });

  it('property: any type body answers 4xx or 200, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            code: fc.string(),
            nameVi: fc.string(),
            nameEn: fc.string(),
            rsit: fc.record({ class: fc.constantFrom('fraud', 'other', 'x'), type: fc.string() }),
          }),
        ),
        async (body) => {
          const res = await fx.coordinator('POST', '/api/incident-types', body);
          expect(res.statusCode).toBeLessThan(500);
          const patch = await fx.coordinator('PATCH', '/api/incident-types/other', body);
          expect(patch.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
