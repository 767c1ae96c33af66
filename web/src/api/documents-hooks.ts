// TanStack Query hooks for the document registry.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { documentsApi } from './documents-client';
import type { DocumentFilters, DocumentFormat } from './documents-types';
import type { PageParams } from './types';

export const documentKeys = {
  all: ['documents'] as const,
  list: (filters: DocumentFilters, page: PageParams) => ['documents', 'list', filters, page] as const,
};

export function useDocuments(filters: DocumentFilters, page: PageParams) {
  return useQuery({
    queryKey: documentKeys.list(filters, page),
    queryFn: ({ signal }) => documentsApi.list(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIssuePlatformReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (format: DocumentFormat) => documentsApi.issuePlatformReport(format),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.all }),
  });
}
