// Typed calls of the registry bulk import/export API (contract: src/modules/constituency/bulk/routes.ts).

import { buildQuery, request } from './client';

export const REGISTRY_ENTITIES = ['organisations', 'contacts', 'systems', 'components', 'networks'] as const;
export type RegistryEntity = (typeof REGISTRY_ENTITIES)[number];

export interface ImportError {
  sheet?: string;
  row: number;
  message: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
}

export interface DryRun {
  fileName: string;
  summary: ImportSummary;
  /** set when every row is valid: the commit needs it */
  token: string | null;
}

export interface CommitResult {
  committed: boolean;
  summary: ImportSummary;
}

export const registryApi = {
  dryRun: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<DryRun>('/api/registry/import', { method: 'POST', body: form });
  },
  commit: (token: string) =>
    request<CommitResult>(`/api/registry/import/${encodeURIComponent(token)}/commit`, { method: 'POST', body: {} }),
};

export const registryTemplateUrl = '/api/registry/template';

export function registryExportUrl(format: 'xlsx' | 'csv', entity?: RegistryEntity): string {
  return `/api/registry/export${buildQuery({ format, entity })}`;
}
