import type { FastifyInstance } from 'fastify';

/** Cookies per host, as a browser keeps them (paths are ignored: each host's flow is short). */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: URL): string {
    const cookies = this.byHost.get(url.host);
    return cookies ? [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  get(host: string, name: string): string | undefined {
    return this.byHost.get(host)?.get(name);
  }

  store(url: URL, setCookies: string[]): void {
    const cookies = this.byHost.get(url.host) ?? new Map<string, string>();
    this.byHost.set(url.host, cookies);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) =>
          /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()),
      );
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}

export type Hop = { url: string; status: number; location?: string };

/**
 * Drives an SSO login like a browser: our app through `inject`, the identity provider through
 * fetch, following redirects with one cookie jar and filling in the provider's login form.
 * Stops at the first redirect to a page of the app (not /api/), or before a URL `stopAt` picks.
 */
export async function browseSso(
  app: FastifyInstance,
  appOrigin: string,
  jar: CookieJar,
  form: { login: string; password: string; otp?: boolean },
  opts: { start?: string; stopAt?: (url: URL) => boolean } = {},
): Promise<{ final: string; hops: Hop[] }> {
  const hops: Hop[] = [];
  let url = new URL(opts.start ?? `${appOrigin}/api/auth/oidc/login`);
  let method: 'GET' | 'POST' = 'GET';
  let body: string | undefined;
  for (let i = 0; i < 20; i++) {
    if (opts.stopAt?.(url)) return { final: url.href, hops };
    let status: number;
    let location: string | undefined;
    let html = '';
    if (url.origin === appOrigin) {
      const res = await app.inject({
        method: 'GET',
        url: `${url.pathname}${url.search}`,
        headers: { cookie: jar.header(url), 'user-agent': 'sso-test' },
      });
      jar.store(url, ([] as string[]).concat(res.headers['set-cookie'] ?? []));
      status = res.statusCode;
      location = res.headers.location as string | undefined;
      html = res.body;
    } else {
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        headers: {
          cookie: jar.header(url),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
      });
      jar.store(url, res.headers.getSetCookie());
      status = res.status;
      location = res.headers.get('location') ?? undefined;
      html = await res.text();
    }
    hops.push({ url: url.href, status, location });
    const posted = method === 'POST';
    method = 'GET';
    body = undefined;
    if (status >= 300 && status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin === appOrigin && !next.pathname.startsWith('/api/')) return { final: location, hops };
      url = next;
      continue;
    }
    if (status === 200 && html.includes('id="idp-login"')) {
      // The provider's login form: post it back to where it points.
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error('login form without action');
      if (posted) throw new Error('the identity provider refused the login form');
      url = new URL(
        action.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
        url,
      );
      method = 'POST';
      body = new URLSearchParams({
        login: form.login,
        password: form.password,
        ...(form.otp ? { otp: '1' } : {}),
      }).toString();
      continue;
    }
    throw new Error(`unexpected answer ${status} at ${url.href}: ${html.slice(0, 300)}`);
  }
  throw new Error('too many redirects');
}
