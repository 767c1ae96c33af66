// TanStack Query hooks for information systems.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { systemsApi } from './systems-client';
import type { ComponentInput, SystemFilters, SystemInput } from './systems-types';
import type { PageParams } from './types';

export const systemKeys = {
  all: ['systems'] as const,
  list: (filters: SystemFilters, page: PageParams) => ['systems', 'list', filters, page] as const,
  detail: (id: string) => ['systems', 'detail', id] as const,
  history: (id: string, page: PageParams) => ['systems', 'history', id, page] as const,
};

export function useSystems(filters: SystemFilters, page: PageParams) {
  return useQuery({
    queryKey: systemKeys.list(filters, page),
    queryFn: ({ signal }) => systemsApi.list(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSystem(id: string | undefined) {
  return useQuery({
    queryKey: systemKeys.detail(id ?? ''),
    queryFn: ({ signal }) => systemsApi.get(id ?? '', signal),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useSystemHistory(id: string, page: PageParams, enabled: boolean) {
  return useQuery({
    queryKey: systemKeys.history(id, page),
    queryFn: ({ signal }) => systemsApi.history(id, page, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every change invalidates the systems' lists, details and histories. */
function useSystemsMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemKeys.all }),
  });
}

export const useCreateSystem = () => useSystemsMutation((input: SystemInput) => systemsApi.create(input));
export const useUpdateSystem = () =>
  useSystemsMutation(({ id, input }: { id: string; input: SystemInput }) => systemsApi.update(id, input));
export const useRetireSystem = () => useSystemsMutation((id: string) => systemsApi.retire(id));
export const useSaveComponent = () =>
  useSystemsMutation(
    ({ systemId, componentId, input }: { systemId: string; componentId?: string; input: ComponentInput }) =>
      componentId ? systemsApi.updateComponent(systemId, componentId, input) : systemsApi.addComponent(systemId, input),
  );
export const useRemoveComponent = () =>
  useSystemsMutation(({ systemId, componentId }: { systemId: string; componentId: string }) =>
    systemsApi.removeComponent(systemId, componentId),
  );
