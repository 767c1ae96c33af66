import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../test/factories.ts';
import { freshDatabase, type TestEnv, testEnv } from '../../../test/harness.ts';
import { as, login } from '../../../test/http.ts';
import { runCli } from '../../../test/run-cli.ts';
import { parseDuration } from '../../cli/commands-clock.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { OffsetClock } from '../../platform/clock.ts';
import { followClockOffset, readClockOffset } from './test-clock.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

describe('the run-time test clock', () => {
  it('is refused in production', () => {
    expect(() => loadConfig({ CANHGAC_TEST_CLOCK: 'true', NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(loadConfig({ CANHGAC_TEST_CLOCK: 'true' }).testClock).toBe(true);
    expect(loadConfig({}).testClock).toBe(false);
  });

  it('an admin moves it over the API; every process following the offset sees the new time', async () => {
    const org = await makeOrg(env.platform);
    const admin = await makeUser(env.platform, org.id, ['admin']);
    const s = await login(env.app, admin.username, PASSWORD);
    const follower = new OffsetClock();
    const stop = await followClockOffset(env.platform.db, follower, 50);
    try {
      const res = await as(env.app, s)('PUT', '/api/admin/test-clock', { advanceMs: 3 * 86_400_000 });
      expect(res.statusCode).toBe(200);
      expect(res.json().offsetMs).toBe(3 * 86_400_000);
      await expect.poll(() => follower.now().getTime() - Date.now()).toBeGreaterThan(3 * 86_400_000 - 5000);
      const jump = await as(env.app, s)('PUT', '/api/admin/test-clock', { at: '2027-01-01T00:00:00+07:00' });
      expect(jump.statusCode).toBe(200);
      expect(
        Math.abs(Date.now() + (await readClockOffset(env.platform.db)) - Date.parse('2027-01-01T00:00:00+07:00')),
      ).toBeLessThan(5000);
      const both = await as(env.app, s)('PUT', '/api/admin/test-clock', { at: '2027-01-01T00:00:00Z', advanceMs: 1 });
      expect(both.statusCode).toBe(400);
    } finally {
      stop();
    }
  });

  it('the CLI sets it when enabled and refuses when not', async () => {
    const db = await freshDatabase();
    try {
      const base = { DATABASE_URL: db.url, CANHGAC_SECRET: 'c'.repeat(40) };
      const off = await runCli(['clock', 'set', '--advance', '2d'], base);
      expect(off.code).toBe(1);
      expect(off.stderr).toMatch(/test clock is off/);
      const on = await runCli(['clock', 'set', '--advance', '2d'], { ...base, CANHGAC_TEST_CLOCK: 'true' });
      expect(on.code, on.stderr).toBe(0);
      expect(on.stdout).toMatch(/offset 172800000 ms/);
      const bad = await runCli(['clock', 'set', '--advance', 'soon'], { ...base, CANHGAC_TEST_CLOCK: 'true' });
      expect(bad.code).toBe(2);
    } finally {
      await db.drop();
    }
  });

  it('parses durations', () => {
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('-12h')).toBe(-43_200_000);
    expect(() => parseDuration('3 days')).toThrow();
  });
});
