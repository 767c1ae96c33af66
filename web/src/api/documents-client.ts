// Typed calls of the document registry API (contract: src/modules/documents/routes.ts).

import { buildQuery, request } from './client';
import type { DocumentFilters, DocumentFormat, IssuedDocument } from './documents-types';
import type { Page, PageParams } from './types';

export const documentsApi = {
  list: (filters: DocumentFilters, page: PageParams, signal?: AbortSignal) =>
    request<Page<IssuedDocument>>(
      `/api/documents${buildQuery({ ...filters, cursor: page.cursor ?? undefined, limit: page.limit })}`,
      { signal },
    ),
  issuePlatformReport: (format: DocumentFormat) =>
    request<IssuedDocument>('/api/documents/platform-report', { method: 'POST', body: { format } }),
};

/** The download link of an issued document (the browser saves it; the server audits it). */
export function documentFileUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/file`;
}
