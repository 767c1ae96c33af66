// Typed calls of the incident casework API (contract: src/modules/incidents/casework/routes.ts).

import type {
  CommentVisibility,
  IncidentComment,
  IncidentLink,
  LinkKind,
  MergeResult,
  Observable,
  ObservableAddInput,
  ObservableAddResult,
  ObservableChange,
  SplitInput,
  SplitResult,
  TimelineEntry,
} from './casework-types';
import { buildQuery, request } from './client';
import type { Page, PageParams } from './types';

const id = (value: string) => encodeURIComponent(value);
const base = (incidentId: string) => `/api/incidents/${id(incidentId)}`;
const pageQuery = (page: PageParams) => buildQuery({ cursor: page.cursor ?? undefined, limit: page.limit });

export const caseworkApi = {
  observables: (incidentId: string, page: PageParams, signal?: AbortSignal) =>
    request<Page<Observable>>(`${base(incidentId)}/observables${pageQuery(page)}`, { signal }),
  addObservables: (incidentId: string, input: ObservableAddInput) =>
    request<ObservableAddResult>(`${base(incidentId)}/observables`, { method: 'POST', body: input }),
  changeObservable: (incidentId: string, observableId: string, change: ObservableChange) =>
    request<Observable>(`${base(incidentId)}/observables/${id(observableId)}`, { method: 'PATCH', body: change }),
  removeObservable: (incidentId: string, observableId: string) =>
    request<void>(`${base(incidentId)}/observables/${id(observableId)}`, { method: 'DELETE' }),
  timeline: (incidentId: string, page: PageParams, signal?: AbortSignal) =>
    request<Page<TimelineEntry>>(`${base(incidentId)}/timeline${pageQuery(page)}`, { signal }),
  addTimelineEntry: (incidentId: string, input: { occurredAt: string; summary: string }) =>
    request<{ ok: true }>(`${base(incidentId)}/timeline`, { method: 'POST', body: input }),
  comments: (incidentId: string, page: PageParams, signal?: AbortSignal) =>
    request<Page<IncidentComment>>(`${base(incidentId)}/comments${pageQuery(page)}`, { signal }),
  addComment: (incidentId: string, input: { body: string; visibility?: CommentVisibility }) =>
    request<IncidentComment>(`${base(incidentId)}/comments`, { method: 'POST', body: input }),
  links: (incidentId: string, signal?: AbortSignal) =>
    request<{ items: IncidentLink[]; mergedInto: { id: string; number: string } | null }>(`${base(incidentId)}/links`, {
      signal,
    }),
  addLink: (incidentId: string, input: { otherNumber?: string; otherId?: string; kind: LinkKind }) =>
    request<{ ok: true }>(`${base(incidentId)}/links`, { method: 'POST', body: input }),
  removeLink: (incidentId: string, otherId: string) =>
    request<void>(`${base(incidentId)}/links/${id(otherId)}`, { method: 'DELETE' }),
  merge: (incidentId: string, input: { intoNumber?: string; intoId?: string }) =>
    request<MergeResult>(`${base(incidentId)}/merge`, { method: 'POST', body: input }),
  split: (incidentId: string, input: SplitInput) =>
    request<SplitResult>(`${base(incidentId)}/split`, { method: 'POST', body: input }),
};
