// Typed calls and hooks of the SIEM webhooks (contract: src/modules/intake/siem/routes.ts).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { buildQuery, request } from './client';
import type { Page } from './types';

export type SiemKind = 'generic' | 'wazuh';
export type SiemAuthMode = 'hmac' | 'token';

export interface SiemMapping {
  externalId?: string | null;
  title: string;
  description?: string | null;
  level?: string | null;
  levelNames?: Record<string, number>;
  detectedAt?: string | null;
  observables: { path: string; type: string; group: boolean }[];
}

export interface SiemSource {
  id: string;
  name: string;
  kind: SiemKind;
  organisation: { id: string; name: string } | null;
  authMode: SiemAuthMode;
  mapping: SiemMapping | null;
  minLevel: number;
  groupWindowMinutes: number;
  enabled: boolean;
  endpointPath: string;
  createdAt: string;
  updatedAt: string;
  alerts: { last24h: number; total: number; lastReceivedAt: string | null };
}

export interface SiemSourceInput {
  name?: string;
  kind?: SiemKind;
  organisationId?: string | null;
  authMode?: SiemAuthMode;
  mapping?: SiemMapping | null;
  minLevel?: number;
  groupWindowMinutes?: number;
  enabled?: boolean;
  rotateSecret?: boolean;
}

export interface SiemAlert {
  id: string;
  externalId: string;
  title: string;
  level: number | null;
  queued: boolean;
  detectedAt: string | null;
  receivedAt: string;
  groupKeys: string[];
  report: { id: string; trackingNo: string; status: string };
  source: { id: string; name: string };
}

export interface SiemPreview {
  ok: boolean;
  problems: string | null;
  alert: {
    externalId: string | null;
    title: string;
    description: string;
    level: number | null;
    detectedAt: string | null;
    queued: boolean;
    observables: { type: string; value: string; group: boolean }[];
    invalidObservables: string[];
  } | null;
}

const id = (value: string) => encodeURIComponent(value);
type Saved = { item: SiemSource; secret: string | null };

export const siemApi = {
  list: (signal?: AbortSignal) => request<{ items: SiemSource[] }>('/api/intake/siem/sources', { signal }),
  create: (input: SiemSourceInput) => request<Saved>('/api/intake/siem/sources', { method: 'POST', body: input }),
  update: (sourceId: string, input: SiemSourceInput) =>
    request<Saved>(`/api/intake/siem/sources/${id(sourceId)}`, { method: 'PATCH', body: input }),
  alerts: (sourceId: string, signal?: AbortSignal) =>
    request<Page<SiemAlert>>(`/api/intake/siem/sources/${id(sourceId)}/alerts${buildQuery({ limit: 50 })}`, {
      signal,
    }),
  preview: (input: { kind: SiemKind; mapping?: SiemMapping | null; minLevel?: number; alert: string }) =>
    request<SiemPreview>('/api/intake/siem/preview', { method: 'POST', body: input }),
  reportAlerts: (reportId: string, signal?: AbortSignal) =>
    request<{ items: (SiemAlert & { raw: string; rawTruncated: boolean })[] }>(
      `/api/intake/siem/reports/${id(reportId)}/alerts`,
      { signal },
    ),
};

const keys = {
  all: ['siem'] as const,
  sources: ['siem', 'sources'] as const,
  alerts: (sourceId: string) => ['siem', 'alerts', sourceId] as const,
  reportAlerts: (reportId: string) => ['siem', 'report-alerts', reportId] as const,
};

export function useSiemSources() {
  return useQuery({ queryKey: keys.sources, queryFn: ({ signal }) => siemApi.list(signal) });
}

export function useSiemAlerts(sourceId: string | undefined) {
  return useQuery({
    queryKey: keys.alerts(sourceId ?? ''),
    queryFn: ({ signal }) => siemApi.alerts(sourceId ?? '', signal),
    enabled: Boolean(sourceId),
  });
}

export function useReportSiemAlerts(reportId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.reportAlerts(reportId),
    queryFn: ({ signal }) => siemApi.reportAlerts(reportId, signal),
    enabled,
  });
}

export function useSaveSiemSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id: sourceId, input }: { id?: string; input: SiemSourceInput }) =>
      sourceId ? siemApi.update(sourceId, input) : siemApi.create(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useSiemPreview() {
  return useMutation({ mutationFn: siemApi.preview });
}
