// Typed calls of the incident tasks, evidence, playbooks and incident-types API.

import { request } from './client';
import type {
  AssignableUser,
  CustodyEntry,
  Evidence,
  EvidenceInput,
  IncidentTask,
  IncidentType,
  PlaybookDetail,
  PlaybookSummary,
  TaskInput,
  TaskPatch,
} from './tasks-types';

const id = (value: string) => encodeURIComponent(value);
const inc = (incidentId: string) => `/api/incidents/${id(incidentId)}`;

export const tasksApi = {
  tasks: (incidentId: string, signal?: AbortSignal) =>
    request<{ items: IncidentTask[] }>(`${inc(incidentId)}/tasks`, { signal }),
  applyPlaybook: (incidentId: string, code: string) =>
    request<{ added: number; items: IncidentTask[] }>(`${inc(incidentId)}/playbooks/${id(code)}/apply`, {
      method: 'POST',
      body: {},
    }),
  assignableUsers: (incidentId: string, q: string, signal?: AbortSignal) =>
    request<{ items: AssignableUser[] }>(
      `${inc(incidentId)}/assignable-users${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`,
      { signal },
    ),
  createTask: (incidentId: string, input: TaskInput) =>
    request<IncidentTask>(`${inc(incidentId)}/tasks`, { method: 'POST', body: input }),
  updateTask: (incidentId: string, taskId: string, patch: TaskPatch) =>
    request<IncidentTask>(`${inc(incidentId)}/tasks/${id(taskId)}`, { method: 'PATCH', body: patch }),
  evidence: (incidentId: string, signal?: AbortSignal) =>
    request<{ items: Evidence[] }>(`${inc(incidentId)}/evidence`, { signal }),
  custody: (incidentId: string, evidenceId: string, signal?: AbortSignal) =>
    request<{ items: CustodyEntry[] }>(`${inc(incidentId)}/evidence/${id(evidenceId)}/custody`, { signal }),
  addCustody: (incidentId: string, evidenceId: string, input: { action: 'transferred' | 'exported'; note: string }) =>
    request<CustodyEntry>(`${inc(incidentId)}/evidence/${id(evidenceId)}/custody`, { method: 'POST', body: input }),
  downloadUrl: (incidentId: string, evidenceId: string) => `${inc(incidentId)}/evidence/${id(evidenceId)}/download`,
  /** Upload the file (POST /api/files), then take it into evidence. */
  addEvidence: async (incidentId: string, file: File, input: Omit<EvidenceInput, 'fileId'>) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const stored = await request<{ item: { id: string } }>('/api/files', { method: 'POST', body: form });
    return request<Evidence>(`${inc(incidentId)}/evidence`, {
      method: 'POST',
      body: { ...input, fileId: stored.item.id },
    });
  },
  playbooks: (signal?: AbortSignal) => request<{ items: PlaybookSummary[] }>('/api/playbooks', { signal }),
  playbook: (code: string, signal?: AbortSignal) => request<PlaybookDetail>(`/api/playbooks/${id(code)}`, { signal }),
  savePlaybook: (code: string, playbook: unknown, active?: boolean) =>
    request<PlaybookDetail>(`/api/playbooks/${id(code)}`, { method: 'PUT', body: { playbook, active } }),
  createPlaybook: (playbook: unknown) =>
    request<PlaybookDetail>('/api/playbooks', { method: 'POST', body: { playbook } }),
  incidentTypes: (signal?: AbortSignal) => request<{ items: IncidentType[] }>('/api/incident-types', { signal }),
  updateIncidentType: (code: string, patch: Partial<Omit<IncidentType, 'code' | 'position'>>) =>
    request<IncidentType>(`/api/incident-types/${id(code)}`, { method: 'PATCH', body: patch }),
};
