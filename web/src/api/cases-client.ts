// Typed calls of the incident cases API (contract: src/modules/incidents/cases/routes.ts).

import type { IncidentMemberRole, IncidentOrgRelation } from '../../../src/shared/vocabulary';
import { currentLocale } from '../i18n';
import type {
  IncidentClosure,
  IncidentDashboard,
  IncidentDetail,
  IncidentFilters,
  IncidentPatch,
  IncidentRow,
  IncidentStatus,
  IncidentTypeOption,
  SavedView,
  SeriousVerdict,
  Suggestions,
} from './cases-types';
import { buildQuery, request } from './client';
import type { Page, PageParams } from './types';

const id = (value: string) => encodeURIComponent(value);

/** Arrays travel comma-separated (the API accepts both forms). */
export function filterQuery(f: IncidentFilters): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(f)) {
    if (Array.isArray(value)) out[key] = value.length > 0 ? value.join(',') : undefined;
    else if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

export function exportUrl(f: IncidentFilters, format: 'csv' | 'xlsx'): string {
  return `/api/incidents/export${buildQuery({ ...filterQuery(f), format, lang: currentLocale() })}`;
}

export const casesApi = {
  list: (filters: IncidentFilters, page: PageParams, signal?: AbortSignal) =>
    request<Page<IncidentRow>>(
      `/api/incidents${buildQuery({ ...filterQuery(filters), cursor: page.cursor ?? undefined, limit: page.limit })}`,
      { signal },
    ),
  create: (body: {
    title: string;
    typeCode: string;
    organisationId: string;
    severity?: string;
    tlp?: string;
    description?: string;
  }) => request<{ id: string; number: string }>('/api/incidents', { method: 'POST', body }),
  get: (incidentId: string, signal?: AbortSignal) =>
    request<IncidentDetail>(`/api/incidents/${id(incidentId)}`, { signal }),
  update: (incidentId: string, patch: IncidentPatch) =>
    request<unknown>(`/api/incidents/${id(incidentId)}`, { method: 'PATCH', body: patch }),
  status: (
    incidentId: string,
    body: { status: IncidentStatus; version?: number; reason?: string; closure?: IncidentClosure },
  ) => request<unknown>(`/api/incidents/${id(incidentId)}/status`, { method: 'POST', body }),
  serious: (incidentId: string, answers: Record<string, unknown>) =>
    request<{ verdict: SeriousVerdict }>(`/api/incidents/${id(incidentId)}/serious`, {
      method: 'PUT',
      body: { answers },
    }),
  members: (incidentId: string, members: { userId: string; role: IncidentMemberRole }[]) =>
    request<unknown>(`/api/incidents/${id(incidentId)}/members`, { method: 'PUT', body: { members } }),
  organisations: (
    incidentId: string,
    organisations: { organisationId: string; relation: IncidentOrgRelation }[],
    version?: number,
  ) =>
    request<unknown>(`/api/incidents/${id(incidentId)}/organisations`, {
      method: 'PUT',
      body: { organisations, version },
    }),
  systems: (incidentId: string, systemIds: string[], version?: number) =>
    request<unknown>(`/api/incidents/${id(incidentId)}/systems`, { method: 'PUT', body: { systemIds, version } }),
  suggestions: (incidentId: string, signal?: AbortSignal) =>
    request<Suggestions>(`/api/incidents/${id(incidentId)}/suggestions`, { signal }),
  dashboard: (signal?: AbortSignal) => request<IncidentDashboard>('/api/incidents/dashboard', { signal }),
  views: (signal?: AbortSignal) => request<{ items: SavedView[] }>('/api/incident-views', { signal }),
  saveView: (name: string, filters: IncidentFilters) =>
    request<SavedView>('/api/incident-views', { method: 'POST', body: { name, filters } }),
  deleteView: (viewId: string) => request<void>(`/api/incident-views/${id(viewId)}`, { method: 'DELETE' }),
  types: (signal?: AbortSignal) => request<{ items: IncidentTypeOption[] }>('/api/incident-types', { signal }),
};
