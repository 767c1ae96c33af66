import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import type { Ctx, Principal } from '../../../platform/actor.ts';
import { systemCtx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  INCIDENT_ORG_RELATIONS,
  type IncidentStatus,
  type Role,
  type Severity,
  TLP_LEVELS,
  type Tlp,
} from '../../../shared/vocabulary.ts';
import { runCommand } from '../../audit/command.ts';
import { organisations } from '../../constituency/tables.ts';
import { changeStatus } from '../cases/commands/change-status.ts';
import { setMembers } from '../cases/commands/set-members.ts';
import { setOrganisations } from '../cases/commands/set-organisations.ts';
import { updateIncident } from '../cases/commands/update-incident.ts';
import { incidentDashboard, vnDate, weeks } from '../cases/dashboard.ts';
import { mergeIncidents } from '../casework/merge/merge-incidents.ts';
import { splitIncident } from '../casework/merge/split-incident.ts';
import { createIncident } from '../commands/create-incident.ts';
import { incidentVisibleSql } from '../policy.ts';
import { incidents, incidentTasks, incidentTypes } from '../tables.ts';
import { createTask } from '../tasks/commands/create-task.ts';
import { updateTask } from '../tasks/commands/update-task.ts';

/**
 * The dashboard reads roll-ups kept by triggers (migration 0021). After any sequence of real commands
 * it must equal a live recount over `incidents` with the visibility rule (policy.ts) for every kind of
 * principal, and the roll-up tables must equal a rebuild from scratch.
 */
let env: TestEnv;
let orgIds: string[];
let principals: Principal[];
let responder: Principal;
const incidentIds: string[] = [];
const taskIds: { incidentId: string; id: string }[] = [];
const START = new Date('2026-06-10T05:00:00Z');

beforeAll(async () => {
  env = await testEnv();
  env.clock.set(START);
  const home = await makeOrg(env.platform, 'coordinator');
  orgIds = [];
  for (let i = 0; i < 3; i++) orgIds.push((await makeOrg(env.platform)).id);
  const mk = async (orgId: string, roles: Role[]): Promise<Principal> => {
    const u = await makeUser(env.platform, orgId, roles);
    return { userId: u.id, username: u.username, organisationId: orgId, roles, via: 'session' };
  };
  responder = await mk(home.id, ['responder']);
  principals = [
    responder,
    await mk(orgIds[0] as string, ['member']),
    await mk(orgIds[1] as string, ['partner']),
    await mk(orgIds[2] as string, ['viewer', 'member-lead']),
    await mk(home.id, ['viewer']),
    await mk(orgIds[0] as string, []),
  ];
});
afterAll(() => env.close());

const sys = (): Ctx => systemCtx('system:test', env.clock);
const asResponder = (): Ctx => ({ actor: { kind: 'user', principal: responder }, clock: env.clock });
const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

const linksArb = fc.uniqueArray(fc.record({ org: fc.nat(2), relation: fc.constantFrom(...INCIDENT_ORG_RELATIONS) }), {
  maxLength: 3,
  selector: (o) => `${o.org}/${o.relation}`,
});
const tlpArb = fc.constantFrom(...TLP_LEVELS);
const typeArb = fc.constantFrom('malware', 'defacement', 'spoofing');
const severityArb = fc.constantFrom<Severity>('low', 'medium', 'high', 'critical');
const STATUSES: IncidentStatus[] = ['triage', 'containment', 'resolved', 'closed', 'recovery', 'rejected', 'duplicate'];

const commandArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      owner: fc.nat(2),
      links: linksArb,
      tlp: tlpArb,
      typeCode: typeArb,
      severity: severityArb,
      hoursAgo: fc.nat(24 * 110),
      named: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
      triaged: fc.boolean(),
    }),
  },
  fc.record({
    kind: fc.constant('update' as const),
    target: fc.nat(),
    tlp: fc.option(tlpArb, { nil: undefined }),
    typeCode: fc.option(typeArb, { nil: undefined }),
    severity: fc.option(severityArb, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('orgs' as const), target: fc.nat(), links: linksArb }),
  fc.record({ kind: fc.constant('status' as const), target: fc.nat(), to: fc.constantFrom(...STATUSES) }),
  fc.record({
    kind: fc.constant('named' as const),
    target: fc.nat(),
    users: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('merge' as const), source: fc.nat(), into: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), source: fc.nat(), task: fc.nat() }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('task' as const),
      target: fc.nat(),
      dueHours: fc.integer({ min: -300, max: 100 }),
    }),
  },
  fc.record({
    kind: fc.constant('taskStatus' as const),
    task: fc.nat(),
    status: fc.constantFrom('open', 'in-progress', 'done', 'cancelled' as const),
  }),
  fc.record({ kind: fc.constant('clock' as const), hours: fc.integer({ min: 1, max: 60 }) }),
);
type Command = typeof commandArb extends fc.Arbitrary<infer T> ? T : never;

const CLOSURE = {
  handledWith: ['alone' as const],
  estimatedDamageVnd: 0,
  damageNote: null,
  summary: 'Đã xử lý.',
  rootCause: 'Mật khẩu yếu.',
  lessons: null,
};

async function version(id: string): Promise<number> {
  const r = await env.platform.pool.query<{ version: number }>('SELECT version FROM incidents WHERE id = $1', [id]);
  return r.rows[0]?.version ?? 0;
}

async function run(c: Command): Promise<void> {
  const db = env.platform.db;
  const target = 'target' in c ? pick(incidentIds, c.target) : undefined;
  switch (c.kind) {
    case 'create': {
      const now = env.clock.now();
      env.clock.set(new Date(now.getTime() - c.hoursAgo * 3_600_000));
      try {
        const inc = await runCommand(db, sys(), (s) =>
          createIncident(s, {
            title: 'Sự cố thử',
            typeCode: c.typeCode,
            severity: c.severity,
            tlp: c.tlp,
            organisationId: orgIds[c.owner] as string,
            organisations: c.links.map((l) => ({ organisationId: orgIds[l.org] as string, relation: l.relation })),
            members: c.named.map((u) => ({ userId: principals[u]?.userId as string, role: 'named' as const })),
            ...(c.triaged ? { status: 'triage' as const, triagedAt: new Date(env.clock.now().getTime() + 1234) } : {}),
          }),
        );
        incidentIds.push(inc.id);
      } finally {
        env.clock.set(now);
      }
      return;
    }
    case 'update':
      if (!target) return;
      await runCommand(db, sys(), async (s) =>
        updateIncident(s, target, {
          version: await version(target),
          ...(c.tlp ? { tlp: c.tlp } : {}),
          ...(c.typeCode ? { typeCode: c.typeCode } : {}),
          ...(c.severity ? { severity: c.severity } : {}),
        }),
      );
      return;
    case 'orgs': {
      if (!target) return;
      const r = await env.platform.pool.query<{ o: string }>(
        'SELECT organisation_id AS o FROM incidents WHERE id = $1',
        [target],
      );
      const owner = r.rows[0]?.o as string;
      await runCommand(db, sys(), (s) =>
        setOrganisations(s, target, [
          { organisationId: owner, relation: 'affected' },
          ...c.links.map((l) => ({ organisationId: orgIds[l.org] as string, relation: l.relation })),
        ]),
      );
      return;
    }
    case 'status':
      if (!target) return;
      await runCommand(db, sys(), (s) => changeStatus(s, target, { status: c.to, closure: CLOSURE }));
      return;
    case 'named':
      if (!target) return;
      await runCommand(db, sys(), (s) =>
        setMembers(
          s,
          target,
          c.users.map((u) => ({ userId: principals[u]?.userId as string, role: 'named' as const })),
        ),
      );
      return;
    case 'merge': {
      const source = pick(incidentIds, c.source);
      const into = pick(incidentIds, c.into);
      if (!source || !into || source === into) return;
      await runCommand(db, asResponder(), (s) => mergeIncidents(s, source, { intoId: into }));
      return;
    }
    case 'split': {
      const task = pick(taskIds, c.task);
      if (!task) return;
      const r = await runCommand(db, asResponder(), (s) =>
        splitIncident(s, task.incidentId, { title: 'Tách ra', taskIds: [task.id] }),
      );
      incidentIds.push(r.id);
      task.incidentId = r.id;
      return;
    }
    case 'task': {
      if (!target) return;
      const due = new Date(env.clock.now().getTime() + c.dueHours * 3_600_000).toISOString();
      const t = await runCommand(db, sys(), (s) => createTask(s, target, { title: 'Việc', dueAt: due }));
      taskIds.push({ incidentId: target, id: t.id });
      return;
    }
    case 'taskStatus': {
      const task = pick(taskIds, c.task);
      if (!task) return;
      await runCommand(db, sys(), (s) => updateTask(s, task.incidentId, task.id, { status: c.status }));
      return;
    }
    case 'clock':
      env.clock.set(new Date(env.clock.now().getTime() + c.hours * 3_600_000));
      return;
  }
}

/** A command the rules refuse (transition, merged, not visible to the responder…) changes nothing. */
async function attempt(c: Command): Promise<void> {
  try {
    await run(c);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
}

async function rows<T>(q: SQL): Promise<T[]> {
  return (await env.platform.db.execute(q)).rows as T[];
}

/** The dashboard's definition, counted straight from `incidents` with the visibility rule. */
async function liveDashboard(p: Principal, now: Date) {
  const visible = incidentVisibleSql(p);
  const open = sql`${incidents.status} IN ('new','triage','containment','eradication','recovery')`;
  const today = vnDate(now);
  const weekList = weeks(now);
  const day = sql`(${incidents.createdAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
  const in90 = sql`${day} > ${today}::date - 90`;
  const tta = sql`extract(epoch FROM ${incidents.triagedAt} - ${incidents.reportedAt})`;
  const ttr = sql`extract(epoch FROM ${incidents.resolvedAt} - ${incidents.reportedAt})`;
  const sev = await rows<{ severity: string; n: number }>(
    sql`SELECT severity, count(*)::int AS n FROM ${incidents} WHERE ${open} AND ${visible} GROUP BY 1`,
  );
  const perWeek = await rows<{ week: string; n: number }>(
    sql`SELECT to_char(${day} - ((extract(isodow FROM ${day})::int - 1)), 'YYYY-MM-DD') AS week, count(*)::int AS n
        FROM ${incidents} WHERE ${day} >= ${weekList[0]}::date AND ${visible} GROUP BY 1`,
  );
  const byType = await rows(
    sql`SELECT t.code, t.name_vi AS "nameVi", t.name_en AS "nameEn", count(*)::int AS n
        FROM ${incidents} JOIN ${incidentTypes} t ON t.code = ${incidents.typeCode}
        WHERE ${in90} AND ${visible} GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1`,
  );
  const byOrganisation = await rows(
    sql`SELECT o.id, o.code, o.name, count(*)::int AS n
        FROM ${incidents} JOIN ${organisations} o ON o.id = ${incidents.organisationId}
        WHERE ${in90} AND ${visible} GROUP BY 1, 2, 3 ORDER BY 4 DESC, 2 LIMIT 10`,
  );
  const [means] = await rows<{ mtta: string | null; mttr: string | null; triaged: number; resolved: number }>(
    sql`SELECT round(sum(${tta}) / nullif(count(${tta}), 0)) AS mtta, round(sum(${ttr}) / nullif(count(${ttr}), 0)) AS mttr,
               count(${tta})::int AS triaged, count(${ttr})::int AS resolved
        FROM ${incidents} WHERE ${in90} AND ${visible}`,
  );
  const [overdue] = await rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ${incidentTasks} tk JOIN ${incidents} ON ${incidents.id} = tk.incident_id
        WHERE tk.status IN ('open','in-progress') AND tk.due_at < ${now.toISOString()}::timestamptz AND ${open} AND ${visible}`,
  );
  return {
    openBySeverity: Object.fromEntries(
      ['low', 'medium', 'high', 'critical'].map((s) => [s, sev.find((r) => r.severity === s)?.n ?? 0]),
    ),
    newPerWeek: weekList.map((week) => ({ week, count: perWeek.find((r) => r.week === week)?.n ?? 0 })),
    byType,
    byOrganisation,
    mttaSeconds: means?.mtta == null ? null : Number(means.mtta),
    mttrSeconds: means?.mttr == null ? null : Number(means.mttr),
    triagedCount: means?.triaged ?? 0,
    resolvedCount: means?.resolved ?? 0,
    overdueTasks: overdue?.n ?? 0,
  };
}

const SNAPSHOT = `
  SELECT 'd' AS t, day::text || organisation_id || owner_id || tlp || type_code AS k,
         incidents || '/' || triaged || '/' || tta_seconds::numeric(30,6) || '/' || resolved || '/' || ttr_seconds::numeric(30,6) AS v
  FROM incident_daily_counts WHERE (incidents, triaged, resolved) <> (0, 0, 0) OR tta_seconds <> 0 OR ttr_seconds <> 0
  UNION ALL SELECT 'o', organisation_id::text || owner_id || tlp || severity, incidents::text FROM incident_open_counts WHERE incidents <> 0
  UNION ALL SELECT 't', due_day::text || organisation_id || owner_id || tlp, tasks::text FROM incident_open_task_counts WHERE tasks <> 0
  UNION ALL SELECT 'D', day::text || tlp || type_code,
         incidents || '/' || triaged || '/' || tta_seconds::numeric(30,6) || '/' || resolved || '/' || ttr_seconds::numeric(30,6)
  FROM incident_daily_totals WHERE (incidents, triaged, resolved) <> (0, 0, 0) OR tta_seconds <> 0 OR ttr_seconds <> 0
  UNION ALL SELECT 'O', day::text || owner_id || tlp, incidents::text FROM incident_daily_owners WHERE incidents <> 0
  UNION ALL SELECT 'T', due_day::text || tlp, tasks::text FROM incident_open_task_totals WHERE tasks <> 0
  ORDER BY 1, 2`;

/** The roll-ups as the triggers left them, and as a rebuild from scratch computes them (rolled back). */
async function rollupVsRebuild(): Promise<{ kept: unknown[]; rebuilt: unknown[] }> {
  const c = await env.platform.pool.connect();
  try {
    const kept = (await c.query(SNAPSHOT)).rows;
    await c.query('BEGIN');
    await c.query('SELECT canhgac_dashboard_rebuild()');
    const rebuilt = (await c.query(SNAPSHOT)).rows;
    await c.query('ROLLBACK');
    return { kept, rebuilt };
  } finally {
    c.release();
  }
}

describe('dashboard roll-ups', () => {
  it('equal a live recount for every principal, and a rebuild, after any sequence of commands', async () => {
    // a known start: a RED incident naming a member, with a task due in the past; a linked one
    await run({
      kind: 'create',
      owner: 0,
      links: [{ org: 1, relation: 'reporting' }],
      tlp: 'red',
      typeCode: 'malware',
      severity: 'high',
      hoursAgo: 30,
      named: [1, 0],
      triaged: true,
    });
    await run({
      kind: 'create',
      owner: 1,
      links: [{ org: 2, relation: 'affected' }],
      tlp: 'amber',
      typeCode: 'spoofing',
      severity: 'low',
      hoursAgo: 5,
      named: [],
      triaged: false,
    });
    await run({ kind: 'task', target: 0, dueHours: -50 });
    await run({ kind: 'task', target: 1, dueHours: -1 });
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 30 }), async (commands) => {
        for (const c of commands) await attempt(c);
        const now = env.clock.now();
        for (const p of principals) {
          expect(await incidentDashboard(env.platform.db, p, now), p.roles.join(',') || 'no role').toEqual(
            await liveDashboard(p, now),
          );
        }
        const { kept, rebuilt } = await rollupVsRebuild();
        expect(kept).toEqual(rebuilt);
      }),
      { numRuns: 15 },
    );
    // the runs did reach the interesting states
    const r = await env.platform.pool.query<{ red: number; linked: number; merged: number; tasks: number }>(
      `SELECT (SELECT count(*)::int FROM incidents WHERE tlp = 'red') AS red,
              (SELECT count(*)::int FROM incident_organisations l JOIN incidents i ON i.id = l.incident_id
                WHERE l.organisation_id <> i.organisation_id) AS linked,
              (SELECT count(*)::int FROM incidents WHERE merged_into_id IS NOT NULL) AS merged,
              (SELECT count(*)::int FROM incident_tasks WHERE status IN ('open','in-progress')) AS tasks`,
    );
    expect(r.rows[0]?.red).toBeGreaterThan(0);
    expect(r.rows[0]?.linked).toBeGreaterThan(0);
    expect(r.rows[0]?.tasks).toBeGreaterThan(0);
  });

  it('a fix made in plain SQL is counted too: the triggers see every write', async () => {
    const owner = orgIds[1] as string;
    const inc = await runCommand(env.platform.db, sys(), (s) =>
      createIncident(s, { title: 'SQL', typeCode: 'malware', organisationId: owner, tlp: 'green' as Tlp }),
    );
    await env.platform.pool.query(
      `UPDATE incidents SET created_at = created_at - interval '3 days', triaged_at = reported_at + interval '1 hour',
         type_code = 'defacement', tlp = 'amber' WHERE id = $1`,
      [inc.id],
    );
    await env.platform.pool.query(
      `INSERT INTO incident_organisations VALUES ($1, $2, 'reporting'), ($1, $2, 'addressed')`,
      [inc.id, orgIds[2]],
    );
    const now = env.clock.now();
    for (const p of principals) {
      expect(await incidentDashboard(env.platform.db, p, now)).toEqual(await liveDashboard(p, now));
    }
    const { kept, rebuilt } = await rollupVsRebuild();
    expect(kept).toEqual(rebuilt);
  });
});
