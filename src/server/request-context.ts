import type { FastifyRequest } from 'fastify';
import type { Identity } from '../modules/identity/session-store.ts';
import type { Ctx, Principal } from '../platform/actor.ts';
import { unauthenticated } from '../platform/errors.ts';
import type { Locale } from '../platform/messages.ts';
import type { Platform } from '../platform/platform.ts';

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** the route's class in the authorisation matrix (e.g. `user.manage`) */
    routeClass?: string;
    /** `public`: no login; `mfa`: a login waiting for its second factor may call it */
    auth?: 'public' | 'user' | 'mfa';
    /** stays callable while the user must still enrol in MFA */
    duringMfaEnrollment?: boolean;
    /** only for a person's browser session: an API token may not call it (MFA, password, tokens) */
    sessionOnly?: boolean;
    /** the route reads `Authorization: Bearer` itself (a SIEM source's token), not as an API token */
    ownBearer?: boolean;
    /** coarse, role-level check run before the body is validated */
    authorize?: (p: Principal) => void;
    /** API tokens verified in the last seconds are trusted again (a machine's steady stream: the intake API) */
    cachedTokenAuth?: boolean;
  }
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.identity) throw unauthenticated();
  return req.identity.principal;
}

export function ctxOf(platform: Platform, req: FastifyRequest): Ctx {
  const actor = req.identity
    ? ({ kind: 'user', principal: req.identity.principal } as const)
    : ({ kind: 'system', name: 'system:anonymous' } as const);
  return { actor, clock: platform.clock, requestId: req.id, ip: req.ip };
}
