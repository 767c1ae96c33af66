import type pg from 'pg';
import type { Queryable } from '../../db/database.ts';
import type { Principal } from '../../platform/actor.ts';
import { randomToken, sha256Hex } from '../../platform/secrets.ts';
import { type Role, sessions } from './tables.ts';

export const SESSION_COOKIE = 'cg_session';
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

/** Who is behind a request, with what the shell needs to render (one query per request). */
export type Identity = {
  principal: Principal;
  displayName: string;
  email: string | null;
  locale: 'vi' | 'en';
  mfaEnabled: boolean;
  mfaEnrollmentRequired: boolean;
  organisation: { id: string; code: string; name: string; nameEn: string | null; kind: string };
  session?: { id: string; publicId: string; csrfToken: string; mfaPassed: boolean };
};

type Row = {
  user_id: string;
  username: string;
  display_name: string;
  email: string | null;
  locale: 'vi' | 'en';
  mfa_enabled: boolean;
  org_id: string;
  org_code: string;
  org_name: string;
  org_name_en: string | null;
  org_kind: string;
  roles: Role[];
  mfa_enrollment_required: boolean;
};

const IDENTITY_SELECT = `
  u.id AS user_id, u.username, u.display_name, u.email, u.locale, u.mfa_enabled,
  o.id AS org_id, o.code AS org_code, o.name AS org_name, o.name_en AS org_name_en, o.kind AS org_kind,
  coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
  (NOT u.mfa_enabled AND (o.require_mfa OR EXISTS (
     SELECT 1 FROM user_roles r, settings s
      WHERE r.user_id = u.id AND s.key = 'mfa_required_roles'
        AND r.role = ANY (string_to_array(s.value, ','))))) AS mfa_enrollment_required`;

function toIdentity(row: Row, via: 'session' | 'token'): Identity {
  return {
    principal: {
      userId: row.user_id,
      username: row.username,
      organisationId: row.org_id,
      roles: row.roles,
      via,
    },
    displayName: row.display_name,
    email: row.email,
    locale: row.locale,
    mfaEnabled: row.mfa_enabled,
    mfaEnrollmentRequired: row.mfa_enrollment_required,
    organisation: {
      id: row.org_id,
      code: row.org_code,
      name: row.org_name,
      nameEn: row.org_name_en,
      kind: row.org_kind,
    },
  };
}

export async function loadIdentity(pool: pg.Pool | pg.PoolClient, userId: string): Promise<Identity | undefined> {
  const r = await pool.query<Row>(
    `SELECT ${IDENTITY_SELECT} FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.id = $1 AND NOT u.disabled`,
    [userId],
  );
  const row = r.rows[0];
  return row ? toIdentity(row, 'session') : undefined;
}

/** Resolves a session cookie; expired, idle or disabled-user sessions resolve to nothing. */
export async function resolveSession(pool: pg.Pool, cookie: string, now: Date): Promise<Identity | undefined> {
  const id = sha256Hex(cookie);
  const r = await pool.query<
    Row & {
      session_public_id: string;
      csrf_token: string;
      mfa_passed: boolean;
      mfa_by_idp: boolean;
      last_seen_at: Date;
    }
  >({
    // Named: prepared once per connection, so the hot path of every request skips planning.
    name: 'canhgac_resolve_session',
    text: `SELECT ${IDENTITY_SELECT}, s.public_id AS session_public_id, s.csrf_token, s.mfa_passed,
            s.mfa_by_idp, s.last_seen_at
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
      WHERE s.id = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND NOT u.disabled`,
    values: [id, now, new Date(now.getTime() - SESSION_IDLE_MS)],
  });
  const row = r.rows[0];
  if (!row) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    pool.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, now]).catch(() => undefined);
  }
  const identity = toIdentity(row, 'session');
  identity.principal.sessionId = row.session_public_id;
  // A login the identity provider vouches was multi-factor meets the platform's MFA duty.
  if (row.mfa_by_idp) identity.mfaEnrollmentRequired = false;
  identity.session = { id, publicId: row.session_public_id, csrfToken: row.csrf_token, mfaPassed: row.mfa_passed };
  return identity;
}

/** Resolves an API token (`Authorization: Bearer cgt_…`). */
export async function resolveApiToken(pool: pg.Pool, token: string, now: Date): Promise<Identity | undefined> {
  const hash = sha256Hex(token);
  const r = await pool.query<Row & { token_id: string; scopes: ('read' | 'write')[]; last_used_at: Date | null }>({
    name: 'canhgac_resolve_token',
    text: `SELECT ${IDENTITY_SELECT}, t.id AS token_id, t.scopes, t.last_used_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.organisation_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
        AND NOT u.disabled`,
    values: [hash, now],
  });
  const row = r.rows[0];
  if (!row) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    pool.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.token_id, now]).catch(() => undefined);
  }
  const identity = toIdentity(row, 'token');
  identity.principal.tokenScopes = row.scopes;
  // Tokens are for machines: an MFA enrolment duty concerns the person's interactive logins.
  identity.mfaEnrollmentRequired = false;
  return identity;
}

/** Opens a session (password, second factor or SSO login): a fresh cookie every time, no fixation. */
export async function openSession(
  q: Queryable,
  input: { userId: string; mfaPassed: boolean; mfaByIdp?: boolean; now: Date; ip?: string; userAgent?: string | null },
): Promise<{ cookie: string; csrfToken: string }> {
  const secrets = newSessionSecrets();
  await q.insert(sessions).values({
    id: secrets.id,
    userId: input.userId,
    csrfToken: secrets.csrfToken,
    mfaPassed: input.mfaPassed,
    mfaByIdp: input.mfaByIdp ?? false,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + SESSION_ABSOLUTE_MS),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  return { cookie: secrets.cookie, csrfToken: secrets.csrfToken };
}

export function newSessionSecrets(): { cookie: string; id: string; csrfToken: string } {
  const cookie = randomToken(32);
  return { cookie, id: sha256Hex(cookie), csrfToken: randomToken(24) };
}

export const API_TOKEN_PREFIX = 'cgt_';
export function newApiToken(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  return { token, hash: sha256Hex(token) };
}
