import type { NotificationCategory } from '../../shared/vocabulary.ts';

/** Attempts before a delivery becomes `failed` (an admin can queue it again). */
export const MAX_ATTEMPTS = { email: 8, webhook: 6, test: 3 } as const;

const FIRST_RETRY_MS = 60_000;
const LONGEST_WAIT_MS = 6 * 60 * 60_000;

/** Exponential backoff after the n-th failed attempt: 1, 2, 4, … minutes, at most 6 hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_WAIT_MS);
}

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const WEBHOOK_TIMEOUT_MS = 10_000;

export type Preference = { email: boolean; digest: boolean; organisation: boolean };

/** Until a user says otherwise: e-mail right away, and what is addressed to the organisation too. */
export const DEFAULT_PREFERENCE: Preference = { email: true, digest: false, organisation: true };

export type PreferenceRow = Preference & { category: NotificationCategory };
