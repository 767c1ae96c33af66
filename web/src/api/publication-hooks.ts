// TanStack Query hooks for contact publication (R8).

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from './hooks';
import { publicationApi } from './publication-client';
import type { PublicationStatus } from './publication-types';
import type { PageParams } from './types';

export const publicationKeys = {
  all: ['publication'] as const,
  org: (orgId: string) => ['publication', 'org', orgId] as const,
  checks: (orgId: string, page: PageParams) => ['publication', 'org', orgId, 'checks', page] as const,
  status: (filters: { status?: PublicationStatus; q?: string }, page: PageParams) =>
    ['publication', 'status', filters, page] as const,
  summary: ['publication', 'summary'] as const,
};

export function usePublication(orgId: string, enabled = true) {
  return useQuery({
    queryKey: publicationKeys.org(orgId),
    queryFn: ({ signal }) => publicationApi.get(orgId, signal),
    enabled,
  });
}

export function usePublicationChecks(orgId: string, page: PageParams, enabled = true) {
  return useQuery({
    queryKey: publicationKeys.checks(orgId, page),
    queryFn: ({ signal }) => publicationApi.checks(orgId, page, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePublicationStatus(filters: { status?: PublicationStatus; q?: string }, page: PageParams) {
  return useQuery({
    queryKey: publicationKeys.status(filters, page),
    queryFn: ({ signal }) => publicationApi.status(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicationSummary() {
  return useQuery({ queryKey: publicationKeys.summary, queryFn: ({ signal }) => publicationApi.summary(signal) });
}

function useInvalidatingMutation<V, R>(fn: (variables: V) => Promise<R>, orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: publicationKeys.all });
      await queryClient.invalidateQueries({ queryKey: queryKeys.organisation(orgId) });
    },
  });
}

export function useSavePortal(orgId: string) {
  return useInvalidatingMutation((url: string | null) => publicationApi.savePortal(orgId, url), orgId);
}

export function useCheckNow(orgId: string) {
  return useInvalidatingMutation(() => publicationApi.checkNow(orgId), orgId);
}

export function useConfirmContact(orgId: string) {
  return useInvalidatingMutation((contactId: string) => publicationApi.confirmContact(contactId), orgId);
}
