import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { loginThrottle, users } from './tables.ts';

export const MAX_USER_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const MAX_IP_FAILURES = 30;
export const IP_WINDOW_MS = 15 * 60_000;

/**
 * Counts an attempt (password or second factor) from a client address before any hashing, in one
 * atomic statement, so parallel guesses cannot all slip under the limit. A success gives the
 * attempt back (`forgiveAddressAttempt`). Security bookkeeping, not domain data: the attempt itself
 * is what the audit trail records.
 */
export async function countAddressAttempt(
  q: Queryable,
  address: string,
  now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
  const key = `ip:${address}`;
  const windowOpen = new Date(now.getTime() - IP_WINDOW_MS);
  const [row] = await q
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.windowStart} < ${windowOpen} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${loginThrottle.windowStart} < ${windowOpen} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
      },
    })
    .returning({ failures: loginThrottle.failures, windowStart: loginThrottle.windowStart });
  if (!row || row.failures <= MAX_IP_FAILURES) return { allowed: true };
  return { allowed: false, retryAfterMs: Math.max(1000, IP_WINDOW_MS - (now.getTime() - row.windowStart.getTime())) };
}

export async function forgiveAddressAttempt(q: Queryable, address: string): Promise<void> {
  await q
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, `ip:${address}`));
}

/** One more failure for the account, atomically; the fifth in a row locks it. Returns the lock end. */
export async function recordAccountFailure(q: Queryable, userId: string, now: Date): Promise<Date | null> {
  const lockUntil = new Date(now.getTime() + LOCKOUT_MS);
  const [row] = await q
    .update(users)
    .set({
      lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${MAX_USER_FAILURES} THEN ${lockUntil}::timestamptz ELSE ${users.lockedUntil} END`,
      failedLogins: sql`CASE WHEN ${users.failedLogins} + 1 >= ${MAX_USER_FAILURES} THEN 0 ELSE ${users.failedLogins} + 1 END`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** What the audit trail keeps of a username nobody has: enough to spot a pattern, not a typed password. */
export function maskUnknownUsername(name: string): string {
  const chars = [...name];
  return chars.length <= 2 ? '*'.repeat(chars.length) : `${chars.slice(0, 2).join('')}…(${chars.length})`;
}
