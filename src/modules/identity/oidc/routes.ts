import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import type { Platform } from '../../../platform/platform.ts';
import { randomToken } from '../../../platform/secrets.ts';
import { ctxOf } from '../../../server/request-context.ts';
import { completeOidcLogin, recordSsoRefusal, type SsoRefusal } from '../commands/complete-oidc-login.ts';
import { countAddressAttempt } from '../login-throttle.ts';
import * as s from '../schemas.ts';
import { secureCookie, setSessionCookie } from '../session-cookie.ts';
import { ATTEMPT_TTL_MS, consumeAttempt, storeAttempt } from './login-attempts.ts';
import { OidcClient, OidcFailure } from './oidc-client.ts';

/** Binds an SSO login to the browser that started it (its SHA-256 is stored with the state). */
export const BROWSER_COOKIE = 'cg_oidc';
const CALLBACK_PATH = '/api/auth/oidc/callback';
const BROWSER_VALUE = /^[\w-]{43}$/;

export function oidcRedirectUri(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`;
}

/**
 * OpenID Connect single sign-on (authorisation code flow with PKCE, state and nonce). The login and
 * callback routes are browser navigations: they answer with redirects, and a refusal comes back to
 * the login page as `?sso_error=<reason>`, which the page shows in the user's language.
 */
export function registerOidcRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const oidcClient = new OidcClient();

  const refuse = async (
    req: FastifyRequest,
    reply: FastifyReply,
    reason: SsoRefusal,
    detail: Record<string, unknown> = {},
  ) => {
    await recordSsoRefusal(db, ctxOf(platform, req), reason, detail);
    return reply.redirect(`/login?sso_error=${reason}`, 303);
  };

  app.get(
    '/api/auth/oidc',
    {
      config: { auth: 'public', routeClass: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether single sign-on (OpenID Connect) is on, and the label of its button',
        response: { 200: s.oidcStatusReply },
      },
    },
    async () => {
      const oidc = platform.config.oidc;
      return { enabled: Boolean(oidc), label: oidc?.label ?? null };
    },
  );

  app.get(
    '/api/auth/oidc/login',
    {
      config: { auth: 'public', routeClass: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Start a single sign-on: redirects to the identity provider (or back to /login with sso_error)',
      },
    },
    async (req, reply) => {
      const oidc = platform.config.oidc;
      if (!oidc) return reply.redirect('/login?sso_error=sso_disabled', 303);
      const now = platform.clock.now();
      // An abandoned start counts like a failed login attempt (a finished login gives it back).
      // Over the limit: refused without an audit entry, as a throttled password login is.
      if (!(await countAddressAttempt(db, req.ip ?? 'unknown', now)).allowed) {
        return reply.redirect('/login?sso_error=too_many_attempts', 303);
      }
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      let target: URL;
      try {
        target = await oidcClient.authorizationUrl(oidc, {
          redirectUri: oidcRedirectUri(platform.config.baseUrl),
          state,
          nonce,
          codeVerifier,
        });
      } catch (error) {
        req.log.warn({ err: error, issuer: oidc.issuer }, 'OpenID provider discovery failed');
        const why = error instanceof OidcFailure ? error.message : String(error);
        return refuse(req, reply, 'idp_unreachable', { issuer: oidc.issuer, error: why.slice(0, 300) });
      }
      const existing = req.cookies[BROWSER_COOKIE];
      const browser = existing && BROWSER_VALUE.test(existing) ? existing : randomToken(32);
      await storeAttempt(db, { state, browser, nonce, codeVerifier, now });
      reply.setCookie(BROWSER_COOKIE, browser, {
        path: '/api/auth/oidc',
        httpOnly: true,
        // lax: the cookie must come along on the provider's top-level redirect back to us.
        sameSite: 'lax',
        secure: secureCookie(platform.config, req),
        maxAge: ATTEMPT_TTL_MS / 1000,
      });
      return reply.redirect(target.href, 303);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      config: { auth: 'public', routeClass: 'public' },
      schema: {
        tags: ['auth'],
        summary: "The identity provider's redirect back: signs in and redirects to the app (or /login with sso_error)",
        querystring: s.oidcCallbackQuery,
      },
    },
    async (req, reply) => {
      const oidc = platform.config.oidc;
      if (!oidc) return reply.redirect('/login?sso_error=sso_disabled', 303);
      const now = platform.clock.now();
      const attempt = await consumeAttempt(db, { state: req.query.state, browser: req.cookies[BROWSER_COOKIE], now });
      if (!attempt.ok) {
        // Forged callbacks count like failed logins, so they cannot flood the audit trail.
        if (!(await countAddressAttempt(db, req.ip ?? 'unknown', now)).allowed) {
          return reply.redirect('/login?sso_error=too_many_attempts', 303);
        }
        return refuse(req, reply, attempt.reason, { issuer: oidc.issuer });
      }
      if (req.query.error) {
        return refuse(req, reply, 'idp_error', {
          issuer: oidc.issuer,
          error: req.query.error,
          description: req.query.error_description?.slice(0, 300),
        });
      }
      const callbackUrl = new URL(oidcRedirectUri(platform.config.baseUrl));
      callbackUrl.search = new URL(req.url, 'http://callback.invalid').search;
      let verified: Awaited<ReturnType<OidcClient['exchange']>>;
      try {
        verified = await oidcClient.exchange(oidc, {
          callbackUrl,
          state: req.query.state ?? '',
          nonce: attempt.nonce,
          codeVerifier: attempt.codeVerifier,
        });
      } catch (error) {
        const failure = error instanceof OidcFailure ? error : new OidcFailure('invalid_response', String(error));
        req.log.warn({ err: error, reason: failure.reason }, 'single sign-on refused');
        return refuse(req, reply, failure.reason, { issuer: oidc.issuer, error: failure.message.slice(0, 300) });
      }
      const result = await completeOidcLogin(db, ctxOf(platform, req), {
        oidc,
        issuer: verified.issuer,
        claims: verified.claims,
        userAgent: req.headers['user-agent'],
      });
      if (!result.ok) return reply.redirect(`/login?sso_error=${result.reason}`, 303);
      reply.clearCookie(BROWSER_COOKIE, { path: '/api/auth/oidc' });
      setSessionCookie(platform.config, req, reply, result.cookie);
      return reply.redirect(result.mfaPending ? '/login?sso=mfa' : '/', 303);
    },
  );
}
