import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { OidcConfig } from '../src/config.ts';

/** A person with an account at the test identity provider. */
export type IdpAccount = {
  sub: string;
  password: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
};

export type TestIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, IdpAccount>;
  /** adds an account, found at the login form by its sub, preferred_username or e-mail */
  add(account: IdpAccount): IdpAccount;
  oidcConfig(overrides?: Partial<OidcConfig>): OidcConfig;
  close(): Promise<void>;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body>
<h1>Test identity provider</h1>
${error ? `<p id="idp-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}">
  <label>Username <input name="login" id="idp-login" autocomplete="off"></label>
  <label>Password <input name="password" id="idp-password" type="password"></label>
  <label><input type="checkbox" name="otp" value="1" id="idp-otp"> I also entered a one-time code</label>
  <button type="submit" id="idp-submit">Sign in</button>
</form></body></html>`;
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID provider (the `oidc-provider` package) on a loopback port, with one confidential
 * client registered for `redirectUri`, PKCE required, and its own small login page. Ticking
 * "one-time code" makes it assert a multi-factor login (`amr: ["pwd","otp"]`).
 */
export async function startIdp(redirectUri: string): Promise<TestIdp> {
  const accounts = new Map<string, IdpAccount>();
  const clientId = 'canhgac-test';
  const clientSecret = randomBytes(24).toString('base64url');
  let provider: Provider | undefined;

  const server = http.createServer(async (req, res) => {
    if (!provider) return res.writeHead(503).end();
    const interaction = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!interaction) return provider.callback()(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
        return;
      }
      const form = await formBody(req);
      const login = form.get('login')?.trim() ?? '';
      const account = [...accounts.values()].find(
        (a) => a.sub === login || a.preferred_username === login || a.email === login,
      );
      if (!account || account.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Wrong login'));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, amr: form.get('otp') ? ['pwd', 'otp'] : ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...(key as JWK), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, i) => `/interaction/${i.uid}` },
    // amr under the openid scope: every ID token says how the user logged in.
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['preferred_username', 'name'],
    },
    // A first-party client: no consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const session = ctx.oidc.session;
      const oidcClient = ctx.oidc.client;
      if (!session?.accountId || !oidcClient) return undefined;
      const existing = session.grantIdFor(oidcClient.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: oidcClient.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      const { password: _password, ...claims } = account;
      return { accountId: sub, claims: async () => claims };
    },
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    add: (account) => {
      accounts.set(account.sub, account);
      return account;
    },
    oidcConfig: (overrides = {}) => ({
      issuer,
      clientId,
      clientSecret,
      matchClaim: 'email',
      jit: false,
      defaultOrgCode: undefined,
      defaultRole: 'member',
      label: 'Test IdP',
      ...overrides,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
