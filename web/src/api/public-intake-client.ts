// Typed calls of the public report form and status page (contract: src/modules/intake/public/routes.ts).

import type { ReportSource } from '../../../src/shared/vocabulary';
import { request } from './client';

export type PowChallenge = { token: string; salt: string; bits: number; expiresAt: string };
export type PublicState = 'received' | 'in-progress' | 'closed' | 'not-incident';

export type PublicReportInput = {
  submissionId: string;
  challenge: string;
  nonce: string;
  website?: string;
  name: string;
  email: string;
  phone?: string | null;
  title: string;
  description: string;
  detectedAt: string;
  systemName?: string | null;
  indicators?: string | null;
  locale: 'vi' | 'en';
};

export type PublicReportReply = { code: string; receivedAt: string; statusUrl: string };
export type PublicStatus = { code: string; receivedAt: string; state: PublicState };

export type IntakeStats = {
  days: string[];
  series: { source: ReportSource; counts: number[] }[];
  queueDepth: number;
  totals: {
    received: number;
    logged: number;
    accepted: number;
    duplicate: number;
    spam: number;
    notIncident: number;
    resent: number;
  };
};

export const publicIntakeApi = {
  challenge: () => request<PowChallenge>('/api/public/challenge', { method: 'POST', body: {} }),
  submit: (input: PublicReportInput) =>
    request<PublicReportReply>('/api/public/reports', { method: 'POST', body: input }),
  status: (code: string, signal?: AbortSignal) =>
    request<PublicStatus>(`/api/public/reports/${encodeURIComponent(code)}`, { signal }),
  stats: (signal?: AbortSignal) => request<IntakeStats>('/api/intake/stats', { signal }),
};
