// Types of the CanhGac HTTP API as seen by the web client.
// They mirror the contract agreed with the server; the server is the authority.

import { ORGANISATION_KINDS, type OrganisationKind, ROLES, type Role } from '../../../src/shared/vocabulary';

export { ROLES, type Role };
export const ORG_KINDS = ORGANISATION_KINDS;
export type OrgKind = OrganisationKind;

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isOrgKind(value: unknown): value is OrgKind {
  return typeof value === 'string' && (ORG_KINDS as readonly string[]).includes(value);
}
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** ISO 8601 timestamp (UTC) as sent by the server. */
export type Timestamp = string;
/** Calendar date `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageParams {
  cursor?: string | null;
  limit?: number;
}

export interface OrganisationRef {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: Locale;
  roles: string[];
  organisation: OrganisationRef & { kind: string };
  mfaEnabled: boolean;
  mfaEnrollmentRequired: boolean;
  csrfToken: string;
}

export type LoginResponse =
  | { mfaRequired: true; csrfToken: string }
  | { mfaRequired: false; csrfToken: string; user: Me };

/** Single sign-on on the login page (GET /api/auth/oidc). */
export interface SsoStatus {
  enabled: boolean;
  label: string | null;
}

/** A session waiting for its second factor after single sign-on (GET /api/auth/mfa). */
export interface MfaPending {
  pending: boolean;
  csrfToken: string;
}

export interface MfaResponse {
  csrfToken: string;
  user: Me;
}

export interface MfaSetup {
  secret: string;
  otpauthUrl: string;
}

export interface Session {
  id: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp | null;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export type TokenScope = 'read' | 'write';

export interface ApiToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: Timestamp;
  expiresAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface CreatedToken {
  token: string;
  item: ApiToken;
}

export interface Organisation {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  locality: string | null;
  networkMemberCode: string | null;
  validFrom: CalendarDate | null;
  validTo: CalendarDate | null;
  successorId: string | null;
  active: boolean;
  requireMfa: boolean;
  updatedAt: Timestamp;
}

export type OrganisationInput = Omit<Organisation, 'id' | 'updatedAt'>;

export interface Contact {
  id: string;
  organisationId: string;
  personName: string;
  personRole: string | null;
  phone247: string | null;
  email: string | null;
  otherChannels: string | null;
  updatedAt: Timestamp;
  /** last "my contact is current" confirmation or edit */
  confirmedAt: Timestamp | null;
  confirmedBy: string | null;
}

export type ContactInput = Omit<Contact, 'id' | 'organisationId' | 'updatedAt' | 'confirmedAt' | 'confirmedBy'>;

export interface OrganisationDetail extends Organisation {
  contacts: Contact[];
}

export interface OrganisationStats {
  byKind: Record<string, number>;
}

export interface OrganisationFilters {
  q?: string;
  kind?: string;
  active?: boolean;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  organisation: OrganisationRef;
  roles: string[];
  disabled: boolean;
  mfaEnabled: boolean;
  lastLoginAt: Timestamp | null;
  createdAt: Timestamp;
}

export interface UserFilters {
  q?: string;
  organisationId?: string;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string;
  organisationId: string;
  roles: string[];
  password: string;
}

export interface UpdateUserInput {
  displayName?: string;
  email?: string | null;
  roles?: string[];
  disabled?: boolean;
}

export interface AuditEntry {
  id: string;
  seq: number | null;
  createdAt: Timestamp;
  actor: string;
  organisationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  diff: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** ISO 8601 timestamp, inclusive lower bound. */
  from?: string;
  /** ISO 8601 timestamp, exclusive upper bound. */
  to?: string;
}

export interface AuditStatus {
  sealed: number;
  unsealed: number;
  ok: boolean;
  firstBroken: { seq: number; id: string } | null;
}

export interface SearchResult {
  organisations: { id: string; code: string; name: string; nameEn: string; kind: string }[];
  users: { id: string; username: string; displayName: string; organisationCode: string }[];
}
