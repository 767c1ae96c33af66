// TanStack Query hooks for incident casework: observables, timeline, comments, links, merge, split.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseworkApi } from './casework-client';
import type { CommentVisibility, LinkKind, ObservableAddInput, ObservableChange, SplitInput } from './casework-types';
import type { PageParams } from './types';

export const caseworkKeys = {
  incident: (incidentId: string) => ['casework', incidentId] as const,
  observables: (incidentId: string, page: PageParams) => ['casework', incidentId, 'observables', page] as const,
  timeline: (incidentId: string, page: PageParams) => ['casework', incidentId, 'timeline', page] as const,
  comments: (incidentId: string, page: PageParams) => ['casework', incidentId, 'comments', page] as const,
  links: (incidentId: string) => ['casework', incidentId, 'links'] as const,
};

export function useObservables(incidentId: string, page: PageParams) {
  return useQuery({
    queryKey: caseworkKeys.observables(incidentId, page),
    queryFn: ({ signal }) => caseworkApi.observables(incidentId, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTimeline(incidentId: string, page: PageParams) {
  return useQuery({
    queryKey: caseworkKeys.timeline(incidentId, page),
    queryFn: ({ signal }) => caseworkApi.timeline(incidentId, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComments(incidentId: string, page: PageParams) {
  return useQuery({
    queryKey: caseworkKeys.comments(incidentId, page),
    queryFn: ({ signal }) => caseworkApi.comments(incidentId, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLinks(incidentId: string) {
  return useQuery({
    queryKey: caseworkKeys.links(incidentId),
    queryFn: ({ signal }) => caseworkApi.links(incidentId, signal),
  });
}

/** A change to one incident's casework refreshes everything shown of that incident (timeline included). */
function useCaseworkMutation<A, R>(incidentId: string, fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseworkKeys.incident(incidentId) }),
  });
}

/** Merge and split change two incidents and the lists: everything is refreshed. */
function useWideMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries() });
}

export const useAddObservables = (incidentId: string) =>
  useCaseworkMutation(incidentId, (input: ObservableAddInput) => caseworkApi.addObservables(incidentId, input));
export const useChangeObservable = (incidentId: string) =>
  useCaseworkMutation(incidentId, ({ observableId, change }: { observableId: string; change: ObservableChange }) =>
    caseworkApi.changeObservable(incidentId, observableId, change),
  );
export const useRemoveObservable = (incidentId: string) =>
  useCaseworkMutation(incidentId, (observableId: string) => caseworkApi.removeObservable(incidentId, observableId));
export const useAddTimelineEntry = (incidentId: string) =>
  useCaseworkMutation(incidentId, (input: { occurredAt: string; summary: string }) =>
    caseworkApi.addTimelineEntry(incidentId, input),
  );
export const useAddComment = (incidentId: string) =>
  useCaseworkMutation(incidentId, (input: { body: string; visibility?: CommentVisibility }) =>
    caseworkApi.addComment(incidentId, input),
  );
export const useAddLink = (incidentId: string) =>
  useWideMutation((input: { otherNumber: string; kind: LinkKind }) => caseworkApi.addLink(incidentId, input));
export const useRemoveLink = (incidentId: string) =>
  useWideMutation((otherId: string) => caseworkApi.removeLink(incidentId, otherId));
export const useMergeIncident = (incidentId: string) =>
  useWideMutation((intoNumber: string) => caseworkApi.merge(incidentId, { intoNumber }));
export const useSplitIncident = (incidentId: string) =>
  useWideMutation((input: SplitInput) => caseworkApi.split(incidentId, input));
