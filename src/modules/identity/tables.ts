import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../db/columns.ts';
import type { Role } from '../../shared/vocabulary.ts';
import { organisations } from '../constituency/tables.ts';

export { ROLES, type Role } from '../../shared/vocabulary.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    passwordHash: text('password_hash'),
    locale: text('locale').$type<'vi' | 'en'>().notNull().default('vi'),
    disabled: boolean('disabled').notNull().default(false),
    mfaEnabled: boolean('mfa_enabled').notNull().default(false),
    mfaSecretEnc: text('mfa_secret_enc'),
    mfaPendingSecretEnc: text('mfa_pending_secret_enc'),
    mfaLastCounter: integer('mfa_last_counter'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: optionalTime('locked_until'),
    lastLoginAt: optionalTime('last_login_at'),
    passwordChangedAt: optionalTime('password_changed_at'),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    check('users_username_check', sql`${t.username} ~ '^[a-z0-9][a-z0-9._-]{1,62}$'`),
    check('users_locale_check', sql`${t.locale} IN ('vi','en')`),
    index('users_org_idx').on(t.organisationId),
    index('users_search_idx').using(
      'gin',
      sql`canhgac_fold(${t.username} || ' ' || ${t.displayName} || ' ' || coalesce(${t.email}, '')) gin_trgm_ops`,
    ),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    check(
      'user_roles_role_check',
      sql`${t.role} IN ('admin','coordinator','responder','member-lead','member','partner','viewer')`,
    ),
  ],
);

export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: optionalTime('used_at'),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a stolen table does not yield usable cookies. */
    id: text('id').primaryKey(),
    publicId: uuid('public_id').notNull().defaultRandom().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    mfaPassed: boolean('mfa_passed').notNull(),
    /** the identity provider asserted a multi-factor login (OIDC `amr`): MFA duties are met */
    mfaByIdp: boolean('mfa_by_idp').notNull().default(false),
    createdAt: timeNow(),
    lastSeenAt: timeNow('last_seen_at'),
    expiresAt: optionalTime('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    scopes: text('scopes').array().$type<('read' | 'write')[]>().notNull(),
    createdAt: timeNow(),
    expiresAt: optionalTime('expires_at'),
    lastUsedAt: optionalTime('last_used_at'),
    revokedAt: optionalTime('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/** Failed-login counters per client address (per-user lockout lives on `users`). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: optionalTime('window_start').notNull(),
});

/** Platform settings an admin changes at run time (e.g. roles that must use MFA). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timeNow('updated_at'),
});

/** A user's account at the OpenID provider (issuer + `sub`): later SSO logins find the user by it. */
export const userIdentities = pgTable(
  'user_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timeNow(),
    lastLoginAt: optionalTime('last_login_at'),
  },
  (t) => [
    primaryKey({ columns: [t.issuer, t.subject] }),
    // One account per provider: a second `sub` claiming the same user is refused, not silently linked.
    uniqueIndex('user_identities_issuer_user_idx').on(t.issuer, t.userId),
  ],
);

/**
 * An SSO login in progress: state, nonce and PKCE verifier stay on the server, bound to the browser
 * (the SHA-256 of a cookie) and used once. Security bookkeeping like `login_throttle`, not audited.
 */
export const oidcLoginAttempts = pgTable(
  'oidc_login_attempts',
  {
    stateHash: text('state_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    createdAt: timeNow(),
    expiresAt: optionalTime('expires_at').notNull(),
    usedAt: optionalTime('used_at'),
  },
  (t) => [index('oidc_login_attempts_expires_idx').on(t.expiresAt)],
);
