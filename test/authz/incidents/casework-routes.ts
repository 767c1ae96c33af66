import type { Role } from '../../../src/modules/identity/tables.ts';
import { type Expectation, type IncidentSample, sees } from './kit.ts';

async function observable(f: Parameters<NonNullable<IncidentSample['prepare']>>[0]) {
  const r = await f.env.platform.pool.query<{ id: string }>(
    `INSERT INTO incident_observables (incident_id, type, value, tlp) VALUES ($1, 'domain', $2, 'amber') RETURNING id`,
    [f.incident.id, `o${Math.random().toString(36).slice(2, 10)}.example.com`],
  );
  return { oid: r.rows[0]?.id ?? '' };
}

async function indicator(f: Parameters<NonNullable<IncidentSample['prepare']>>[0]) {
  const r = await f.env.platform.pool.query<{ id: string }>(
    `INSERT INTO indicators (type, value) VALUES ('domain', $1) RETURNING id`,
    [`m${Math.random().toString(36).slice(2, 10)}.example.com`],
  );
  const indicatorId = r.rows[0]?.id ?? '';
  // Seen on the case's incident: an indicator nobody may see a sighting of answers 404.
  await f.env.platform.pool.query(
    `INSERT INTO incident_observables (incident_id, indicator_id, type, value, tlp)
     SELECT $1, id, type, value, 'green' FROM indicators WHERE id = $2`,
    [f.incident.id, indicatorId],
  );
  return { indicatorId };
}

async function link(f: Parameters<NonNullable<IncidentSample['prepare']>>[0]) {
  const [a, b] = f.incident.id < f.other.id ? [f.incident.id, f.other.id] : [f.other.id, f.incident.id];
  await f.env.platform.pool.query('INSERT INTO incident_links (incident_id, other_id) VALUES ($1, $2)', [a, b]);
  return {};
}

/** The casework routes of the incidents area: method + URL pattern → class and a valid request. */
export const ROUTES: Record<string, IncidentSample> = {
  'GET /api/incidents/:id/observables': {
    class: 'incident.read',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/observables` }),
  },
  'POST /api/incidents/:id/observables': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({
      url: `/api/incidents/${f.incident.id}/observables`,
      payload: { text: 'C2 at evil[.]example[.]com and 203.0.113[.]9' },
    }),
  },
  'PATCH /api/incidents/:id/observables/:oid': {
    class: 'incident.work',
    onIncident: true,
    prepare: observable,
    request: (f, ids) => ({
      url: `/api/incidents/${f.incident.id}/observables/${ids.oid}`,
      payload: { isIoc: true },
    }),
  },
  'DELETE /api/incidents/:id/observables/:oid': {
    class: 'incident.work',
    onIncident: true,
    prepare: observable,
    request: (f, ids) => ({ url: `/api/incidents/${f.incident.id}/observables/${ids.oid}` }),
  },
  'GET /api/indicators': {
    class: 'incident.ir-team',
    onIncident: false,
    request: () => ({ url: '/api/indicators?q=example' }),
  },
  'GET /api/indicators/:id': {
    class: 'incident.ir-team',
    onIncident: false,
    prepare: indicator,
    request: (_f, ids) => ({ url: `/api/indicators/${ids.indicatorId}` }),
  },
  'GET /api/incidents/:id/timeline': {
    class: 'incident.read',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/timeline` }),
  },
  'POST /api/incidents/:id/timeline': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({
      url: `/api/incidents/${f.incident.id}/timeline`,
      payload: { occurredAt: '2024-05-01T03:00:00Z', summary: 'Máy chủ web bị thay giao diện' },
    }),
  },
  'GET /api/incidents/:id/comments': {
    class: 'incident.read',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/comments` }),
  },
  'POST /api/incidents/:id/comments': {
    class: 'incident.comment',
    onIncident: true,
    request: (f) => ({
      url: `/api/incidents/${f.incident.id}/comments`,
      payload: { body: 'Đã cô lập máy chủ.', visibility: 'shared' },
    }),
  },
  'GET /api/incidents/:id/links': {
    class: 'incident.read',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/links` }),
  },
  'POST /api/incidents/:id/links': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/links`, payload: { otherId: f.other.id } }),
  },
  'DELETE /api/incidents/:id/links/:otherId': {
    class: 'incident.work',
    onIncident: true,
    prepare: link,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/links/${f.other.id}` }),
  },
  'POST /api/incidents/:id/merge': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/merge`, payload: { intoId: f.other.id } }),
  },
  'POST /api/incidents/:id/split': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/split`, payload: { title: 'Phần tách ra' } }),
  },
};

const COMMENTERS: Role[] = ['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner'];

/** Route classes of this slice beyond the common ones (kit.ts), written by hand. */
export const EXPECTATIONS: Record<string, Expectation> = {
  /** writing a (shared) comment: whoever sees the incident, except read-only viewers */
  'incident.comment': (role, c) => COMMENTERS.includes(role) && sees(role, c),
};
