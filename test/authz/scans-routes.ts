import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/modules/identity/tables.ts';
import type { TestEnv } from '../harness.ts';
import { makeSystem } from '../systems-fixture.ts';

/**
 * The scans API (#7) in the authorisation matrix (test/authz-matrix.test.ts), written by hand from
 * docs/ARCHITECTURE.md ("Scans API"): the IR team everything; members and member leads their own
 * organisation's systems (the subject's organisation is the actor's own or another); the unknown-assets queue
 * the IR team only; viewers and partners nothing. Per-finding refusals (other organisation, lead-only
 * actions) are tested in src/modules/scans/api/scans-api.test.ts.
 */
type Pair = [own: boolean, foreign: boolean];
type Expect = Record<Role, { own: boolean; foreign: boolean }>;
const ROLES: Role[] = ['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'];
const only = (rules: Partial<Record<Role, Pair>>): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, { own: rules[r]?.[0] ?? false, foreign: rules[r]?.[1] ?? false }])) as Expect;
const ALL: Pair = [true, true];
const OWN: Pair = [true, false];
const owners = { admin: ALL, coordinator: ALL, responder: ALL, 'member-lead': OWN, member: OWN };

export const EXPECTATIONS: Record<string, Expect> = {
  'scans.import': only(owners),
  'scans.read': only(owners),
  'scans.findings.act': only(owners),
  'scans.unknown-assets': only({ admin: ALL, coordinator: ALL, responder: ALL }),
};

export type ScanIds = { scanId: string; findingId: string; jobId: string; systemId: string; host: string };

let hosts = 0;

/**
 * Per fixture (organisation-wide routes in the matrix move an organisation's systems to a
 * successor, so shared objects would change hands): a system of the subject organisation with a
 * scan, a finding and an upload job, and one unknown host.
 */
export async function prepareScans(env: TestEnv, organisationId: string): Promise<ScanIds> {
  const pool = env.platform.pool;
  const systemId = (await makeSystem(env.platform, organisationId)).systemId;
  const scan = await pool.query<{ id: string }>(
    `INSERT INTO scans (system_id, format, tool, imported_by, file_sha256, file_size, file_name)
     VALUES ($1, 'nessus', 'Nessus', 'system:test', 'x', 1, 'm.nessus') RETURNING id`,
    [systemId],
  );
  const f = await pool.query<{ id: string }>(
    `INSERT INTO findings (system_id, fingerprint, family, tool, title, severity, status, host, first_seen_at, last_seen_at)
     VALUES ($1, 'matrix', 'nessus', 'Nessus', 'Ma trận', 'high', 'open', '203.0.113.10', now(), now()) RETURNING id`,
    [systemId],
  );
  const job = await pool.query<{ id: string }>(
    `INSERT INTO scan_jobs (file_name, bytes_total, created_by, organisation_id) VALUES ('m.nessus', 1, 'system:test', $1) RETURNING id`,
    [organisationId],
  );
  const host = `matrix-${process.pid}-${++hosts}.example.test`;
  await pool.query('INSERT INTO unknown_assets (host, first_seen_at, last_seen_at) VALUES ($1, now(), now())', [host]);
  return {
    scanId: scan.rows[0]?.id ?? '',
    findingId: f.rows[0]?.id ?? '',
    jobId: job.rows[0]?.id ?? '',
    systemId,
    host,
  };
}

function scanForm(): FormData {
  const form = new FormData();
  form.append('file', new File(['not a scan\n'], 'x.nessus'));
  return form;
}

type Sample = { class: string; axis: boolean; request: (f: { scans?: ScanIds }) => { url: string; payload?: unknown } };
const none: ScanIds = {
  scanId: randomUUID(),
  findingId: randomUUID(),
  jobId: randomUUID(),
  systemId: randomUUID(),
  host: 'x.test',
};
const of = (f: { scans?: ScanIds }) => f.scans ?? none;

// A second assign of the same host answers 409 (allowed, already done); a second action 409 likewise.
export const ROUTES: Record<string, Sample> = {
  'POST /api/scans': {
    class: 'scans.import',
    axis: false,
    request: () => ({ url: '/api/scans', payload: scanForm() }),
  },
  'GET /api/scans/jobs/:id': {
    class: 'scans.import',
    axis: true,
    request: (f) => ({ url: `/api/scans/jobs/${of(f).jobId}` }),
  },
  'GET /api/scans': { class: 'scans.read', axis: false, request: () => ({ url: '/api/scans' }) },
  'GET /api/scans/:id': { class: 'scans.read', axis: true, request: (f) => ({ url: `/api/scans/${of(f).scanId}` }) },
  'GET /api/findings': { class: 'scans.read', axis: false, request: () => ({ url: '/api/findings' }) },
  'GET /api/findings/:id': {
    class: 'scans.read',
    axis: true,
    request: (f) => ({ url: `/api/findings/${of(f).findingId}` }),
  },
  'POST /api/findings/:id/actions': {
    class: 'scans.findings.act',
    axis: true,
    request: (f) => ({ url: `/api/findings/${of(f).findingId}/actions`, payload: { action: 'start-remediation' } }),
  },
  'POST /api/findings/bulk': {
    class: 'scans.findings.act',
    axis: false,
    request: (f) => ({ url: '/api/findings/bulk', payload: { action: 'claim-fixed', ids: [of(f).findingId] } }),
  },
  'GET /api/scans/unknown-assets': {
    class: 'scans.unknown-assets',
    axis: false,
    request: () => ({ url: '/api/scans/unknown-assets' }),
  },
  'POST /api/scans/unknown-assets/:id/assign': {
    class: 'scans.unknown-assets',
    axis: false,
    request: (f) => ({ url: `/api/scans/unknown-assets/${of(f).host}/assign`, payload: { systemId: of(f).systemId } }),
  },
};
