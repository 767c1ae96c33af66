// Typed calls and hooks of the e-mail intake (contract: src/modules/intake/email/routes.ts).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { buildQuery, request } from './client';

export interface Mailbox {
  id: string;
  name: string;
  url: string;
  fromEnvironment: boolean;
  hasPassword: boolean;
  folder: string;
  enabled: boolean;
  done: 'flag' | 'move';
  processedFolder: string | null;
  requireTag: boolean;
  lastPollAt: string | null;
  lastPollStatus: 'ok' | 'error' | 'partial' | null;
  lastPollError: string | null;
  counts: { reports: number; replies: number; ignored: number; failed: number };
  updatedAt: string;
}

export interface MailboxInput {
  name?: string;
  url?: string;
  password?: string | null;
  folder?: string;
  enabled?: boolean;
  done?: 'flag' | 'move';
  processedFolder?: string | null;
  requireTag?: boolean;
}

export interface MailMessage {
  id: string;
  uid: number;
  outcome: 'report' | 'reply' | 'ignored' | 'failed';
  reason: string | null;
  reportId: string | null;
  trackingNo: string | null;
  rawFileId: string | null;
  attachmentFileIds: string[];
  fromAddress: string | null;
  fromName: string | null;
  subject: string | null;
  body: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface TestOutcome {
  ok: boolean;
  error: string | null;
  messages: number | null;
  unprocessed: number | null;
}

export interface PollOutcome {
  status: 'ok' | 'error' | 'locked' | 'disabled';
  error: string | null;
  counts: { report: number; reply: number; ignored: number; failed: number; already: number };
}

const id = (value: string) => encodeURIComponent(value);

export const emailIntakeApi = {
  list: (signal?: AbortSignal) => request<{ items: Mailbox[] }>('/api/admin/mailboxes', { signal }),
  create: (input: MailboxInput) => request<{ item: Mailbox }>('/api/admin/mailboxes', { method: 'POST', body: input }),
  update: (mailboxId: string, input: MailboxInput) =>
    request<{ item: Mailbox }>(`/api/admin/mailboxes/${id(mailboxId)}`, { method: 'PATCH', body: input }),
  test: (mailboxId: string) => request<TestOutcome>(`/api/admin/mailboxes/${id(mailboxId)}/test`, { method: 'POST' }),
  poll: (mailboxId: string) => request<PollOutcome>(`/api/admin/mailboxes/${id(mailboxId)}/poll`, { method: 'POST' }),
  messages: (mailboxId: string, outcome: MailMessage['outcome'] | undefined, signal?: AbortSignal) =>
    request<{ items: MailMessage[] }>(
      `/api/admin/mailboxes/${id(mailboxId)}/messages${buildQuery({ outcome, limit: 100 })}`,
      {
        signal,
      },
    ),
  thread: (reportId: string, signal?: AbortSignal) =>
    request<{ items: MailMessage[] }>(`/api/reports/${id(reportId)}/email-messages`, { signal }),
};

const keys = {
  list: ['mailboxes'] as const,
  messages: (mailboxId: string, outcome?: string) => ['mailboxes', mailboxId, 'messages', outcome ?? 'all'] as const,
  thread: (reportId: string) => ['reports', 'email-thread', reportId] as const,
};

export function useMailboxes() {
  return useQuery({ queryKey: keys.list, queryFn: ({ signal }) => emailIntakeApi.list(signal) });
}

export function useMailboxMessages(mailboxId: string | undefined, outcome?: MailMessage['outcome']) {
  return useQuery({
    queryKey: keys.messages(mailboxId ?? '', outcome),
    queryFn: ({ signal }) => emailIntakeApi.messages(mailboxId ?? '', outcome, signal),
    enabled: Boolean(mailboxId),
  });
}

export function useEmailThread(reportId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: keys.thread(reportId ?? ''),
    queryFn: ({ signal }) => emailIntakeApi.thread(reportId ?? '', signal),
    enabled: Boolean(reportId) && enabled,
    retry: false,
  });
}

export function useSaveMailbox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id: mailboxId, input }: { id?: string; input: MailboxInput }) =>
      mailboxId ? emailIntakeApi.update(mailboxId, input) : emailIntakeApi.create(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.list }),
  });
}

export function useTestMailbox() {
  return useMutation({ mutationFn: (mailboxId: string) => emailIntakeApi.test(mailboxId) });
}

export function usePollMailbox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (mailboxId: string) => emailIntakeApi.poll(mailboxId),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.list }),
  });
}
