import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { safeEqual, sha256Hex } from '../../../platform/secrets.ts';
import { oidcLoginAttempts } from '../tables.ts';

/** How long a browser has to come back from the identity provider. */
export const ATTEMPT_TTL_MS = 10 * 60_000;
/** Used and expired attempts are kept a while so a replay is recognised as one. */
const KEEP_AFTER_EXPIRY_MS = 60 * 60_000;

export type StoredAttempt = { nonce: string; codeVerifier: string };

export type ConsumeResult =
  | ({ ok: true } & StoredAttempt)
  | { ok: false; reason: 'wrong_state' | 'replayed_state' | 'expired_state' };

/** Records a login that is leaving for the identity provider (and forgets long-finished ones). */
export async function storeAttempt(
  db: Db,
  input: { state: string; browser: string; nonce: string; codeVerifier: string; now: Date },
): Promise<void> {
  await db
    .delete(oidcLoginAttempts)
    .where(lt(oidcLoginAttempts.expiresAt, new Date(input.now.getTime() - KEEP_AFTER_EXPIRY_MS)));
  await db.insert(oidcLoginAttempts).values({
    stateHash: sha256Hex(input.state),
    browserHash: sha256Hex(input.browser),
    nonce: input.nonce,
    codeVerifier: input.codeVerifier,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + ATTEMPT_TTL_MS),
  });
}

/**
 * Takes the attempt a callback names, once: the `state` must be one we issued, to this browser (its
 * binding cookie), unused and unexpired. One atomic UPDATE, so two concurrent callbacks cannot both
 * succeed; the reasons are told apart afterwards for the audit trail and the message.
 */
export async function consumeAttempt(
  db: Db,
  input: { state: string | undefined; browser: string | undefined; now: Date },
): Promise<ConsumeResult> {
  if (!input.state || !input.browser) return { ok: false, reason: 'wrong_state' };
  const stateHash = sha256Hex(input.state);
  const browserHash = sha256Hex(input.browser);
  const [taken] = await db
    .update(oidcLoginAttempts)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(oidcLoginAttempts.stateHash, stateHash),
        eq(oidcLoginAttempts.browserHash, browserHash),
        isNull(oidcLoginAttempts.usedAt),
        gt(oidcLoginAttempts.expiresAt, input.now),
      ),
    )
    .returning({ nonce: oidcLoginAttempts.nonce, codeVerifier: oidcLoginAttempts.codeVerifier });
  if (taken) return { ok: true, ...taken };
  const [row] = await db.select().from(oidcLoginAttempts).where(eq(oidcLoginAttempts.stateHash, stateHash));
  // A state issued to another browser is someone else's login being pushed onto this one.
  if (!row || !safeEqual(row.browserHash, browserHash)) return { ok: false, reason: 'wrong_state' };
  if (row.usedAt) return { ok: false, reason: 'replayed_state' };
  return { ok: false, reason: 'expired_state' };
}
