import { Readable } from 'node:stream';
import { runCommand } from '../../../src/modules/audit/command.ts';
import { storeFile } from '../../../src/modules/files/commands/store-file.ts';
import type { Role } from '../../../src/modules/identity/tables.ts';
import { addEvidence } from '../../../src/modules/incidents/tasks/commands/add-evidence.ts';
import { createTask } from '../../../src/modules/incidents/tasks/commands/create-task.ts';
import { systemCtx } from '../../../src/platform/actor.ts';
import { as } from '../../http.ts';
import type { Expectation, IncidentFixture, IncidentSample } from './kit.ts';

const sys = (f: IncidentFixture) => systemCtx('system:test', f.env.clock);

async function taskOn(f: IncidentFixture) {
  const t = await runCommand(f.env.platform.db, sys(f), (scope) =>
    createTask(scope, f.incident.id, { title: 'Thu thập nhật ký', requiresEvidence: true }),
  );
  return { taskId: t.id };
}

async function evidenceOn(f: IncidentFixture) {
  const file = await storeFile(f.env.platform.db, sys(f), f.env.platform.blobs, {
    stream: Readable.from([Buffer.from('nhật ký tường lửa\n')]),
    name: 'firewall.log',
    organisationId: f.incident.organisationId,
  });
  const e = await runCommand(f.env.platform.db, sys(f), (scope) =>
    addEvidence(scope, f.incident.id, { fileId: file.id, collectedBy: 'Quản trị mạng' }),
  );
  return { evidenceId: e.id };
}

/** A file uploaded by the actor itself (evidence takes only one's own uploads); none without a login. */
async function ownUpload(f: IncidentFixture) {
  if (!f.session.cookie) return { fileId: '00000000-0000-4000-8000-000000000000' };
  const form = new FormData();
  form.append('file', new File(['pcap bytes'], 'capture.pcap', { type: 'application/octet-stream' }));
  const res = await as(f.env.app, f.session)('POST', '/api/files', form);
  return { fileId: res.statusCode === 201 ? res.json().item.id : '00000000-0000-4000-8000-000000000000' };
}

const playbookBody = (code: string) => ({
  id: code,
  incidentTypes: ['malware'],
  title: { vi: 'Kịch bản thử', en: 'Test playbook' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  tasks: Array.from({ length: 8 }, (_, i) => ({
    key: `step-${i}`,
    phase: i === 0 ? 'notification' : 'containment',
    title: { vi: `Bước ${i}`, en: `Step ${i}` },
    description: { vi: 'Mô tả', en: 'Description' },
    ...(i === 0 ? { notify: ['provincial-csirt'] } : {}),
    ...(i === 1 ? { requiresEvidence: true } : {}),
  })),
});

const uniq = () => Math.random().toString(36).slice(2, 8);

/** The tasks routes of the incidents area: method + URL pattern → class and a valid request. */
export const ROUTES: Record<string, IncidentSample> = {
  'GET /api/incident-types': {
    class: 'incident.any-user',
    onIncident: false,
    request: () => ({ url: '/api/incident-types' }),
  },
  'POST /api/incident-types': {
    class: 'incident.reference.manage',
    onIncident: false,
    request: () => ({
      url: '/api/incident-types',
      payload: {
        code: `thu-${uniq()}`,
        nameVi: 'Loại thử',
        nameEn: 'Test type',
        rsit: { class: 'other', type: 'other' },
      },
    }),
  },
  'PATCH /api/incident-types/:code': {
    class: 'incident.reference.manage',
    onIncident: false,
    request: () => ({ url: '/api/incident-types/other', payload: { descriptionEn: 'Anything else.' } }),
  },
  'GET /api/playbooks': { class: 'incident.any-user', onIncident: false, request: () => ({ url: '/api/playbooks' }) },
  'GET /api/playbooks/:code': {
    class: 'incident.any-user',
    onIncident: false,
    request: () => ({ url: '/api/playbooks/ransomware' }),
  },
  'POST /api/playbooks': {
    class: 'incident.reference.manage',
    onIncident: false,
    request: () => ({ url: '/api/playbooks', payload: { playbook: playbookBody(`thu-${uniq()}`) } }),
  },
  'PUT /api/playbooks/:code': {
    class: 'incident.reference.manage',
    onIncident: false,
    prepare: async (f) => {
      const code = `thu-${uniq()}`;
      await f.env.platform.pool.query('INSERT INTO playbooks (code, body) VALUES ($1, $2)', [
        code,
        JSON.stringify(playbookBody(code)),
      ]);
      return { code };
    },
    request: (_f, ids) => ({ url: `/api/playbooks/${ids.code}`, payload: { playbook: playbookBody(ids.code ?? '') } }),
  },
  'POST /api/incidents/:id/playbooks/:code/apply': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/playbooks/malware/apply` }),
  },
  'GET /api/incidents/:id/tasks': {
    class: 'incident.read',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/tasks` }),
  },
  'GET /api/incidents/:id/assignable-users': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/assignable-users?q=nguyen` }),
  },
  'POST /api/incidents/:id/tasks': {
    class: 'incident.work',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/tasks`, payload: { title: 'Kiểm tra máy chủ' } }),
  },
  'PATCH /api/incidents/:id/tasks/:taskId': {
    class: 'incident.work',
    onIncident: true,
    prepare: taskOn,
    request: (f, ids) => ({
      url: `/api/incidents/${f.incident.id}/tasks/${ids.taskId}`,
      payload: { status: 'in-progress' },
    }),
  },
  'POST /api/incidents/:id/evidence': {
    class: 'incident.work',
    onIncident: true,
    prepare: ownUpload,
    request: (f, ids) => ({
      url: `/api/incidents/${f.incident.id}/evidence`,
      payload: { fileId: ids.fileId, collectedBy: 'Nguyễn Văn A', description: 'Bản ghi gói tin' },
    }),
  },
  'GET /api/incidents/:id/evidence': {
    class: 'incident.read',
    onIncident: true,
    request: (f) => ({ url: `/api/incidents/${f.incident.id}/evidence` }),
  },
  'GET /api/incidents/:id/evidence/:evidenceId/download': {
    class: 'incident.read',
    onIncident: true,
    prepare: evidenceOn,
    request: (f, ids) => ({ url: `/api/incidents/${f.incident.id}/evidence/${ids.evidenceId}/download` }),
  },
  'GET /api/incidents/:id/evidence/:evidenceId/custody': {
    class: 'incident.read',
    onIncident: true,
    prepare: evidenceOn,
    request: (f, ids) => ({ url: `/api/incidents/${f.incident.id}/evidence/${ids.evidenceId}/custody` }),
  },
  'POST /api/incidents/:id/evidence/:evidenceId/custody': {
    class: 'incident.work',
    onIncident: true,
    prepare: evidenceOn,
    request: (f, ids) => ({
      url: `/api/incidents/${f.incident.id}/evidence/${ids.evidenceId}/custody`,
      payload: { action: 'transferred', note: 'Bàn giao cho cơ quan điều tra' },
    }),
  },
};

/** Route classes of this slice beyond the common ones (kit.ts), written by hand. */
export const EXPECTATIONS: Record<string, Expectation> = {
  // Incident types and playbooks are reference data: administrators and coordinators only.
  'incident.reference.manage': (role: Role) => role === 'admin' || role === 'coordinator',
};
