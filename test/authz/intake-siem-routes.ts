import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/modules/identity/tables.ts';
import type { TestEnv } from '../harness.ts';

/**
 * The SIEM webhook admin routes (#6) in the authorisation matrix (test/authz-matrix.test.ts):
 * written by hand from docs/ARCHITECTURE.md ("SIEM webhooks"). The webhook endpoint itself is
 * public (the source's signature or token authenticates it): src/modules/intake/siem/siem-webhooks.test.ts.
 */
type Pair = [own: boolean, foreign: boolean];
type Expect = Record<Role, { own: boolean; foreign: boolean }>;
const ROLES: Role[] = ['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'];
const only = (rules: Partial<Record<Role, Pair>>): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, { own: rules[r]?.[0] ?? false, foreign: rules[r]?.[1] ?? false }])) as Expect;
const ALL: Pair = [true, true];
const OWN: Pair = [true, false];

export const EXPECTATIONS: Record<string, Expect> = {
  // the IR team reads sources and alerts and tries mappings; sources hold secrets: admins and coordinators manage
  'intake.siem.read': only({ admin: ALL, coordinator: ALL, responder: ALL }),
  'intake.siem.manage': only({ admin: ALL, coordinator: ALL }),
  // a report's alerts: whoever sees the report (the IR team all, others their organisation's)
  'intake.siem.report-alerts': only({
    admin: ALL,
    coordinator: ALL,
    responder: ALL,
    'member-lead': OWN,
    member: OWN,
    partner: OWN,
    viewer: OWN,
  }),
};

export const PUBLIC_ROUTES = ['POST /api/intake/webhooks/:sourceId'];

const ids: { sourceId: string; reportOf: Map<string, string> } = { sourceId: randomUUID(), reportOf: new Map() };

/** One source, and per organisation a report made of one alert (inserted as the system). */
export async function prepareSiem(env: TestEnv, organisationIds: string[]): Promise<void> {
  const pool = env.platform.pool;
  const src = await pool.query<{ id: string }>(
    `INSERT INTO siem_sources (name, kind, auth_mode, token_hash) VALUES ('Ma trận', 'wazuh', 'token', 'x') RETURNING id`,
  );
  ids.sourceId = src.rows[0]?.id ?? ids.sourceId;
  for (const organisationId of organisationIds) {
    const r = await pool.query<{ id: string }>(
      `INSERT INTO reports (tracking_no, source, channel_key, reporter_org_id, reporter_name, title, description, detection_method, handling_state)
       VALUES ($1, 'siem', $2, $3, 'Ma trận', 'Cảnh báo', 'Cảnh báo SIEM', 'ids', 'not-yet') RETURNING id`,
      [`TN-SIEM-${randomUUID()}`, `webhook:${ids.sourceId}`, organisationId],
    );
    const reportId = r.rows[0]?.id ?? '';
    await pool.query(
      `INSERT INTO siem_alerts (source_id, external_id, report_id, title, queued, raw) VALUES ($1, $2, $3, 'Cảnh báo', true, '{}')`,
      [ids.sourceId, randomUUID(), reportId],
    );
    ids.reportOf.set(organisationId, reportId);
  }
}

type Sample = {
  class: string;
  axis: boolean;
  request: (f: { subjectOrgId: string }) => { url: string; payload?: unknown };
};

export const ROUTES: Record<string, Sample> = {
  'GET /api/intake/siem/sources': {
    class: 'intake.siem.read',
    axis: false,
    request: () => ({ url: '/api/intake/siem/sources' }),
  },
  'GET /api/intake/siem/sources/:id': {
    class: 'intake.siem.read',
    axis: false,
    request: () => ({ url: `/api/intake/siem/sources/${ids.sourceId}` }),
  },
  'GET /api/intake/siem/sources/:id/alerts': {
    class: 'intake.siem.read',
    axis: false,
    request: () => ({ url: `/api/intake/siem/sources/${ids.sourceId}/alerts` }),
  },
  'POST /api/intake/siem/preview': {
    class: 'intake.siem.read',
    axis: false,
    request: () => ({ url: '/api/intake/siem/preview', payload: { kind: 'wazuh', alert: '{}' } }),
  },
  'POST /api/intake/siem/sources': {
    class: 'intake.siem.manage',
    axis: false,
    request: () => ({ url: '/api/intake/siem/sources', payload: { name: `Wazuh ${randomUUID()}`, kind: 'wazuh' } }),
  },
  'PATCH /api/intake/siem/sources/:id': {
    class: 'intake.siem.manage',
    axis: false,
    request: () => ({ url: `/api/intake/siem/sources/${ids.sourceId}`, payload: { minLevel: 8 } }),
  },
  'GET /api/intake/siem/reports/:id/alerts': {
    class: 'intake.siem.report-alerts',
    axis: true,
    request: (f) => ({ url: `/api/intake/siem/reports/${ids.reportOf.get(f.subjectOrgId) ?? randomUUID()}/alerts` }),
  },
};
