// TanStack Query hooks for network ownership.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { networksApi } from './networks-client';
import type { NetworkInput, NetworkKind } from './networks-types';
import type { PageParams } from './types';

export const networkKeys = {
  all: ['networks'] as const,
  list: (orgId: string, kind: NetworkKind, page: PageParams) => ['networks', 'list', orgId, kind, page] as const,
  overlaps: (page: PageParams) => ['networks', 'overlaps', page] as const,
  lookup: (value: string) => ['networks', 'lookup', value] as const,
};

export function useOwnership(value: string) {
  return useQuery({
    queryKey: networkKeys.lookup(value),
    queryFn: ({ signal }) => networksApi.lookup(value, signal),
    enabled: value.trim() !== '',
    retry: false,
    // The lookup page shows a bad value's message in place.
    meta: { silent: true },
  });
}

export function useNetworks(orgId: string, kind: NetworkKind, page: PageParams, enabled = true) {
  return useQuery({
    queryKey: networkKeys.list(orgId, kind, page),
    queryFn: ({ signal }) => networksApi.list(orgId, kind, page, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOverlaps(page: PageParams, enabled = true) {
  return useQuery({
    queryKey: networkKeys.overlaps(page),
    queryFn: ({ signal }) => networksApi.overlaps(page, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A change of any claim can change every lookup and every conflict flag. */
function useNetworksMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: networkKeys.all }),
  });
}

export const useAddNetwork = (orgId: string) =>
  useNetworksMutation((input: NetworkInput) => networksApi.add(orgId, input));
export const useRemoveNetwork = (orgId: string) =>
  useNetworksMutation(({ kind, entryId }: { kind: NetworkKind; entryId: string }) =>
    networksApi.remove(orgId, kind, entryId),
  );

export function useComponentClaims(enabled = true) {
  return useQuery({
    queryKey: ['networks', 'component-claims'] as const,
    queryFn: ({ signal }) => networksApi.componentClaims(signal),
    enabled,
  });
}

export function useConfirmClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (c: { systemId: string; componentId: string }) => networksApi.confirmClaim(c.systemId, c.componentId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['networks'] }),
  });
}
