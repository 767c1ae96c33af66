// Typed calls of the network ownership API (src/modules/constituency/networks/routes.ts).

import { buildQuery, request } from './client';
import type {
  ComponentClaim,
  NetworkEntry,
  NetworkInput,
  NetworkKind,
  Overlap,
  OwnershipAnswer,
} from './networks-types';
import type { Page, PageParams } from './types';

const id = (value: string) => encodeURIComponent(value);
const paging = (page: PageParams) => ({ cursor: page.cursor ?? undefined, limit: page.limit });

export const networksApi = {
  lookup: (value: string, signal?: AbortSignal) =>
    request<OwnershipAnswer>(`/api/ownership${buildQuery({ value })}`, { signal }),
  list: (orgId: string, kind: NetworkKind, page: PageParams, signal?: AbortSignal) =>
    request<Page<NetworkEntry>>(`/api/organisations/${id(orgId)}/networks${buildQuery({ kind, ...paging(page) })}`, {
      signal,
    }),
  add: (orgId: string, input: NetworkInput) =>
    request<NetworkEntry>(`/api/organisations/${id(orgId)}/networks`, { method: 'POST', body: input }),
  remove: (orgId: string, kind: NetworkKind, entryId: string) =>
    request<void>(`/api/organisations/${id(orgId)}/networks/${kind}/${id(entryId)}`, { method: 'DELETE' }),
  componentClaims: (signal?: AbortSignal) =>
    request<{ items: ComponentClaim[] }>('/api/networks/component-claims', { signal }),
  confirmClaim: (systemId: string, componentId: string) =>
    request<unknown>(`/api/systems/${id(systemId)}/components/${id(componentId)}/confirm-ownership`, {
      method: 'POST',
    }),
  overlaps: (page: PageParams, signal?: AbortSignal) =>
    request<Page<Overlap>>(`/api/networks/overlaps${buildQuery(paging(page))}`, { signal }),
};
