// TanStack Query hooks for the CanhGac API.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import type {
  AuditFilters,
  ContactInput,
  CreateUserInput,
  Locale,
  Me,
  OrganisationFilters,
  OrganisationInput,
  PageParams,
  Role,
  TokenScope,
  UpdateUserInput,
  UserFilters,
} from './types';

export const queryKeys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  tokens: ['me', 'tokens'] as const,
  organisations: ['organisations'] as const,
  organisationList: (filters: OrganisationFilters, page: PageParams) =>
    ['organisations', 'list', filters, page] as const,
  organisationStats: ['organisations', 'stats'] as const,
  organisation: (orgId: string) => ['organisations', 'detail', orgId] as const,
  users: ['users'] as const,
  userList: (filters: UserFilters, page: PageParams) => ['users', 'list', filters, page] as const,
  audit: ['audit'] as const,
  auditList: (filters: AuditFilters, page: PageParams) => ['audit', 'list', filters, page] as const,
  auditStatus: ['audit', 'status'] as const,
  search: (q: string) => ['search', q] as const,
};

// ---------------------------------------------------------------------------
// Current user

export function useMe(enabled = true) {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => api.me(signal),
    staleTime: 5 * 60_000,
    retry: false,
    enabled,
  });
}

/** Stores a fresh `Me` (login, MFA, PATCH /api/me) in the cache. */
export function useSetMe() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    if (me.csrfToken) setCsrfToken(me.csrfToken);
    queryClient.setQueryData(queryKeys.me, me);
  };
}

export function useLogin() {
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => api.login(username, password),
    meta: { silent: true },
  });
}

/** Whether the login page offers single sign-on, and its button label. */
export function useSsoStatus() {
  return useQuery({
    queryKey: ['sso-status'],
    queryFn: ({ signal }) => api.ssoStatus(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useMfaLogin() {
  return useMutation({
    mutationFn: (code: string) => api.mfa(code),
    meta: { silent: true },
  });
}

export function useLogout() {
  return useMutation({ mutationFn: () => api.logout() });
}

export function useUpdateMe() {
  const setMe = useSetMe();
  return useMutation({
    mutationFn: (input: { locale?: Locale; displayName?: string }) => api.updateMe(input),
    onSuccess: setMe,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) =>
      api.changePassword(currentPassword, newPassword),
  });
}

export function useMfaSetup() {
  return useMutation({ mutationFn: () => api.mfaSetup() });
}

export function useMfaEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.mfaEnable(code),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true }),
  });
}

export function useMfaDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.mfaDisable(password),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: queryKeys.sessions, queryFn: ({ signal }) => api.sessions(signal) });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.revokeSession(sessionId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useRevokeAllSessions() {
  return useMutation({ mutationFn: () => api.revokeAllSessions() });
}

export function useTokens() {
  return useQuery({ queryKey: queryKeys.tokens, queryFn: ({ signal }) => api.tokens(signal) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: TokenScope[]; expiresInDays: number }) => api.createToken(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.revokeToken(tokenId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

// ---------------------------------------------------------------------------
// Organisations

export function useOrganisations(filters: OrganisationFilters, page: PageParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.organisationList(filters, page),
    queryFn: ({ signal }) => api.organisations(filters, page, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrganisationStats() {
  return useQuery({
    queryKey: queryKeys.organisationStats,
    queryFn: ({ signal }) => api.organisationStats(signal),
    staleTime: 5 * 60_000,
  });
}

export function useOrganisation(orgId: string | null | undefined, options: { silent?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.organisation(orgId ?? ''),
    queryFn: ({ signal }) => api.organisation(orgId ?? '', signal),
    enabled: Boolean(orgId),
    staleTime: 5 * 60_000,
    meta: { silent: options.silent ?? false },
  });
}

export function useSaveOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: Partial<OrganisationInput> }) =>
      id ? api.updateOrganisation(id, input) : api.createOrganisation(input as OrganisationInput),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.organisations }),
  });
}

export function useMergeOrganisation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { successorId: string; effectiveDate: string }) => api.mergeOrganisation(orgId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.organisations }),
  });
}

export function useSaveContact(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ContactInput }) =>
      id ? api.updateContact(id, input) : api.createContact(orgId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.organisation(orgId) }),
  });
}

export function useDeleteContact(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) => api.deleteContact(contactId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.organisation(orgId) }),
  });
}

// ---------------------------------------------------------------------------
// Users

export function useUsers(filters: UserFilters, page: PageParams) {
  return useQuery({
    queryKey: queryKeys.userList(filters, page),
    queryFn: ({ signal }) => api.users(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.createUser(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateUserInput }) => api.updateUser(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => api.resetPassword(id, password),
  });
}

export function useKillSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.killSessions(userId),
    onSuccess: (_data, userId) => queryClient.invalidateQueries({ queryKey: ['users', userId, 'access'] }),
  });
}

/** An administrator's view of a user's sessions and API tokens. */
export function useUserAccess(userId: string | null) {
  const sessions = useQuery({
    queryKey: ['users', userId, 'access', 'sessions'],
    queryFn: ({ signal }) => api.userSessions(userId ?? '', signal),
    enabled: Boolean(userId),
  });
  const tokens = useQuery({
    queryKey: ['users', userId, 'access', 'tokens'],
    queryFn: ({ signal }) => api.userTokens(userId ?? '', signal),
    enabled: Boolean(userId),
  });
  return { sessions, tokens };
}

export function useRevokeUserToken(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.revokeUserToken(userId, tokenId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', userId, 'access'] }),
  });
}

// ---------------------------------------------------------------------------
// Audit

export function useAudit(filters: AuditFilters, page: PageParams) {
  return useQuery({
    queryKey: queryKeys.auditList(filters, page),
    queryFn: ({ signal }) => api.audit(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAuditStatus() {
  return useQuery({ queryKey: queryKeys.auditStatus, queryFn: ({ signal }) => api.auditStatus(signal) });
}

// ---------------------------------------------------------------------------
// Search

export function useSearch(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: queryKeys.search(trimmed),
    queryFn: ({ signal }) => api.search(trimmed, signal),
    enabled: trimmed.length >= 2,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** Roles whose holders must use two-factor authentication (platform setting, admin only). */
export function useMfaRequiredRoles(enabled: boolean) {
  return useQuery({
    queryKey: ['settings', 'mfa-required-roles'],
    queryFn: ({ signal }) => api.mfaRequiredRoles(signal),
    enabled,
  });
}

export function useSetMfaRequiredRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (roles: Role[]) => api.setMfaRequiredRoles(roles),
    onSuccess: (data) => queryClient.setQueryData(['settings', 'mfa-required-roles'], data),
  });
}
