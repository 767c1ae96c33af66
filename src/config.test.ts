import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults: port 8080, embedded database, trust no proxy', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: undefined, trustProxy: false, embeddedPgPort: 54329 });
  });

  it('upload limit: 100 MiB by default, CANHGAC_MAX_UPLOAD_MB in MiB, nonsense refused', () => {
    expect(loadConfig({}).maxUploadBytes).toBe(100 * 1024 * 1024);
    expect(loadConfig({ CANHGAC_MAX_UPLOAD_MB: '5' }).maxUploadBytes).toBe(5 * 1024 * 1024);
    for (const bad of ['0', '-1', '1.5', 'lots']) {
      expect(() => loadConfig({ CANHGAC_MAX_UPLOAD_MB: bad }), bad).toThrow(ConfigError);
    }
  });

  it('CANHGAC_IMAP_URL: an imap:// or imaps:// URL, or unset', () => {
    expect(loadConfig({}).imapUrl).toBeUndefined();
    expect(loadConfig({ CANHGAC_IMAP_URL: 'imaps://u:p@mail.example/INBOX' }).imapUrl).toBe(
      'imaps://u:p@mail.example/INBOX',
    );
    expect(() => loadConfig({ CANHGAC_IMAP_URL: 'https://mail.example' })).toThrow(/CANHGAC_IMAP_URL/);
  });

  it('CANHGAC_PORT wins over PORT, which is honoured when it is unset', () => {
    expect(loadConfig({ PORT: '9000' }).port).toBe(9000);
    expect(loadConfig({ PORT: '9000', CANHGAC_PORT: '9100' }).port).toBe(9100);
  });

  it('trusted proxies: addresses/CIDRs, a hop count, or all', () => {
    expect(loadConfig({ CANHGAC_TRUST_PROXY: '10.0.0.1,192.0.2.0/24' }).trustProxy).toBe('10.0.0.1,192.0.2.0/24');
    expect(loadConfig({ CANHGAC_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ CANHGAC_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ CANHGAC_TRUST_PROXY: 'yes please' })).toThrow(ConfigError);
  });

  it('refuses an external database without a shared secret, and the port 5432 for the embedded one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@db/canhgac' })).toThrow(/CANHGAC_SECRET is required/);
    expect(() => loadConfig({ CANHGAC_EMBEDDED_PG_PORT: '5432' })).toThrow(/CANHGAC_EMBEDDED_PG_PORT/);
    expect(() => loadConfig({ CANHGAC_PORT: 'eighty' })).toThrow(/CANHGAC_PORT/);
  });

  it('single sign-on: issuer, client id and secret all or none; JIT needs an organisation; never admin', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const sso = {
      CANHGAC_OIDC_ISSUER: 'https://sso.example.gov.vn/realms/tinh',
      CANHGAC_OIDC_CLIENT_ID: 'canhgac',
      CANHGAC_OIDC_CLIENT_SECRET: 's3cret',
    };
    expect(loadConfig(sso).oidc).toEqual({
      issuer: 'https://sso.example.gov.vn/realms/tinh',
      clientId: 'canhgac',
      clientSecret: 's3cret',
      matchClaim: 'email',
      jit: false,
      defaultOrgCode: undefined,
      defaultRole: 'member',
      label: 'SSO',
    });
    expect(() => loadConfig({ CANHGAC_OIDC_ISSUER: sso.CANHGAC_OIDC_ISSUER })).toThrow(/all three or none/);
    expect(() => loadConfig({ ...sso, CANHGAC_OIDC_CLIENT_SECRET: undefined })).toThrow(/all three or none/);
    expect(() => loadConfig({ ...sso, CANHGAC_OIDC_JIT: 'true' })).toThrow(/CANHGAC_OIDC_DEFAULT_ORG/);
    expect(() => loadConfig({ ...sso, CANHGAC_OIDC_DEFAULT_ROLE: 'admin' })).toThrow(/must not be admin/);
    expect(() => loadConfig({ ...sso, CANHGAC_OIDC_MATCH_CLAIM: 'phone' })).toThrow(/CANHGAC_OIDC_MATCH_CLAIM/);
    expect(
      loadConfig({
        ...sso,
        CANHGAC_OIDC_JIT: 'true',
        CANHGAC_OIDC_DEFAULT_ORG: 'SO-TTTT',
        CANHGAC_OIDC_LABEL: 'Keycloak Sở',
      }).oidc,
    ).toMatchObject({ jit: true, defaultOrgCode: 'SO-TTTT', label: 'Keycloak Sở' });
  });
});
