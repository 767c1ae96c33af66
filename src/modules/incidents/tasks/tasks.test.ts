import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { loadPlaybooks } from '../playbooks/load-playbooks.ts';
import { parseDueDuration } from '../playbooks/playbook-schema.ts';
import { tasksFixture } from './test-fixture.ts';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof tasksFixture>>;

beforeAll(async () => {
  env = await testEnv();
  fx = await tasksFixture(env);
});
afterAll(() => env.close());

type Task = {
  id: string;
  title: string;
  titleEn: string | null;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  requiresEvidence: boolean;
  playbookTaskKey: string | null;
  checklist: { text: string; textEn?: string; done: boolean }[];
  assignee: { id: string } | null;
};

describe('applying playbooks', () => {
  it('instantiates every shipped playbook: ≥ 8 tasks in order, both languages, due = now + due; twice adds nothing', async () => {
    const shipped = await loadPlaybooks();
    expect(shipped.length).toBeGreaterThanOrEqual(7);
    env.clock.set(new Date());
    for (const pb of shipped) {
      const inc = await fx.incident();
      const now = env.clock.now().getTime();
      const res = await fx.responder('POST', `/api/incidents/${inc.id}/playbooks/${pb.id}/apply`);
      expect(res.statusCode, res.body).toBe(200);
      const { added, items } = res.json<{ added: number; items: Task[] }>();
      expect(added).toBe(pb.tasks.length);
      expect(items.length).toBeGreaterThanOrEqual(8);
      expect(items.map((t) => t.playbookTaskKey)).toEqual(pb.tasks.map((t) => t.key));
      pb.tasks.forEach((src, i) => {
        const t = items[i] as Task;
        expect(t.title).toBe(src.title.vi);
        expect(t.titleEn).toBe(src.title.en);
        expect(t.requiresEvidence).toBe(src.requiresEvidence ?? false);
        expect(t.checklist).toEqual((src.checklist ?? []).map((c) => ({ text: c.vi, textEn: c.en, done: false })));
        const due = src.due ? parseDueDuration(src.due) : null;
        expect(t.dueAt).toBe(due ? new Date(now + due).toISOString() : null);
      });
      const again = await fx.responder('POST', `/api/incidents/${inc.id}/playbooks/${pb.id}/apply`);
      expect(again.json().added).toBe(0);
      expect(again.json().items).toHaveLength(pb.tasks.length);
    }
  });

  it('two applies at once still add each task once', async () => {
    const inc = await fx.incident();
    const url = `/api/incidents/${inc.id}/playbooks/ransomware/apply`;
    const [a, b] = await Promise.all([fx.responder('POST', url), fx.responder('POST', url)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const list = await fx.responder('GET', `/api/incidents/${inc.id}/tasks`);
    const keys = list.json<{ items: Task[] }>().items.map((t) => t.playbookTaskKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('an unknown playbook is a clear 404; the timeline records the apply', async () => {
    const inc = await fx.incident();
    const res = await fx.responder('POST', `/api/incidents/${inc.id}/playbooks/nope/apply`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/playbook "nope"/);
    await fx.responder('POST', `/api/incidents/${inc.id}/playbooks/ddos/apply`);
    const ev = await env.platform.pool.query(
      "SELECT summary FROM incident_events WHERE incident_id = $1 AND kind = 'task'",
      [inc.id],
    );
    expect(ev.rows.map((r) => r.summary).join()).toMatch(/Applied playbook/);
  });
});

describe('task changes', () => {
  it('a task that requires evidence cannot be done before evidence is linked (409 vi/en), then can', async () => {
    const inc = await fx.incident();
    const applied = await fx.responder('POST', `/api/incidents/${inc.id}/playbooks/ransomware/apply`);
    const task = applied.json<{ items: Task[] }>().items.find((t) => t.requiresEvidence) as Task;
    const url = `/api/incidents/${inc.id}/tasks/${task.id}`;
    const refused = await fx.responder('PATCH', url, { status: 'done' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('task_needs_evidence');
    expect(refused.json().error.message).toMatch(/requires evidence/);
    const vi = await env.app.inject({
      method: 'PATCH',
      url,
      payload: { status: 'done' },
      headers: {
        cookie: fx.responderSession.cookie,
        'x-csrf-token': fx.responderSession.csrf,
        'accept-language': 'vi',
      },
    });
    expect(vi.json().error.message).toMatch(/yêu cầu chứng cứ/);
    const before = await fx.responder('GET', `/api/incidents/${inc.id}/tasks`);
    expect(before.json<{ items: Task[] }>().items.find((t) => t.id === task.id)?.status).toBe('open');

    const file = await fx.upload(fx.responder, 'ảnh chụp thông báo đòi tiền chuộc', 'ransom-note.png');
    const ev = await fx.responder('POST', `/api/incidents/${inc.id}/evidence`, {
      fileId: file.id,
      collectedBy: 'Quản trị viên Sở Y tế',
      taskId: task.id,
    });
    expect(ev.statusCode, ev.body).toBe(200);
    const done = await fx.responder('PATCH', url, { status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
    expect(done.json().completedAt).not.toBeNull();
    const audit = await env.platform.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'incident.task.update' AND subject_id = $1",
      [task.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('assignee must be a user who may see the incident', async () => {
    const red = await fx.incident('red');
    const memberOwn = await fx.incident('amber');
    const created = await fx.responder('POST', `/api/incidents/${memberOwn.id}/tasks`, {
      title: 'Rà soát nhật ký',
      assigneeUserId: fx.memberUser.id,
      checklist: ['Nhật ký web', 'Nhật ký tường lửa'],
      dueAt: '2020-01-01T00:00:00Z',
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().assignee.id).toBe(fx.memberUser.id);
    expect(created.json().overdue).toBe(true);

    // TLP:RED: the member is not named, so cannot be given the task.
    const redTask = await fx.responder('POST', `/api/incidents/${red.id}/tasks`, { title: 'Việc mật' });
    expect(redTask.statusCode).toBe(404); // the responder isn't named on a RED incident either
    await env.platform.pool.query("INSERT INTO incident_members (incident_id, user_id, role) VALUES ($1, $2, 'team')", [
      red.id,
      fx.responderUser.id,
    ]);
    const redOk = await fx.responder('POST', `/api/incidents/${red.id}/tasks`, { title: 'Việc mật' });
    expect(redOk.statusCode, redOk.body).toBe(200);
    const refused = await fx.responder('PATCH', `/api/incidents/${red.id}/tasks/${redOk.json().id}`, {
      assigneeUserId: fx.memberUser.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('task_assignee_cannot_see');
    const stranger = await makeUser(env.platform, fx.home.id, ['viewer']);
    const amberViewer = await fx.responder('PATCH', `/api/incidents/${memberOwn.id}/tasks/${created.json().id}`, {
      assigneeUserId: stranger.id,
    });
    expect(amberViewer.statusCode).toBe(400);
    // A viewer sees a GREEN incident but is read-only: never assigned, never offered.
    const green = await fx.incident('green');
    const greenTask = await fx.responder('POST', `/api/incidents/${green.id}/tasks`, { title: 'Việc xanh' });
    expect(greenTask.statusCode, greenTask.body).toBe(200);
    const greenViewer = await fx.responder('PATCH', `/api/incidents/${green.id}/tasks/${greenTask.json().id}`, {
      assigneeUserId: stranger.id,
    });
    expect(greenViewer.statusCode).toBe(400);
    const offered = await fx.responder('GET', `/api/incidents/${green.id}/assignable-users`);
    expect(offered.json().items.map((u: { id: string }) => u.id)).not.toContain(stranger.id);
  });

  it('the assignee picker offers only users who may see the incident: on TLP:RED only the named ones', async () => {
    type Picked = { items: { id: string; username: string; displayName: string }[] };
    const ids = (res: { json: <T>() => T }) => res.json<Picked>().items.map((u) => u.id);
    const amber = await fx.incident('amber');
    const outsider = await makeUser(env.platform, (await makeOrg(env.platform, 'member', 'Sở Tài chính')).id, [
      'member',
    ]);
    const onAmber = await fx.responder('GET', `/api/incidents/${amber.id}/assignable-users`);
    expect(onAmber.statusCode, onAmber.body).toBe(200);
    expect(ids(onAmber)).toEqual(expect.arrayContaining([fx.responderUser.id, fx.memberUser.id]));
    expect(ids(onAmber)).not.toContain(outsider.id);
    expect(ids(onAmber).length).toBeLessThanOrEqual(20);

    const named = await makeUser(env.platform, fx.memberOrg.id, ['member']);
    await env.platform.pool.query("UPDATE users SET display_name = 'Đặng Thị Hồng' WHERE id = $1", [named.id]);
    const red = await fx.incident('red');
    for (const userId of [fx.responderUser.id, named.id]) {
      await env.platform.pool.query(
        "INSERT INTO incident_members (incident_id, user_id, role) VALUES ($1, $2, 'team')",
        [red.id, userId],
      );
    }
    const onRed = await fx.responder('GET', `/api/incidents/${red.id}/assignable-users`);
    expect(onRed.statusCode, onRed.body).toBe(200);
    expect(ids(onRed).sort()).toEqual([fx.responderUser.id, named.id].sort());
    const searched = await fx.responder('GET', `/api/incidents/${red.id}/assignable-users?q=dang thi hong`);
    expect(ids(searched)).toEqual([named.id]);
    // Someone who only reads the incident may not pick assignees.
    const notNamed = await fx.member('GET', `/api/incidents/${red.id}/assignable-users`);
    expect(notNamed.statusCode).toBe(404);
    const readsOnly = await fx.member('GET', `/api/incidents/${amber.id}/assignable-users`);
    expect(readsOnly.statusCode).toBe(403);
  });

  it('checklist ticks, status, due and title change; overdue clears when done; bad index is 400', async () => {
    const inc = await fx.incident();
    const t = await fx.responder('POST', `/api/incidents/${inc.id}/tasks`, {
      title: 'Sao lưu',
      checklist: ['Một', 'Hai'],
      dueAt: '2020-01-01T00:00:00Z',
    });
    const url = `/api/incidents/${inc.id}/tasks/${t.json().id}`;
    const ticked = await fx.responder('PATCH', url, { checklist: [{ index: 1, done: true }], title: 'Sao lưu sạch' });
    expect(ticked.json().checklist).toEqual([
      { text: 'Một', done: false },
      { text: 'Hai', done: true },
    ]);
    expect(ticked.json().title).toBe('Sao lưu sạch');
    expect((await fx.responder('PATCH', url, { checklist: [{ index: 5, done: true }] })).statusCode).toBe(400);
    const done = await fx.responder('PATCH', url, { status: 'done' });
    expect(done.json().overdue).toBe(false);
    expect((await fx.responder('PATCH', url, {})).statusCode).toBe(400);
    const member = await fx.member('PATCH', url, { status: 'open' });
    expect(member.statusCode).toBe(403);
  });
});
