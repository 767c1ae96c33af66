import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import type { Principal } from '../../platform/actor.ts';
import { INCIDENT_MEMBER_ROLES, INCIDENT_ORG_RELATIONS, ROLES, TLP_LEVELS } from '../../shared/vocabulary.ts';
import { visibleObservableTlps } from './casework/access.ts';
import { loadIncident } from './load-incident.ts';
import { canSeeIncident, incidentVisibleSql, observableVisibleSql } from './policy.ts';
import { incidentObservables, incidents } from './tables.ts';

/**
 * One visibility rule in two forms: JS for one incident (canSeeIncident, visibleObservableTlps) and
 * SQL for lists and counts (incidentVisibleSql, observableVisibleSql). Random incidents × principals
 * must get the same answer from both.
 */
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

const incidentArb = fc.record({
  tlp: fc.constantFrom(...TLP_LEVELS),
  observableTlp: fc.constantFrom(...TLP_LEVELS),
  owner: fc.nat(2),
  involved: fc.uniqueArray(fc.record({ org: fc.nat(2), relation: fc.constantFrom(...INCIDENT_ORG_RELATIONS) }), {
    maxLength: 4,
    selector: (o) => `${o.org}/${o.relation}`,
  }),
  named: fc.uniqueArray(fc.record({ user: fc.nat(3), role: fc.constantFrom(...INCIDENT_MEMBER_ROLES) }), {
    maxLength: 3,
    selector: (m) => m.user,
  }),
});
type IncidentCase = typeof incidentArb extends fc.Arbitrary<infer T> ? T : never;

const principalsArb = fc.array(
  fc.record({ user: fc.nat(3), org: fc.nat(2), roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }) }),
  { minLength: 1, maxLength: 6 },
);

let n = 0;
/** The incident of a case, with one ipv4 observable at the case's observable TLP. */
async function insertCase(c: IncidentCase) {
  const pool = env.platform.pool;
  n++;
  const r = await pool.query<{ id: string }>(
    `INSERT INTO incidents (number, title, type_code, tlp, organisation_id) VALUES ($1, 'p', 'malware', $2, $3) RETURNING id`,
    [`P-${n}-${Math.random().toString(36).slice(2)}`, c.tlp, orgIds[c.owner]],
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
  const { access } = await loadIncident(env.platform.db, id);
  return { id, observableId: o.rows[0]?.id as string, access };
}

const principalOf = (pr: { user: number; org: number; roles: Principal['roles'] }): Principal => ({
  userId: userIds[pr.user] as string,
  username: 'p',
  organisationId: orgIds[pr.org] as string,
  roles: pr.roles,
  via: 'session',
});

describe('incident visibility: SQL (lists, counts) and JS (one incident) agree', () => {
  it('on random incidents × random principals, plain and narrowed', async () => {
    await fc.assert(
      fc.asyncProperty(incidentArb, principalsArb, async (c, principals) => {
        const { id, access } = await insertCase(c);
        for (const pr of principals) {
          const p = principalOf(pr);
          const visible = async (narrow: boolean) =>
            (
              await env.platform.db
                .select({ id: incidents.id })
                .from(incidents)
                .where(and(eq(incidents.id, id), incidentVisibleSql(p, undefined, { narrow })))
            ).length === 1;
          expect(await visible(false), JSON.stringify({ c, pr })).toBe(canSeeIncident(p, access));
          // the narrowed form (an explicit candidate list, for small organisations) answers the same
          expect(await visible(true), JSON.stringify({ c, pr, narrow: true })).toBe(canSeeIncident(p, access));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('observables: SQL (indicators, similar reports) and JS (observable lists) agree', async () => {
    await fc.assert(
      fc.asyncProperty(incidentArb, principalsArb, async (c, principals) => {
        const { observableId, access } = await insertCase(c);
        for (const pr of principals) {
          const p = principalOf(pr);
          const rows = await env.platform.db
            .select({ id: incidentObservables.id })
            .from(incidentObservables)
            .innerJoin(incidents, eq(incidents.id, incidentObservables.incidentId))
            .where(and(eq(incidentObservables.id, observableId), observableVisibleSql(p, incidentObservables.tlp)));
          const js = canSeeIncident(p, access) && visibleObservableTlps(p, access).includes(c.observableTlp);
          expect(rows.length === 1, JSON.stringify({ c, pr })).toBe(js);
        }
      }),
      { numRuns: 120 },
    );
  });
});
