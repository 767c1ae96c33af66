// Typed calls of the contact publication API (src/modules/constituency/publication/routes.ts).

import { buildQuery, request } from './client';
import type {
  Publication,
  PublicationCheck,
  PublicationStatus,
  PublicationStatusRow,
  PublicationSummary,
} from './publication-types';
import type { Contact, Page, PageParams } from './types';

const id = (value: string) => encodeURIComponent(value);
const paging = (page: PageParams) => ({ cursor: page.cursor ?? undefined, limit: page.limit });

export const publicationApi = {
  get: (orgId: string, signal?: AbortSignal) =>
    request<Publication>(`/api/organisations/${id(orgId)}/publication`, { signal }),
  savePortal: (orgId: string, url: string | null) =>
    request<Publication['portal']>(`/api/organisations/${id(orgId)}/publication/portal`, {
      method: 'PUT',
      body: { url },
    }),
  checkNow: (orgId: string) =>
    request<PublicationCheck>(`/api/organisations/${id(orgId)}/publication/check`, { method: 'POST', body: {} }),
  checks: (orgId: string, page: PageParams, signal?: AbortSignal) =>
    request<Page<PublicationCheck>>(`/api/organisations/${id(orgId)}/publication/checks${buildQuery(paging(page))}`, {
      signal,
    }),
  confirmContact: (contactId: string) =>
    request<Contact>(`/api/contacts/${id(contactId)}/confirm`, { method: 'POST', body: {} }),
  status: (filters: { status?: PublicationStatus; q?: string }, page: PageParams, signal?: AbortSignal) =>
    request<Page<PublicationStatusRow>>(
      `/api/publication/status${buildQuery({ status: filters.status, q: filters.q, ...paging(page) })}`,
      { signal },
    ),
  summary: (signal?: AbortSignal) => request<PublicationSummary>('/api/publication/summary', { signal }),
};
