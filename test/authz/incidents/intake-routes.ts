import { randomUUID } from 'node:crypto';
import type { Expectation, IncidentFixture, IncidentSample } from './kit.ts';

/** A new report from the actor's own organisation, inserted directly (as the system). */
async function prepareReport(f: IncidentFixture): Promise<Record<string, string>> {
  const r = await f.env.platform.pool.query<{ id: string }>(
    `INSERT INTO reports (tracking_no, source, channel_key, reporter_org_id, reporter_name, title, description, detection_method, handling_state)
     VALUES ($1, 'member-form', $2::text, $2::uuid, 'Đơn vị thử', 'Báo cáo ma trận', 'Kết nối tới 198.51.100.9', 'log', 'not-yet')
     RETURNING id`,
    [`TN-TEST-${randomUUID()}`, f.ownOrgId],
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error('report insert returned nothing');
  await f.env.platform.pool.query(
    `INSERT INTO report_observables (report_id, type, value) VALUES ($1, 'ipv4', '198.51.100.9')`,
    [id],
  );
  return { reportId: id };
}

const submitBody = () => ({
  title: 'Báo cáo sự cố thử',
  description: 'Máy chủ gửi thư rác',
  detectedAt: '2026-03-01T02:00:00Z',
  detectionMethod: 'other',
  handlingState: 'not-yet',
  externalId: randomUUID(),
});

/** The intake routes of the incidents area: method + URL pattern → class and a valid request. */
export const ROUTES: Record<string, IncidentSample> = {
  'POST /api/reports': {
    class: 'incident.report.submit',
    onIncident: false,
    request: () => ({ url: '/api/reports', payload: submitBody() }),
  },
  'GET /api/reports': {
    class: 'incident.report.read',
    onIncident: false,
    request: () => ({ url: '/api/reports' }),
  },
  'GET /api/reports/:id': {
    class: 'incident.report.read',
    onIncident: false,
    prepare: prepareReport,
    request: (_f, ids) => ({ url: `/api/reports/${ids.reportId}` }),
  },
  'GET /api/reports/:id/similar': {
    class: 'incident.ir-team',
    onIncident: false,
    prepare: prepareReport,
    request: (_f, ids) => ({ url: `/api/reports/${ids.reportId}/similar` }),
  },
  'POST /api/reports/:id/triage': {
    class: 'incident.ir-team',
    onIncident: false,
    prepare: prepareReport,
    request: (_f, ids) => ({
      url: `/api/reports/${ids.reportId}/triage`,
      payload: { action: 'dismiss', outcome: 'not-incident', reason: 'Thử ma trận' },
    }),
  },
};

/** Route classes of this slice beyond the common ones (kit.ts), written by hand. */
export const EXPECTATIONS: Record<string, Expectation> = {
  // TT 20 Điều 9: anyone who meets an incident reports it; a viewer only reads.
  'incident.report.submit': (role) => role !== 'viewer',
  // Everyone sees the reports of their own organisation (the sample report is the actor's own);
  // the IR team sees all (reports.test.ts covers the foreign case).
  'incident.report.read': () => true,
};
