import type { Role } from '../../src/modules/identity/tables.ts';

/**
 * Scan coverage and overdue findings (#7) in the authorisation matrix (test/authz-matrix.test.ts),
 * written by hand from docs/ARCHITECTURE.md ("Scan coverage and SLA"): constituency readers see
 * every organisation, members and member-leads their own, partners nothing. The subject is the
 * `organisationId` filter.
 */
type Pair = [own: boolean, foreign: boolean];
type Expect = Record<Role, { own: boolean; foreign: boolean }>;
const ROLES: Role[] = ['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'];
const only = (rules: Partial<Record<Role, Pair>>): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, { own: rules[r]?.[0] ?? false, foreign: rules[r]?.[1] ?? false }])) as Expect;
const ALL: Pair = [true, true];
const OWN: Pair = [true, false];

export const EXPECTATIONS: Record<string, Expect> = {
  'scans.coverage': only({
    admin: ALL,
    coordinator: ALL,
    responder: ALL,
    viewer: ALL,
    'member-lead': OWN,
    member: OWN,
  }),
};

type Sample = {
  class: string;
  axis: boolean;
  request: (f: { subjectOrgId: string }) => { url: string; payload?: unknown };
};

export const ROUTES: Record<string, Sample> = {
  'GET /api/scans/coverage': {
    class: 'scans.coverage',
    axis: true,
    request: (f) => ({ url: `/api/scans/coverage?organisationId=${f.subjectOrgId}` }),
  },
  'GET /api/scans/coverage/summary': {
    class: 'scans.coverage',
    axis: true,
    request: (f) => ({ url: `/api/scans/coverage/summary?organisationId=${f.subjectOrgId}` }),
  },
  'GET /api/findings/overdue/summary': {
    class: 'scans.coverage',
    axis: true,
    request: (f) => ({ url: `/api/findings/overdue/summary?organisationId=${f.subjectOrgId}` }),
  },
};
