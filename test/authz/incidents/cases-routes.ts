import type { Expectation, IncidentSample } from './kit.ts';

const onIncident = (cls: string, suffix: string, payload?: (f: Parameters<IncidentSample['request']>[0]) => unknown) =>
  ({
    class: cls,
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}${suffix}`, payload: payload?.(f) }),
  }) satisfies IncidentSample;

/** The cases routes of the incidents area: method + URL pattern → class and a valid request. */
export const ROUTES: Record<string, IncidentSample> = {
  'GET /api/incidents': { class: 'incident.any-user', onIncident: false, request: () => ({ url: '/api/incidents' }) },
  'GET /api/incidents/export': {
    class: 'incident.any-user',
    onIncident: false,
    request: () => ({ url: '/api/incidents/export?format=csv' }),
  },
  'GET /api/incidents/dashboard': {
    class: 'incident.any-user',
    onIncident: false,
    request: () => ({ url: '/api/incidents/dashboard' }),
  },
  'POST /api/incidents': {
    class: 'incident.ir-team',
    onIncident: false,
    request: (f) => ({
      url: '/api/incidents',
      payload: { title: 'Ma trận: mở trực tiếp', typeCode: 'malware', organisationId: f.ownOrgId },
    }),
  },
  'GET /api/incidents/:id': onIncident('incident.read', ''),
  'GET /api/incidents/:id/suggestions': onIncident('incident.read', '/suggestions'),
  'PATCH /api/incidents/:id': onIncident('incident.work', '', () => ({ version: 1, title: 'Đã sửa' })),
  'POST /api/incidents/:id/status': onIncident('incident.work', '/status', () => ({ status: 'triage' })),
  'PUT /api/incidents/:id/serious': onIncident('incident.work', '/serious', () => ({ answers: {} })),
  'PUT /api/incidents/:id/members': onIncident('incident.work', '/members', (f) => ({
    members: [{ userId: f.actor.id, role: 'named' }],
  })),
  'PUT /api/incidents/:id/organisations': onIncident('incident.work', '/organisations', (f) => ({
    organisations: [{ organisationId: f.incident.organisationId, relation: 'affected' }],
  })),
  'PUT /api/incidents/:id/systems': onIncident('incident.work', '/systems', () => ({ systemIds: [] })),
  'GET /api/incident-views': {
    class: 'incident.any-user',
    onIncident: false,
    request: () => ({ url: '/api/incident-views' }),
  },
  'POST /api/incident-views': {
    class: 'incident.any-user',
    onIncident: false,
    request: () => ({
      url: '/api/incident-views',
      payload: { name: `Bộ lọc ${Math.random().toString(36).slice(2)}`, filters: { status: ['new'] } },
    }),
  },
  'DELETE /api/incident-views/:id': {
    class: 'incident.own-view',
    onIncident: false,
    // Someone else's view: 404 for everyone (own views only).
    prepare: async (f) => {
      const owner = await f.env.platform.pool.query<{ id: string }>(
        `INSERT INTO users (username, display_name, organisation_id, password_hash) VALUES ($1, 'Chủ bộ lọc', $2, 'x') RETURNING id`,
        [`v${Math.random().toString(36).slice(2, 10)}`, f.foreignOrgId],
      );
      const r = await f.env.platform.pool.query<{ id: string }>(
        `INSERT INTO saved_views (user_id, scope, name, filters) VALUES ($1, 'incidents', $2, '{}') RETURNING id`,
        [owner.rows[0]?.id, `x${Math.random().toString(36).slice(2)}`],
      );
      return { viewId: r.rows[0]?.id ?? '' };
    },
    request: (_f, ids) => ({ url: `/api/incident-views/${ids.viewId}` }),
  },
};

/** Route classes of this slice beyond the common ones (kit.ts), written by hand. */
export const EXPECTATIONS: Record<string, Expectation> = {
  /** deleting a view someone else saved is refused to every role (own views only) */
  'incident.own-view': () => false,
};
