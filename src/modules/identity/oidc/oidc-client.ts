import * as client from 'openid-client';
import type { OidcConfig } from '../../../config.ts';
import type { Claims } from './claims.ts';

/** Why a login through the identity provider did not produce trustworthy claims. */
export type ExchangeFailure = 'idp_unreachable' | 'idp_error' | 'nonce_mismatch' | 'invalid_response';

export class OidcFailure extends Error {
  readonly reason: ExchangeFailure;
  constructor(reason: ExchangeFailure, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

const TIMEOUT_S = 10;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The relying party: discovery happens on first use and is cached per issuer and client (a failed
 * discovery is not cached, so the next login tries again once the provider is back).
 */
export class OidcClient {
  private readonly cache = new Map<string, Promise<client.Configuration>>();

  async configuration(oidc: OidcConfig): Promise<client.Configuration> {
    const key = `${oidc.issuer}\n${oidc.clientId}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = discover(oidc);
      this.cache.set(key, pending);
      pending.catch(() => this.cache.delete(key));
    }
    return pending;
  }

  async authorizationUrl(
    oidc: OidcConfig,
    input: { redirectUri: string; state: string; nonce: string; codeVerifier: string },
  ): Promise<URL> {
    const config = await this.configuration(oidc);
    return client.buildAuthorizationUrl(config, {
      redirect_uri: input.redirectUri,
      scope: 'openid email profile',
      state: input.state,
      nonce: input.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(input.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Redeems the code (PKCE, state, nonce checked) and returns the ID token's claims merged with userinfo. */
  async exchange(
    oidc: OidcConfig,
    input: { callbackUrl: URL; state: string; nonce: string; codeVerifier: string },
  ): Promise<{ issuer: string; claims: Claims }> {
    const config = await this.configuration(oidc);
    try {
      const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
        pkceCodeVerifier: input.codeVerifier,
        expectedState: input.state,
        expectedNonce: input.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcFailure('invalid_response', 'no ID token');
      let claims: Claims = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        // The ID token is signed; userinfo only adds what it does not say (sub is checked equal).
        claims = { ...info, ...idClaims };
      }
      return { issuer: idClaims.iss, claims };
    } catch (error) {
      throw classify(error);
    }
  }
}

async function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(oidc.issuer);
  try {
    return await client.discovery(
      issuer,
      oidc.clientId,
      { client_secret: oidc.clientSecret },
      client.ClientSecretBasic(oidc.clientSecret),
      {
        timeout: TIMEOUT_S,
        // Plain http only for a provider on this machine (tests, a local Keycloak): never across a network.
        execute: issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) ? [client.allowInsecureRequests] : [],
      },
    );
  } catch (error) {
    throw new OidcFailure('idp_unreachable', error instanceof Error ? error.message : String(error));
  }
}

function classify(error: unknown): OidcFailure {
  if (error instanceof OidcFailure) return error;
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return new OidcFailure('idp_error', `${error.error}: ${error.error_description ?? ''}`.trim());
  }
  if (error instanceof client.ClientError) {
    const cause = error.cause as { cause?: { claim?: unknown } } | undefined;
    if (error.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && cause?.cause?.claim === 'nonce') {
      return new OidcFailure('nonce_mismatch', error.message);
    }
    return new OidcFailure('invalid_response', `${error.code ?? 'error'}: ${error.message}`);
  }
  // fetch() failing (refused, reset, timeout) is the provider being out of reach.
  if (error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError')) {
    return new OidcFailure('idp_unreachable', error.message);
  }
  return new OidcFailure('invalid_response', error instanceof Error ? error.message : String(error));
}
