import type { FastifyInstance } from 'fastify';
import { resolveApiToken, resolveSession, SESSION_COOKIE } from '../modules/identity/session-store.ts';
import { cachedApiToken } from '../modules/identity/token-cache.ts';
import { AppError, unauthenticated } from '../platform/errors.ts';
import { localeFrom } from '../platform/messages.ts';
import type { Platform } from '../platform/platform.ts';
import { safeEqual } from '../platform/secrets.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling (session cookie or API token), in which language, and the checks every route gets
 * before its body is read: login, the MFA step, CSRF, token scope, MFA enrolment, coarse role.
 */
export function registerAuthHooks(app: FastifyInstance, platform: Platform): void {
  app.decorateRequest('identity', null);
  app.decorateRequest('locale', 'vi');

  app.addHook('onRequest', async (req) => {
    req.locale = localeFrom(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const now = platform.clock.now();
    // Only our own scheme counts; another (e.g. a proxy's Basic auth) is not ours to judge.
    const bearer = req.routeOptions.config?.ownBearer
      ? undefined
      : /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const resolve = req.routeOptions.config?.cachedTokenAuth ? cachedApiToken : resolveApiToken;
      req.identity = (await resolve(platform.pool, bearer, now)) ?? null;
      if (!req.identity) throw unauthenticated();
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) req.identity = (await resolveSession(platform.pool, cookie, now)) ?? null;
    }
    if (req.identity && !req.headers['accept-language']) req.locale = req.identity.locale;
  });

  app.addHook('preValidation', async (req) => {
    const config = req.routeOptions.config;
    const mode = config.auth ?? 'user';
    // Only the API carries data; the SPA's pages and assets are public (so is its 404 fallback).
    if (mode === 'public' || !req.url.startsWith('/api/')) return;
    const identity = req.identity;
    if (!identity) throw unauthenticated();
    const session = identity.session;
    if (session && !session.mfaPassed && mode !== 'mfa') throw new AppError(401, 'mfa_required');
    if (session && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw new AppError(403, 'csrf_failed');
    }
    if (identity.principal.via === 'token' && config.sessionOnly) throw new AppError(403, 'forbidden');
    if (identity.principal.via === 'token' && !SAFE_METHODS.has(req.method)) {
      if (!identity.principal.tokenScopes?.includes('write')) throw new AppError(403, 'token_scope');
    }
    if (identity.mfaEnrollmentRequired && !config.duringMfaEnrollment) {
      throw new AppError(403, 'mfa_enrollment_required');
    }
    config.authorize?.(identity.principal);
  });
}
