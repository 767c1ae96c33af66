import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import type { Principal } from '../../platform/actor.ts';
import { INCIDENT_MEMBER_ROLES, INCIDENT_ORG_RELATIONS, ROLES, TLP_LEVELS } from '../../shared/vocabulary.ts';
import { visibleObservableTlps } from './casework/access.ts';
import { loadIncident } from './load-incident.ts';
import { canSeeIncident, observableVisibleSql } from './policy.ts';
import { incidentObservables, incidents } from './tables.ts';

let env: TestEnv;
let orgIds: string[];
let userIds: string[];

beforeAll(async () => {
  env = await testEnv();
  orgIds = [];
  for (let i = 0; i < 3; i++) orgIds.push((await makeOrg(env.platform)).id);
  userIds = [];
  for (let i = 0; i < 4; i++) userIds.push((await makeUser(env.platform, orgIds[i % 3] as string, [])).id);
});
afterAll(() => env.close());

const caseArb = fc.record({
  tlp: fc.constantFrom(...TLP_LEVELS),
  observableTlp: fc.constantFrom(...TLP_LEVELS),
  owner: fc.nat(2),
  involved: fc.uniqueArray(fc.record({ org: fc.nat(2), relation: fc.constantFrom(...INCIDENT_ORG_RELATIONS) }), {
    maxLength: 3,
    selector: (o) => `${o.org}/${o.relation}`,
  }),
  named: fc.uniqueArray(fc.record({ user: fc.nat(3), role: fc.constantFrom(...INCIDENT_MEMBER_ROLES) }), {
    maxLength: 2,
    selector: (m) => m.user,
  }),
});

const principalArb = fc.record({
  user: fc.nat(3),
  org: fc.nat(2),
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
});

describe('observable visibility: SQL (indicators, similar) and JS (observable lists) agree', () => {
  it('on random incidents × observable TLPs × principals', async () => {
    const pool = env.platform.pool;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, fc.array(principalArb, { minLength: 1, maxLength: 5 }), async (c, principals) => {
        n++;
        const r = await pool.query<{ id: string }>(
          `INSERT INTO incidents (number, title, type_code, tlp, organisation_id) VALUES ($1, 'p', 'malware', $2, $3) RETURNING id`,
          [`O-${n}-${Math.random().toString(36).slice(2)}`, c.tlp, orgIds[c.owner]],
        );
        const id = r.rows[0]?.id as string;
        for (const o of c.involved)
          await pool.query(
            `INSERT INTO incident_organisations (incident_id, organisation_id, relation) VALUES ($1, $2, $3)`,
            [id, orgIds[o.org], o.relation],
          );
        for (const m of c.named)
          await pool.query(`INSERT INTO incident_members (incident_id, user_id, role) VALUES ($1, $2, $3)`, [
            id,
            userIds[m.user],
            m.role,
          ]);
        const o = await pool.query<{ id: string }>(
          `INSERT INTO incident_observables (incident_id, type, value, tlp) VALUES ($1, 'ipv4', '192.0.2.1', $2) RETURNING id`,
          [id, c.observableTlp],
        );
        const oid = o.rows[0]?.id as string;
        const { access } = await loadIncident(env.platform.db, id);
        for (const pr of principals) {
          const p: Principal = {
            userId: userIds[pr.user] as string,
            username: 'p',
            organisationId: orgIds[pr.org] as string,
            roles: pr.roles,
            via: 'session',
          };
          const rows = await env.platform.db
            .select({ id: incidentObservables.id })
            .from(incidentObservables)
            .innerJoin(incidents, eq(incidents.id, incidentObservables.incidentId))
            .where(and(eq(incidentObservables.id, oid), observableVisibleSql(p, incidentObservables.tlp)));
          const js = canSeeIncident(p, access) && visibleObservableTlps(p, access).includes(c.observableTlp);
          expect(rows.length === 1, JSON.stringify({ c, pr })).toBe(js);
        }
      }),
      { numRuns: 120 },
    );
  });
});
