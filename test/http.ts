import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type Session = { cookie: string; csrf: string };

function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((x) => x.name === 'cg_session');
  return c ? `cg_session=${c.value}` : undefined;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('no session cookie');
  return { cookie, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** A request as the logged-in browser would send it: cookie and CSRF header. */
export function as(app: FastifyInstance, s: Session) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': 'en' },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

export { sessionCookie };
