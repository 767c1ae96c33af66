import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/modules/audit/command.ts';
import { hashPassword } from '../src/modules/identity/passwords.ts';
import { ROLES, type Role } from '../src/modules/identity/tables.ts';
import { createIncident } from '../src/modules/incidents/commands/create-incident.ts';
import { systemCtx } from '../src/platform/actor.ts';
import type { Tlp } from '../src/shared/vocabulary.ts';
import * as cases from './authz/incidents/cases-routes.ts';
import * as casework from './authz/incidents/casework-routes.ts';
import * as intake from './authz/incidents/intake-routes.ts';
import {
  CASES,
  COMMON_EXPECTATIONS,
  type Expectation,
  type IncidentCase,
  type IncidentFixture,
  type IncidentSample,
} from './authz/incidents/kit.ts';
import * as tasks from './authz/incidents/tasks-routes.ts';
import { makeOrg, PASSWORD } from './factories.ts';
import { type TestEnv, testEnv } from './harness.ts';
import { as, login, type Session } from './http.ts';

/** The incident routes (class `incident.*`) × role × case (own/foreign organisation, TLP, named). */
const ROUTES: Record<string, IncidentSample> = {
  ...intake.ROUTES,
  ...cases.ROUTES,
  ...tasks.ROUTES,
  ...casework.ROUTES,
};
const EXPECTATIONS: Record<string, Expectation> = {
  ...COMMON_EXPECTATIONS,
  ...intake.EXPECTATIONS,
  ...cases.EXPECTATIONS,
  ...tasks.EXPECTATIONS,
  ...casework.EXPECTATIONS,
};

let env: TestEnv;
let ownOrg: string;
let foreignOrg: string;
let passwordHash: string | undefined;

beforeAll(async () => {
  env = await testEnv({ poolSize: 8 });
  ownOrg = (await makeOrg(env.platform)).id;
  foreignOrg = (await makeOrg(env.platform)).id;
});
afterAll(() => env.close());

async function insertUser(organisationId: string, roles: Role[]) {
  passwordHash ??= await hashPassword(PASSWORD);
  const username = `i${Math.random().toString(36).slice(2, 10)}`;
  const r = await env.platform.pool.query<{ id: string }>(
    'INSERT INTO users (username, display_name, organisation_id, password_hash) VALUES ($1, $2, $3, $4) RETURNING id',
    [username, 'Ma trận sự cố', organisationId, passwordHash],
  );
  const id = r.rows[0]?.id ?? '';
  for (const role of roles)
    await env.platform.pool.query('INSERT INTO user_roles (user_id, role) VALUES ($1, $2)', [id, role]);
  return { id, username, organisationId, roles };
}

async function incidentFor(organisationId: string, tlp: Tlp, namedUserId?: string) {
  return runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
    createIncident(scope, {
      title: `Ma trận ${tlp}`,
      typeCode: 'malware',
      organisationId,
      tlp,
      members: namedUserId ? [{ userId: namedUserId, role: 'named' }] : [],
    }),
  );
}

async function fixtureFor(
  actor: IncidentFixture['actor'],
  session: Session,
  c: IncidentCase,
): Promise<IncidentFixture> {
  const orgId = c.org === 'own' ? ownOrg : foreignOrg;
  const incident = await incidentFor(orgId, c.tlp, c.named ? actor.id : undefined);
  const other = await incidentFor(orgId, c.tlp, c.named ? actor.id : undefined);
  return {
    env,
    actor,
    session,
    incident: { id: incident.id, organisationId: orgId },
    ownOrgId: ownOrg,
    foreignOrgId: foreignOrg,
    other: { id: other.id },
  };
}

const DENIED = new Set([401, 403, 404]);
const incidentRoute = (r: { routeClass?: string }) => r.routeClass?.startsWith('incident.') ?? false;

describe('incident authorisation matrix (role × organisation × TLP)', () => {
  it('every incident route is classified here, and nothing here is unregistered', () => {
    const registered = env.routes.filter(incidentRoute).map((r) => `${r.method} ${r.url}`);
    for (const key of registered) expect(ROUTES[key], `route ${key} is missing from the incident matrix`).toBeDefined();
    for (const r of env.routes.filter(incidentRoute))
      expect(r.routeClass, `${r.method} ${r.url}`).toBe(ROUTES[`${r.method} ${r.url}`]?.class);
    for (const key of Object.keys(ROUTES))
      expect(registered, `${key} is in the table but not registered`).toContain(key);
    for (const sample of Object.values(ROUTES))
      expect(EXPECTATIONS[sample.class], `no expectation for ${sample.class}`).toBeDefined();
  });

  it('refuses every incident route without a login', async () => {
    const actor = { id: '00000000-0000-4000-8000-000000000000', username: 'nobody', organisationId: ownOrg, roles: [] };
    const f = await fixtureFor(actor, { cookie: '', csrf: '' }, { org: 'own', tlp: 'amber', named: false });
    for (const [key, sample] of Object.entries(ROUTES)) {
      const [method] = key.split(' ') as ['GET'];
      const ids = sample.prepare ? await sample.prepare(f) : {};
      const { url, payload } = sample.request(f, ids);
      const res = await env.app.inject({ method, url, ...(payload ? { payload: payload as object } : {}) });
      expect(res.statusCode, key).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`role ${role}: every incident route × case matches the table`, { timeout: 240_000 }, async () => {
      const actor = await insertUser(ownOrg, [role]);
      const session = await login(env.app, actor.username, PASSWORD);
      const failures: string[] = [];
      for (const [key, sample] of Object.entries(ROUTES)) {
        const [method] = key.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'];
        const expectation = EXPECTATIONS[sample.class];
        if (!expectation) throw new Error(`no expectation for ${sample.class}`);
        for (const c of sample.onIncident ? CASES : [CASES[0] as IncidentCase]) {
          const f = await fixtureFor(actor, session, c);
          const ids = sample.prepare ? await sample.prepare(f) : {};
          const { url, payload } = sample.request(f, ids);
          const res = await as(env.app, session)(method, url, payload);
          const label = `${key} [${c.org} ${c.tlp}${c.named ? ' named' : ''}]`;
          if (res.statusCode >= 500) {
            failures.push(`${label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            continue;
          }
          const allowed = !DENIED.has(res.statusCode);
          const expected = expectation(role, c);
          if (allowed !== expected)
            failures.push(
              `${label}: expected ${expected ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
