import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a sealed audit entry that its hash covers, as read back from the database. */
export type SealableEntry = {
  id: number;
  seq: number;
  createdAt: string;
  actor: string;
  actorUserId: string | null;
  organisationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  diff: unknown;
  requestId: string | null;
  ip: string | null;
};

/** hash = SHA-256(previous hash + RFC 8785 canonical JSON of the entry). */
export function entryHash(prevHash: string, entry: SealableEntry): string {
  const canonical = canonicalize({ ...entry, prevHash });
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalised');
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** The SELECT list both the sealer and the verifier read entries with (times as UTC text). */
export const SEALABLE_COLUMNS = `id, seq,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
  actor, actor_user_id AS "actorUserId", organisation_id AS "organisationId", action,
  subject_type AS "subjectType", subject_id AS "subjectId", diff, request_id AS "requestId", ip,
  prev_hash AS "prevHash", hash`;
