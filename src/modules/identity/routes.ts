import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound, unauthenticated } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { ctxOf, principalOf } from '../../server/request-context.ts';
import { completeMfaLogin } from './commands/complete-mfa-login.ts';
import { createUser } from './commands/create-user.ts';
import { logIn } from './commands/log-in.ts';
import { createApiToken, presentToken, revokeApiToken } from './commands/manage-api-tokens.ts';
import { disableMfa, enableMfa, startMfaEnrollment } from './commands/manage-mfa.ts';
import { logOut, revokeSessions } from './commands/revoke-sessions.ts';
import { getMfaRequiredRoles, setMfaRequiredRoles } from './commands/set-mfa-required-roles.ts';
import { setPassword } from './commands/set-password.ts';
import { updateProfile } from './commands/update-profile.ts';
import { updateUser } from './commands/update-user.ts';
import { loadUser } from './load-user.ts';
import { registerOidcRoutes } from './oidc/routes.ts';
import { authorizeManageSettings, authorizeManageUser, authorizeManageUsers, authorizeReadUser } from './policy.ts';
import { presentMe } from './presenter.ts';
import { getUserView, listApiTokens, listSessions, listUsers } from './queries.ts';
import * as s from './schemas.ts';
import { setSessionCookie as setSessionCookieFor } from './session-cookie.ts';
import { loadIdentity, SESSION_COOKIE } from './session-store.ts';

export function registerIdentityRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;

  const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, value: string) =>
    setSessionCookieFor(platform.config, req, reply, value);
  const me = async (userId: string, csrfToken: string) => {
    const identity = await loadIdentity(platform.pool, userId);
    if (!identity) throw unauthenticated();
    return { ...presentMe(identity), csrfToken };
  };

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public', routeClass: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password',
        body: s.loginBody,
        response: { 200: s.loginReply },
      },
    },
    async (req, reply) => {
      const result = await logIn(db, ctxOf(platform, req), { ...req.body, userAgent: req.headers['user-agent'] });
      if (!result.ok) {
        if (result.reason === 'throttled') {
          reply.header('retry-after', Math.ceil((result.retryAfterMs ?? 60_000) / 1000));
          throw new AppError(429, 'too_many_attempts');
        }
        if (result.reason === 'locked') {
          throw new AppError(423, 'account_locked', { minutes: Math.ceil((result.retryAfterMs ?? 60_000) / 60_000) });
        }
        throw new AppError(401, 'invalid_credentials');
      }
      setSessionCookie(req, reply, result.cookie);
      if (result.mfaRequired) return { mfaRequired: true, csrfToken: result.csrfToken };
      return { mfaRequired: false, csrfToken: result.csrfToken, user: await me(result.userId, result.csrfToken) };
    },
  );

  app.post(
    '/api/auth/mfa',
    {
      config: { auth: 'mfa', routeClass: 'self', duringMfaEnrollment: true },
      schema: {
        tags: ['auth'],
        summary: 'Second login step: TOTP or recovery code',
        body: s.mfaBody,
        response: { 200: s.mfaReply },
      },
    },
    async (req, reply) => {
      const identity = req.identity;
      if (!identity?.session) throw unauthenticated();
      const result = await completeMfaLogin(db, ctxOf(platform, req), platform.keys, {
        sessionId: identity.session.id,
        userId: identity.principal.userId,
        code: req.body.code,
      });
      if (!result.ok) {
        if (result.reason === 'throttled') throw new AppError(429, 'too_many_attempts');
        if (result.reason === 'locked') throw new AppError(423, 'account_locked', { minutes: 15 });
        throw new AppError(400, 'invalid_mfa_code');
      }
      setSessionCookie(req, reply, result.cookie);
      return { csrfToken: result.csrfToken, user: await me(identity.principal.userId, result.csrfToken) };
    },
  );

  app.get(
    '/api/auth/mfa',
    {
      config: { auth: 'mfa', routeClass: 'self', duringMfaEnrollment: true },
      schema: {
        tags: ['auth'],
        summary: 'Whether this session waits for its second factor (after an SSO login), with its CSRF token',
        response: { 200: s.mfaPendingReply },
      },
    },
    async (req) => {
      const session = req.identity?.session;
      if (!session) throw unauthenticated();
      return { pending: !session.mfaPassed, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { auth: 'mfa', routeClass: 'self', duringMfaEnrollment: true },
      schema: { tags: ['auth'], summary: 'Log out' },
    },
    async (req, reply) => {
      const identity = req.identity;
      if (identity?.session) await logOut(db, ctxOf(platform, req), identity.session.id, identity.principal.userId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { routeClass: 'self', duringMfaEnrollment: true },
      schema: { tags: ['me'], summary: 'The logged-in user', response: { 200: s.meSchema } },
    },
    async (req) => {
      if (!req.identity) throw unauthenticated();
      return presentMe(req.identity);
    },
  );

  app.patch(
    '/api/me',
    {
      config: { routeClass: 'self', duringMfaEnrollment: true },
      schema: {
        tags: ['me'],
        summary: 'Change language or display name',
        body: s.profileBody,
        response: { 200: s.meSchema },
      },
    },
    async (req) => {
      const p = principalOf(req);
      await updateProfile(db, ctxOf(platform, req), p.userId, req.body);
      return me(p.userId, req.identity?.session?.csrfToken ?? '');
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { sessionOnly: true, routeClass: 'self', duringMfaEnrollment: true },
      schema: { tags: ['me'], summary: 'Change own password (other sessions end)', body: s.changePasswordBody },
    },
    async (req, reply) => {
      const p = principalOf(req);
      await setPassword(db, ctxOf(platform, req), p.userId, {
        password: req.body.newPassword,
        currentPassword: req.body.currentPassword,
        keepSessionId: req.identity?.session?.id,
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/mfa/setup',
    {
      config: { sessionOnly: true, routeClass: 'self', duringMfaEnrollment: true },
      schema: { tags: ['me'], summary: 'Start MFA enrolment', response: { 200: s.mfaSetupReply } },
    },
    async (req) => startMfaEnrollment(db, ctxOf(platform, req), platform.keys, principalOf(req).userId),
  );

  app.post(
    '/api/me/mfa/enable',
    {
      config: { sessionOnly: true, routeClass: 'self', duringMfaEnrollment: true },
      schema: {
        tags: ['me'],
        summary: 'Confirm MFA with a code; returns recovery codes once',
        body: s.mfaBody,
        response: { 200: s.mfaEnableReply },
      },
    },
    async (req) => ({
      recoveryCodes: await enableMfa(db, ctxOf(platform, req), platform.keys, principalOf(req).userId, req.body.code),
    }),
  );

  app.post(
    '/api/me/mfa/disable',
    {
      config: { sessionOnly: true, routeClass: 'self' },
      schema: { tags: ['me'], summary: 'Turn MFA off (needs the password)', body: s.passwordBody },
    },
    async (req, reply) => {
      await disableMfa(db, ctxOf(platform, req), principalOf(req).userId, req.body.password);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/sessions',
    {
      config: { sessionOnly: true, routeClass: 'self', duringMfaEnrollment: true },
      schema: {
        tags: ['me'],
        summary: 'My sessions',
        response: { 200: z.object({ items: z.array(s.sessionSchema) }) },
      },
    },
    async (req) => ({ items: await listSessions(db, principalOf(req).userId, req.identity?.session?.publicId) }),
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      config: { sessionOnly: true, routeClass: 'self', duringMfaEnrollment: true },
      schema: { tags: ['me'], summary: 'End one of my sessions', params: s.idParams },
    },
    async (req, reply) => {
      await revokeSessions(db, ctxOf(platform, req), principalOf(req).userId, req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/sessions/revoke-all',
    {
      config: { sessionOnly: true, routeClass: 'self', duringMfaEnrollment: true },
      schema: { tags: ['me'], summary: 'Log out everywhere' },
    },
    async (req, reply) => {
      await revokeSessions(db, ctxOf(platform, req), principalOf(req).userId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/tokens',
    {
      config: { sessionOnly: true, routeClass: 'self' },
      schema: {
        tags: ['me'],
        summary: 'My API tokens',
        response: { 200: z.object({ items: z.array(s.tokenSchema) }) },
      },
    },
    async (req) => ({ items: (await listApiTokens(db, principalOf(req).userId)).map(presentToken) }),
  );

  app.post(
    '/api/me/tokens',
    {
      config: { sessionOnly: true, routeClass: 'self' },
      schema: {
        tags: ['me'],
        summary: 'Create an API token (shown once)',
        body: s.tokenCreateBody,
        response: { 200: z.object({ token: z.string(), item: s.tokenSchema }) },
      },
    },
    async (req) => createApiToken(db, ctxOf(platform, req), principalOf(req).userId, req.body),
  );

  app.delete(
    '/api/me/tokens/:id',
    {
      config: { sessionOnly: true, routeClass: 'self' },
      schema: { tags: ['me'], summary: 'Revoke an API token', params: s.idParams },
    },
    async (req, reply) => {
      await revokeApiToken(db, ctxOf(platform, req), principalOf(req).userId, req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/users',
    {
      config: { routeClass: 'user.list' },
      schema: {
        tags: ['users'],
        summary: 'Users (scoped to what you may see)',
        querystring: s.userListQuery,
        response: { 200: s.userPage },
      },
    },
    async (req) => listUsers(db, principalOf(req), req.query),
  );

  app.get(
    '/api/users/:id',
    {
      config: { routeClass: 'user.read' },
      schema: { tags: ['users'], summary: 'One user', params: s.idParams, response: { 200: s.userSchema } },
    },
    async (req) => {
      const view = await getUserView(db, req.params.id);
      if (!view) throw notFound();
      authorizeReadUser(principalOf(req), { organisationId: view.organisation.id });
      return view;
    },
  );

  app.post(
    '/api/users',
    {
      config: { routeClass: 'user.create', authorize: authorizeManageUsers },
      schema: { tags: ['users'], summary: 'Create a user', body: s.userCreateBody, response: { 200: s.userSchema } },
    },
    async (req) => {
      const created = await createUser(db, ctxOf(platform, req), req.body);
      const view = await getUserView(db, created.id);
      if (!view) throw notFound();
      return view;
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { routeClass: 'user.manage', authorize: authorizeManageUsers },
      schema: {
        tags: ['users'],
        summary: 'Change roles, status or profile',
        params: s.idParams,
        body: s.userUpdateBody,
        response: { 200: s.userSchema },
      },
    },
    async (req) => {
      await updateUser(db, ctxOf(platform, req), req.params.id, req.body);
      const view = await getUserView(db, req.params.id);
      if (!view) throw notFound();
      return view;
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { routeClass: 'user.manage', authorize: authorizeManageUsers },
      schema: {
        tags: ['users'],
        summary: "Set a user's password (their sessions end)",
        params: s.idParams,
        body: s.passwordBody,
      },
    },
    async (req, reply) => {
      await setPassword(db, ctxOf(platform, req), req.params.id, { password: req.body.password });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/users/:id/sessions',
    {
      config: { routeClass: 'user.manage', authorize: authorizeManageUsers },
      schema: {
        tags: ['users'],
        summary: "A user's sessions",
        params: s.idParams,
        response: { 200: z.object({ items: z.array(s.sessionSchema) }) },
      },
    },
    async (req) => {
      authorizeManageUser(principalOf(req), await loadUser(db, req.params.id));
      return { items: await listSessions(db, req.params.id) };
    },
  );

  app.get(
    '/api/users/:id/tokens',
    {
      config: { routeClass: 'user.manage', authorize: authorizeManageUsers },
      schema: {
        tags: ['users'],
        summary: "A user's API tokens",
        params: s.idParams,
        response: { 200: z.object({ items: z.array(s.tokenSchema) }) },
      },
    },
    async (req) => {
      authorizeManageUser(principalOf(req), await loadUser(db, req.params.id));
      return { items: (await listApiTokens(db, req.params.id)).map(presentToken) };
    },
  );

  app.delete(
    '/api/users/:id/tokens/:tokenId',
    {
      config: { routeClass: 'user.manage', authorize: authorizeManageUsers },
      schema: { tags: ['users'], summary: "Revoke one of a user's API tokens", params: s.userTokenParams },
    },
    async (req, reply) => {
      await revokeApiToken(db, ctxOf(platform, req), req.params.id, req.params.tokenId);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/users/:id/sessions',
    {
      config: { routeClass: 'user.manage', authorize: authorizeManageUsers },
      schema: { tags: ['users'], summary: "End all of a user's sessions", params: s.idParams },
    },
    async (req, reply) => {
      await revokeSessions(db, ctxOf(platform, req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/admin/settings/mfa',
    {
      config: { routeClass: 'settings.manage', authorize: authorizeManageSettings },
      schema: { tags: ['admin'], summary: 'Roles that must use MFA', response: { 200: s.mfaRolesBody } },
    },
    async () => ({ roles: await getMfaRequiredRoles(db) }),
  );

  app.put(
    '/api/admin/settings/mfa',
    {
      config: { routeClass: 'settings.manage', authorize: authorizeManageSettings },
      schema: {
        tags: ['admin'],
        summary: 'Set the roles that must use MFA',
        body: s.mfaRolesBody,
        response: { 200: s.mfaRolesBody },
      },
    },
    async (req) => {
      await setMfaRequiredRoles(db, ctxOf(platform, req), req.body.roles);
      return { roles: await getMfaRequiredRoles(db) };
    },
  );

  registerOidcRoutes(root, platform);
}
