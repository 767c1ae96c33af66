import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/pagination.ts';
import { emailField, line } from '../../platform/text.ts';
import { ROLES } from './tables.ts';

export const roleSchema = z.enum(ROLES);
export const localeSchema = z.enum(['vi', 'en']);
export const idParams = z.strictObject({ id: z.uuid() });
export const userTokenParams = z.strictObject({ id: z.uuid(), tokenId: z.uuid() });

export const orgRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });

export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: localeSchema,
  roles: z.array(roleSchema),
  organisation: orgRef.extend({ kind: z.string() }),
  mfaEnabled: z.boolean(),
  mfaEnrollmentRequired: z.boolean(),
  csrfToken: z.string().nullable(),
});

export const loginBody = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const loginReply = z.object({
  mfaRequired: z.boolean(),
  csrfToken: z.string(),
  user: meSchema.optional(),
});
export const mfaBody = z.strictObject({ code: z.string().min(6).max(32) });
export const mfaReply = z.object({ csrfToken: z.string(), user: meSchema });

export const profileBody = z.strictObject({ locale: localeSchema.optional(), displayName: line(200).optional() });
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().max(1024),
  newPassword: z.string().max(1024),
});
export const mfaSetupReply = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const mfaEnableReply = z.object({ recoveryCodes: z.array(z.string()) });
export const passwordBody = z.strictObject({ password: z.string().max(1024) });

export const sessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  mfaPassed: z.boolean(),
  current: z.boolean(),
});

export const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.enum(['read', 'write'])),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const tokenCreateBody = z.strictObject({
  name: line(100),
  scopes: z
    .array(z.enum(['read', 'write']))
    .min(1)
    .max(2),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  organisation: orgRef,
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, '2–63 characters: a-z, 0-9, dot, dash, underscore');

export const userCreateBody = z.strictObject({
  username: usernameField,
  displayName: line(200),
  email: emailField.nullable().optional(),
  organisationId: z.uuid(),
  roles: z.array(roleSchema).min(1).max(7),
  password: z.string().max(1024),
  locale: localeSchema.optional(),
});
export const userUpdateBody = z.strictObject({
  displayName: line(200).optional(),
  email: emailField.nullable().optional(),
  roles: z.array(roleSchema).min(1).max(7).optional(),
  disabled: z.boolean().optional(),
});
export const userListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  organisationId: z.uuid().optional(),
});
export const userPage = pageOf(userSchema);
export const mfaRolesBody = z.strictObject({ roles: z.array(roleSchema).max(7) });

export const mfaPendingReply = z.object({ pending: z.boolean(), csrfToken: z.string() });

export const oidcStatusReply = z.object({ enabled: z.boolean(), label: z.string().nullable() });

/** What an identity provider sends back to the callback (RFC 6749 §4.1.2, OIDC §3.1.2.5–6). */
export const oidcCallbackQuery = z
  .object({
    code: z.string().max(4096).optional(),
    state: z.string().max(512).optional(),
    iss: z.string().max(2048).optional(),
    session_state: z.string().max(2048).optional(),
    error: z.string().max(256).optional(),
    error_description: z.string().max(2048).optional(),
    error_uri: z.string().max(2048).optional(),
  })
  .loose();
