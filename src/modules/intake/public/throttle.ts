import { lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import { formatIpv4, formatIpv6, isIpv4Mapped, parseIpv6At } from '../../../engines/normalise/ip.ts';
import { publicIntakeThrottle } from './tables.ts';

/**
 * Whom a client address stands for: an IPv6 subscriber usually holds a whole /64 (and its privacy
 * addresses rotate inside it), so the /64 is one client; an IPv4-mapped address is its IPv4 address.
 */
export function clientOf(address: string): string {
  if (!address.includes(':')) return address;
  const words = new Uint16Array(8);
  const bare = address.split('%')[0] ?? address;
  if (!parseIpv6At(bare, 0, bare.length, words)) return address;
  if (isIpv4Mapped(words)) return formatIpv4((words[6] as number) * 65536 + (words[7] as number));
  words.fill(0, 4);
  return `${formatIpv6(words)}/64`;
}

export type Limit = { purpose: 'challenge' | 'report' | 'status'; max: number; windowMs: number };

/**
 * Counts one request from a client address in a fixed window, in one atomic statement in
 * PostgreSQL, so the limit holds across every instance and parallel requests cannot slip under
 * it. Returns how long to wait when the limit is passed.
 */
export async function countRequest(
  q: Queryable,
  limit: Limit,
  address: string,
  now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
  const key = `${limit.purpose}:${clientOf(address)}`;
  const windowOpen = new Date(now.getTime() - limit.windowMs);
  const t = publicIntakeThrottle;
  const [row] = await q
    .insert(t)
    .values({ key, hits: 1, windowStart: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        hits: sql`CASE WHEN ${t.windowStart} < ${windowOpen} THEN 1 ELSE ${t.hits} + 1 END`,
        windowStart: sql`CASE WHEN ${t.windowStart} < ${windowOpen} THEN ${now} ELSE ${t.windowStart} END`,
      },
    })
    .returning({ hits: t.hits, windowStart: t.windowStart });
  if (!row || row.hits <= limit.max) return { allowed: true };
  return { allowed: false, retryAfterMs: Math.max(1000, limit.windowMs - (now.getTime() - row.windowStart.getTime())) };
}

/** Forgets windows that closed a day ago (the hourly clean-up). */
export async function deleteStaleCounters(q: Queryable, now: Date): Promise<void> {
  await q
    .delete(publicIntakeThrottle)
    .where(lt(publicIntakeThrottle.windowStart, new Date(now.getTime() - 86_400_000)));
}
