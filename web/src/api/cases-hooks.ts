// TanStack Query hooks for incident cases.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { casesApi } from './cases-client';
import type { IncidentFilters } from './cases-types';
import type { PageParams } from './types';

export const caseKeys = {
  all: ['incidents'] as const,
  list: (filters: IncidentFilters, page: PageParams) => ['incidents', 'list', filters, page] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  suggestions: (id: string) => ['incidents', 'suggestions', id] as const,
  dashboard: ['incidents', 'dashboard'] as const,
  views: ['incident-views'] as const,
  types: ['incident-types', 'cases'] as const,
};

export function useIncidents(filters: IncidentFilters, page: PageParams) {
  return useQuery({
    queryKey: caseKeys.list(filters, page),
    queryFn: ({ signal }) => casesApi.list(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIncident(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    queryFn: ({ signal }) => casesApi.get(id ?? '', signal),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.suggestions(id),
    queryFn: ({ signal }) => casesApi.suggestions(id, signal),
    enabled,
  });
}

export function useIncidentDashboard() {
  return useQuery({ queryKey: caseKeys.dashboard, queryFn: ({ signal }) => casesApi.dashboard(signal) });
}

export function useIncidentTypes() {
  return useQuery({ queryKey: caseKeys.types, queryFn: ({ signal }) => casesApi.types(signal), staleTime: 300_000 });
}

export function useSavedViews() {
  return useQuery({ queryKey: caseKeys.views, queryFn: ({ signal }) => casesApi.views(signal) });
}

export function useSaveView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, filters }: { name: string; filters: IncidentFilters }) => casesApi.saveView(name, filters),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.views }),
  });
}

export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => casesApi.deleteView(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.views }),
  });
}

/** Any change to one incident: refresh its detail and the lists. */
export function useIncidentMutation<A, R = unknown>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }) });
}
