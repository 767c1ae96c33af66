// Typed calls of the information systems API (contract: src/modules/constituency/systems/routes.ts).

import { buildQuery, request } from './client';
import type {
  ComponentInput,
  HistoryPage,
  InformationSystem,
  SystemComponent,
  SystemDetail,
  SystemFilters,
  SystemInput,
} from './systems-types';
import type { Page, PageParams } from './types';

const id = (value: string) => encodeURIComponent(value);

export const systemsApi = {
  list: (filters: SystemFilters, page: PageParams, signal?: AbortSignal) =>
    request<Page<InformationSystem>>(
      `/api/systems${buildQuery({ ...filters, cursor: page.cursor ?? undefined, limit: page.limit })}`,
      { signal },
    ),
  get: (systemId: string, signal?: AbortSignal) => request<SystemDetail>(`/api/systems/${id(systemId)}`, { signal }),
  history: (systemId: string, page: PageParams, signal?: AbortSignal) =>
    request<HistoryPage>(
      `/api/systems/${id(systemId)}/history${buildQuery({ cursor: page.cursor ?? undefined, limit: page.limit })}`,
      { signal },
    ),
  create: (input: SystemInput) => request<InformationSystem>('/api/systems', { method: 'POST', body: input }),
  update: (systemId: string, input: SystemInput) =>
    request<InformationSystem>(`/api/systems/${id(systemId)}`, { method: 'PATCH', body: input }),
  retire: (systemId: string) =>
    request<InformationSystem>(`/api/systems/${id(systemId)}/retire`, { method: 'POST', body: {} }),
  addComponent: (systemId: string, input: ComponentInput) =>
    request<SystemComponent>(`/api/systems/${id(systemId)}/components`, { method: 'POST', body: input }),
  updateComponent: (systemId: string, componentId: string, input: ComponentInput) =>
    request<SystemComponent>(`/api/systems/${id(systemId)}/components/${id(componentId)}`, {
      method: 'PATCH',
      body: input,
    }),
  removeComponent: (systemId: string, componentId: string) =>
    request<void>(`/api/systems/${id(systemId)}/components/${id(componentId)}`, { method: 'DELETE' }),
};
