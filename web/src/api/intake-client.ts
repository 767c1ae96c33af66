// Typed calls of the incident reports API (contract: src/modules/incidents/reports/routes.ts).

import { buildQuery, request } from './client';
import type {
  IncidentTypeOption,
  ReportDetail,
  ReportFilters,
  ReportInput,
  ReportSummary,
  SimilarItems,
  SubmitResult,
  TriageInput,
  TriageResult,
} from './intake-types';
import type { Page, PageParams } from './types';

const id = (value: string) => encodeURIComponent(value);

export const intakeApi = {
  submit: (input: ReportInput) => request<SubmitResult>('/api/reports', { method: 'POST', body: input }),
  /** Upload one attachment (POST /api/files); the report then names it by id. */
  upload: async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await request<{ item: { id: string; name: string } }>('/api/files', { method: 'POST', body: form })).item;
  },
  list: (filters: ReportFilters, page: PageParams, signal?: AbortSignal) =>
    request<Page<ReportSummary>>(
      `/api/reports${buildQuery({ ...filters, cursor: page.cursor ?? undefined, limit: page.limit })}`,
      { signal },
    ),
  get: (reportId: string, signal?: AbortSignal) => request<ReportDetail>(`/api/reports/${id(reportId)}`, { signal }),
  similar: (reportId: string, signal?: AbortSignal) =>
    request<SimilarItems>(`/api/reports/${id(reportId)}/similar`, { signal }),
  triage: (reportId: string, input: TriageInput) =>
    request<TriageResult>(`/api/reports/${id(reportId)}/triage`, { method: 'POST', body: input }),
  incidentTypes: (signal?: AbortSignal) => request<{ items: IncidentTypeOption[] }>('/api/incident-types', { signal }),
};
