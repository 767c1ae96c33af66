import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './session-store.ts';

/** Whether cookies get `Secure`: configured, or (auto) when the request or the public URL is https. */
export function secureCookie(config: Config, req: FastifyRequest): boolean {
  return config.secureCookies === 'auto'
    ? req.protocol === 'https' || config.baseUrl.startsWith('https:')
    : config.secureCookies;
}

export function setSessionCookie(config: Config, req: FastifyRequest, reply: FastifyReply, value: string): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(config, req),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}
