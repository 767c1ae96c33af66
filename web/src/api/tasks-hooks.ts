// TanStack Query hooks for incident tasks, evidence, playbooks and incident types.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { tasksApi } from './tasks-client';
import type { EvidenceInput, IncidentType, TaskInput, TaskPatch } from './tasks-types';

export const taskKeys = {
  tasks: (incidentId: string) => ['incident-tasks', incidentId] as const,
  evidence: (incidentId: string) => ['incident-evidence', incidentId] as const,
  custody: (incidentId: string, evidenceId: string) =>
    ['incident-evidence', incidentId, 'custody', evidenceId] as const,
  playbooks: ['playbooks'] as const,
  playbook: (code: string) => ['playbooks', code] as const,
  types: ['incident-types'] as const,
};

export function useIncidentTasks(incidentId: string) {
  return useQuery({
    queryKey: taskKeys.tasks(incidentId),
    queryFn: ({ signal }) => tasksApi.tasks(incidentId, signal),
  });
}

/** Users a task may go to, searched as the worker types; only fetched while the picker is open. */
export function useAssignableUsers(incidentId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['incident-assignable-users', incidentId, q.trim()] as const,
    queryFn: ({ signal }) => tasksApi.assignableUsers(incidentId, q, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useIncidentEvidence(incidentId: string) {
  return useQuery({
    queryKey: taskKeys.evidence(incidentId),
    queryFn: ({ signal }) => tasksApi.evidence(incidentId, signal),
  });
}

export function useCustody(incidentId: string, evidenceId: string | null) {
  return useQuery({
    queryKey: taskKeys.custody(incidentId, evidenceId ?? ''),
    queryFn: ({ signal }) => tasksApi.custody(incidentId, evidenceId ?? '', signal),
    enabled: Boolean(evidenceId),
  });
}

export function usePlaybooks() {
  return useQuery({ queryKey: taskKeys.playbooks, queryFn: ({ signal }) => tasksApi.playbooks(signal) });
}

export function usePlaybook(code: string | null) {
  return useQuery({
    queryKey: taskKeys.playbook(code ?? ''),
    queryFn: ({ signal }) => tasksApi.playbook(code ?? '', signal),
    enabled: Boolean(code),
  });
}

export function useIncidentTypes() {
  return useQuery({ queryKey: taskKeys.types, queryFn: ({ signal }) => tasksApi.incidentTypes(signal) });
}

/** Task and evidence changes refresh both lists (evidence counts show on tasks), and the timeline. */
function useIncidentWork<A, R>(incidentId: string, fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: taskKeys.tasks(incidentId) }),
        queryClient.invalidateQueries({ queryKey: taskKeys.evidence(incidentId) }),
        queryClient.invalidateQueries({ queryKey: ['incidents'] }),
      ]);
    },
  });
}

export const useApplyPlaybook = (incidentId: string) =>
  useIncidentWork(incidentId, (code: string) => tasksApi.applyPlaybook(incidentId, code));
export const useCreateTask = (incidentId: string) =>
  useIncidentWork(incidentId, (input: TaskInput) => tasksApi.createTask(incidentId, input));
export const useUpdateTask = (incidentId: string) =>
  useIncidentWork(incidentId, (a: { taskId: string; patch: TaskPatch }) =>
    tasksApi.updateTask(incidentId, a.taskId, a.patch),
  );
export const useAddEvidence = (incidentId: string) =>
  useIncidentWork(incidentId, (a: { file: File; input: Omit<EvidenceInput, 'fileId'> }) =>
    tasksApi.addEvidence(incidentId, a.file, a.input),
  );
export const useAddCustody = (incidentId: string) =>
  useIncidentWork(incidentId, (a: { evidenceId: string; action: 'transferred' | 'exported'; note: string }) =>
    tasksApi.addCustody(incidentId, a.evidenceId, { action: a.action, note: a.note }),
  );

export function useSavePlaybook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { code: string; playbook: unknown; active?: boolean }) =>
      tasksApi.savePlaybook(a.code, a.playbook, a.active),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.playbooks }),
  });
}

export function useCreatePlaybook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (playbook: unknown) => tasksApi.createPlaybook(playbook),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.playbooks }),
  });
}

export function useUpdateIncidentType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { code: string; patch: Partial<Omit<IncidentType, 'code' | 'position'>> }) =>
      tasksApi.updateIncidentType(a.code, a.patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.types }),
  });
}
