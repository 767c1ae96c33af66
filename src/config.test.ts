import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults: port 8080, embedded database, trust no proxy', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: undefined, trustProxy: false, embeddedPgPort: 54329 });
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
});
