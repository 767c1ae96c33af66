// TanStack Query hooks for incident reports (intake and triage).

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intakeApi } from './intake-client';
import type { ReportFilters, ReportInput, TriageInput } from './intake-types';
import type { PageParams } from './types';

export const intakeKeys = {
  all: ['reports'] as const,
  list: (filters: ReportFilters, page: PageParams) => ['reports', 'list', filters, page] as const,
  detail: (id: string) => ['reports', 'detail', id] as const,
  similar: (id: string) => ['reports', 'similar', id] as const,
};

export function useReports(filters: ReportFilters, page: PageParams) {
  return useQuery({
    queryKey: intakeKeys.list(filters, page),
    queryFn: ({ signal }) => intakeApi.list(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: intakeKeys.detail(id ?? ''),
    queryFn: ({ signal }) => intakeApi.get(id ?? '', signal),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useSimilar(id: string | undefined) {
  return useQuery({
    queryKey: intakeKeys.similar(id ?? ''),
    queryFn: ({ signal }) => intakeApi.similar(id ?? '', signal),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useIncidentTypeOptions() {
  return useQuery({
    queryKey: ['incident-types', 'options'],
    queryFn: ({ signal }) => intakeApi.incidentTypes(signal),
    staleTime: 5 * 60_000,
  });
}

export function useSubmitReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, files }: { input: ReportInput; files: File[] }) => {
      const fileIds: string[] = [];
      for (const f of files) fileIds.push((await intakeApi.upload(f)).id);
      return intakeApi.submit({ ...input, fileIds });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intakeKeys.all }),
  });
}

export function useTriageReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TriageInput }) => intakeApi.triage(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intakeKeys.all }),
  });
}
