// Fetch wrapper and typed functions for every CanhGac API endpoint used by the web client.

import i18n from '../i18n';
import type {
  ApiToken,
  AuditEntry,
  AuditFilters,
  AuditStatus,
  Contact,
  ContactInput,
  CreatedToken,
  CreateUserInput,
  Locale,
  LoginResponse,
  Me,
  MfaPending,
  MfaResponse,
  MfaSetup,
  Organisation,
  OrganisationDetail,
  OrganisationFilters,
  OrganisationInput,
  OrganisationStats,
  Page,
  PageParams,
  Role,
  SearchResult,
  Session,
  SsoStatus,
  TokenScope,
  UpdateUserInput,
  User,
  UserFilters,
} from './types';

/** Error returned by the API (`{ error: { code, message } }`) or raised by the network layer. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

// ---------------------------------------------------------------------------
// Session state kept by the client: the CSRF token and what to do on 401.

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

type UnauthorizedHandler = (error: ApiError) => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registers what to do when the server answers 401 (anything but the login steps). */
export function onUnauthorized(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

/** Endpoints where 401 means "wrong credentials" rather than "session gone". */
const LOGIN_PATHS = new Set(['/api/auth/login', '/api/auth/mfa']);

// ---------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=2`, leaving out empty values. */
export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseErrorBody(body: unknown): { code: string; message: string } | null {
  if (!isRecord(body)) return null;
  const error = body.error;
  if (!isRecord(error)) return null;
  const code = typeof error.code === 'string' ? error.code : 'error';
  const message = typeof error.message === 'string' ? error.message : '';
  return { code, message };
}

function currentLanguage(): string {
  return i18n.resolvedLanguage ?? i18n.language ?? 'vi';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: string | FormData | undefined;
  // A FormData body (file upload) goes as multipart; the browser sets its boundary.
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network_error', i18n.t('errors.network'), 0);
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }

  if (!response.ok) {
    const details = parseErrorBody(parsed);
    const error = new ApiError(
      details?.code ?? `http_${response.status}`,
      details?.message || i18n.t('errors.http', { status: response.status }),
      response.status,
    );
    if (response.status === 401 && !LOGIN_PATHS.has(path)) {
      csrfToken = null;
      unauthorizedHandler?.(error);
    }
    throw error;
  }

  // A fresh CSRF token comes with login, MFA and /api/me responses.
  if (isRecord(parsed) && typeof parsed.csrfToken === 'string') csrfToken = parsed.csrfToken;
  return parsed as T;
}

const get = <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal });
const post = <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} });
const patch = <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body });
const del = (path: string) => request<void>(path, { method: 'DELETE' });
const put = <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body });

const id = (value: string) => encodeURIComponent(value);

function pageQuery(page: PageParams): Record<string, QueryValue> {
  return { cursor: page.cursor ?? undefined, limit: page.limit };
}

// ---------------------------------------------------------------------------
// Authentication & current user

export const api = {
  login: (username: string, password: string) => post<LoginResponse>('/api/auth/login', { username, password }),
  mfa: (code: string) => post<MfaResponse>('/api/auth/mfa', { code }),
  mfaPending: () => get<MfaPending>('/api/auth/mfa'),
  ssoStatus: (signal?: AbortSignal) => get<SsoStatus>('/api/auth/oidc', signal),
  logout: () => post<void>('/api/auth/logout'),

  me: (signal?: AbortSignal) => get<Me>('/api/me', signal),
  updateMe: (input: { locale?: Locale; displayName?: string }) => patch<Me>('/api/me', input),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/api/me/password', { currentPassword, newPassword }),
  mfaSetup: () => post<MfaSetup>('/api/me/mfa/setup'),
  mfaEnable: (code: string) => post<{ recoveryCodes: string[] }>('/api/me/mfa/enable', { code }),
  mfaDisable: (password: string) => post<void>('/api/me/mfa/disable', { password }),

  mfaRequiredRoles: (signal?: AbortSignal) => get<{ roles: Role[] }>('/api/admin/settings/mfa', signal),
  setMfaRequiredRoles: (roles: Role[]) => put<{ roles: Role[] }>('/api/admin/settings/mfa', { roles }),

  sessions: (signal?: AbortSignal) => get<{ items: Session[] }>('/api/me/sessions', signal),
  revokeSession: (sessionId: string) => del(`/api/me/sessions/${id(sessionId)}`),
  revokeAllSessions: () => post<void>('/api/me/sessions/revoke-all'),

  tokens: (signal?: AbortSignal) => get<{ items: ApiToken[] }>('/api/me/tokens', signal),
  createToken: (input: { name: string; scopes: TokenScope[]; expiresInDays: number }) =>
    post<CreatedToken>('/api/me/tokens', input),
  revokeToken: (tokenId: string) => del(`/api/me/tokens/${id(tokenId)}`),

  // -------------------------------------------------------------------------
  // Organisations & contacts

  organisations: (filters: OrganisationFilters, page: PageParams, signal?: AbortSignal) =>
    get<Page<Organisation>>(
      `/api/organisations${buildQuery({ q: filters.q, kind: filters.kind, active: filters.active, ...pageQuery(page) })}`,
      signal,
    ),
  organisationStats: (signal?: AbortSignal) => get<OrganisationStats>('/api/organisations/stats', signal),
  organisation: (orgId: string, signal?: AbortSignal) =>
    get<OrganisationDetail>(`/api/organisations/${id(orgId)}`, signal),
  createOrganisation: (input: OrganisationInput) => post<Organisation>('/api/organisations', input),
  updateOrganisation: (orgId: string, input: Partial<OrganisationInput>) =>
    patch<Organisation>(`/api/organisations/${id(orgId)}`, input),

  mergeOrganisation: (orgId: string, input: { successorId: string; effectiveDate: string }) =>
    post<{ organisation: Organisation; movedUsers: number }>(`/api/organisations/${id(orgId)}/merge`, input),

  createContact: (orgId: string, input: ContactInput) =>
    post<Contact>(`/api/organisations/${id(orgId)}/contacts`, input),
  updateContact: (contactId: string, input: Partial<ContactInput>) =>
    patch<Contact>(`/api/contacts/${id(contactId)}`, input),
  deleteContact: (contactId: string) => del(`/api/contacts/${id(contactId)}`),

  // -------------------------------------------------------------------------
  // Users

  users: (filters: UserFilters, page: PageParams, signal?: AbortSignal) =>
    get<Page<User>>(
      `/api/users${buildQuery({ q: filters.q, organisationId: filters.organisationId, ...pageQuery(page) })}`,
      signal,
    ),
  createUser: (input: CreateUserInput) => post<User>('/api/users', input),
  updateUser: (userId: string, input: UpdateUserInput) => patch<User>(`/api/users/${id(userId)}`, input),
  resetPassword: (userId: string, password: string) =>
    post<void>(`/api/users/${id(userId)}/reset-password`, { password }),
  killSessions: (userId: string) => del(`/api/users/${id(userId)}/sessions`),
  userSessions: (userId: string, signal?: AbortSignal) =>
    get<{ items: Session[] }>(`/api/users/${id(userId)}/sessions`, signal),
  userTokens: (userId: string, signal?: AbortSignal) =>
    get<{ items: ApiToken[] }>(`/api/users/${id(userId)}/tokens`, signal),
  revokeUserToken: (userId: string, tokenId: string) => del(`/api/users/${id(userId)}/tokens/${id(tokenId)}`),

  // -------------------------------------------------------------------------
  // Audit

  audit: (filters: AuditFilters, page: PageParams, signal?: AbortSignal) =>
    get<Page<AuditEntry>>(`/api/audit${buildQuery({ ...auditQuery(filters), ...pageQuery(page) })}`, signal),
  auditStatus: (signal?: AbortSignal) => get<AuditStatus>('/api/audit/status', signal),

  // -------------------------------------------------------------------------
  // Search

  search: (q: string, signal?: AbortSignal) => get<SearchResult>(`/api/search${buildQuery({ q })}`, signal),
};

export function auditQuery(filters: AuditFilters): Record<string, QueryValue> {
  return {
    actor: filters.actor,
    action: filters.action,
    subjectType: filters.subjectType,
    subjectId: filters.subjectId,
    from: filters.from,
    to: filters.to,
  };
}

/** Link for the CSV export of the audit log with the same filters as the table. */
export function auditExportUrl(filters: AuditFilters): string {
  return `/api/audit/export.csv${buildQuery(auditQuery(filters))}`;
}
