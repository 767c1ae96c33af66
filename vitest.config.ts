import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'seed/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    // Browser pages and background jobs on a busy 2-core CI machine: poll patiently.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default'],
    // The OpenID provider the SSO tests start warns about its development defaults on every run.
    onConsoleLog: (log) => (log.startsWith('oidc-provider ') ? false : undefined),
  },
});
