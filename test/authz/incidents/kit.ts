import type { Role } from '../../../src/modules/identity/tables.ts';
import type { Tlp } from '../../../src/shared/vocabulary.ts';
import type { TestEnv } from '../../harness.ts';
import type { Session } from '../../http.ts';

/**
 * The incident authorisation matrix (with its TLP axis): every incident-area route × role × case,
 * where a case is an incident in the actor's own organisation or another one, at a TLP, with the
 * actor named on it or not. The tables here are written by hand from docs/ARCHITECTURE.md
 * ("Incidents: visibility"), NOT derived from the policy code.
 */
export type Org = 'own' | 'foreign';
export type IncidentCase = { org: Org; tlp: Tlp; named: boolean };

/** The cases each incident route runs through. */
export const CASES: IncidentCase[] = [
  { org: 'own', tlp: 'amber', named: false },
  { org: 'foreign', tlp: 'amber', named: false },
  { org: 'own', tlp: 'amber+strict', named: false },
  { org: 'foreign', tlp: 'green', named: false },
  { org: 'own', tlp: 'red', named: false },
  { org: 'foreign', tlp: 'red', named: true },
];

export type IncidentFixture = {
  env: TestEnv;
  actor: { id: string; username: string; organisationId: string; roles: Role[] };
  session: Session;
  /** the incident of this case (own or foreign organisation, at the case's TLP) */
  incident: { id: string; organisationId: string };
  /** the actor's own organisation, and another one */
  ownOrgId: string;
  foreignOrgId: string;
  /** a second incident like the first (for merge, link) */
  other: { id: string };
};

export type IncidentSample = {
  class: string;
  /** true: the route acts on `f.incident` and runs over every case; false: once, role only */
  onIncident: boolean;
  /** objects the request needs (a task, a report …), created as the system before the request */
  prepare?: (f: IncidentFixture) => Promise<Record<string, string>>;
  request: (f: IncidentFixture, ids: Record<string, string>) => { url: string; payload?: unknown };
};

type Row = Record<Role, [own: boolean, foreign: boolean]>;

const IR: Role[] = ['admin', 'coordinator', 'responder'];
const row = (rules: Partial<Row>): Row =>
  Object.fromEntries(
    (['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'] as Role[]).map((r) => [
      r,
      rules[r] ?? [false, false],
    ]),
  ) as Row;
const irTeam = (own: boolean, foreign: boolean): Partial<Row> => Object.fromEntries(IR.map((r) => [r, [own, foreign]]));

/**
 * Who SEES an incident, per TLP, for an incident in the actor's own organisation or another one
 * (the actor not named on it; a named actor always sees it). Members and partners of an
 * organisation see its incidents; a foreign incident does not involve the actor's organisation.
 */
export const SEE: Record<Tlp, Row> = {
  red: row({}),
  'amber+strict': row({
    ...irTeam(true, true),
    'member-lead': [true, false],
    member: [true, false],
    partner: [true, false],
  }),
  amber: row({ ...irTeam(true, true), 'member-lead': [true, false], member: [true, false], partner: [true, false] }),
  green: row({
    ...irTeam(true, true),
    viewer: [true, true],
    'member-lead': [true, false],
    member: [true, false],
    partner: [true, false],
  }),
  clear: row({
    ...irTeam(true, true),
    viewer: [true, true],
    'member-lead': [true, false],
    member: [true, false],
    partner: [true, false],
  }),
};

/** Sees it (by the table above, or named on it). */
export function sees(role: Role, c: IncidentCase): boolean {
  if (c.named) return true;
  return SEE[c.tlp][role][c.org === 'own' ? 0 : 1];
}

/** Works it (fields, status, tasks, observables, evidence): the IR team, where it sees it. */
export function works(role: Role, c: IncidentCase): boolean {
  return IR.includes(role) && sees(role, c);
}

/** Expectation per route class: role × case → allowed. Slices add theirs in their routes file. */
export type Expectation = (role: Role, c: IncidentCase) => boolean;

export const COMMON_EXPECTATIONS: Record<string, Expectation> = {
  'incident.read': sees,
  'incident.work': works,
  'incident.ir-team': (role) => IR.includes(role),
  'incident.any-user': () => true,
};
