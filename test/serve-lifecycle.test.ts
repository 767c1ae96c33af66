import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/platform/net.ts';
import { freshDatabase } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..');
let dataDir = '';
const children: ChildProcess[] = [];

function serve(port: number, pgPort: number, external: Record<string, string> = {}) {
  const { DATABASE_URL: _url, CANHGAC_SECRET: _secret, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/canhgac.mjs', 'serve', '--demo'], {
    cwd: root,
    env: {
      ...inherited,
      ...external,
      CANHGAC_DATA_DIR: dataDir,
      CANHGAC_PORT: String(port),
      CANHGAC_HOST: '127.0.0.1',
      CANHGAC_EMBEDDED_PG_PORT: String(pgPort),
      CANHGAC_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    process.stderr.write(c);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => stdout, exited };
}

async function waitReady(port: number) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not ready');
}

async function loginStatus(port: number, username: string, password: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

async function postgresRunning(): Promise<boolean> {
  return fs.access(path.join(dataDir, 'pg', 'postmaster.pid')).then(
    () => true,
    () => false,
  );
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('canhgac serve with the embedded database', () => {
  it('first start seeds the demo and prints random passwords; SIGTERM stops app and database; second start reuses the data', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-serve-'));
    const [port, pgPort] = [await freePort(), await freePort()];
    const first = serve(port, pgPort);
    await waitReady(port);
    await expect.poll(() => first.output(), { timeout: 10_000 }).toContain('initial-credentials.txt');
    const creds = await fs.readFile(path.join(dataDir, 'initial-credentials.txt'), 'utf8');
    expect((await fs.stat(path.join(dataDir, 'initial-credentials.txt'))).mode & 0o777).toBe(0o600);
    const admin = /^admin\s+(\S+)/m.exec(creds)?.[1] ?? '';
    expect(admin.length).toBeGreaterThanOrEqual(16);
    expect(first.output()).toContain(admin);
    expect(first.output()).toMatch(/DEMO/);
    const coordinator = /^dieuphoi\s+(\S+)/m.exec(creds)?.[1] ?? '';
    expect(await loginStatus(port, 'admin', admin)).toBe(200);
    expect(await loginStatus(port, 'dieuphoi', coordinator)).toBe(200);
    expect(await postgresRunning()).toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('CanhGac stopped.');
    expect(await postgresRunning()).toBe(false);

    const second = serve(port, pgPort);
    await waitReady(port);
    expect(await loginStatus(port, 'admin', admin)).toBe(200);
    expect(second.output()).not.toContain('initial-credentials.txt');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(await postgresRunning()).toBe(false);
  }, 120_000);
});

describe('canhgac serve with an external database (DATABASE_URL)', () => {
  it('applies the migrations there, seeds, serves, and stops without touching an embedded server', async () => {
    const db = await freshDatabase();
    const previous = dataDir;
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-serve-ext-'));
    try {
      const [port, pgPort] = [await freePort(), await freePort()];
      const app = serve(port, pgPort, { DATABASE_URL: db.url, CANHGAC_SECRET: 's'.repeat(48) });
      await waitReady(port);
      await expect.poll(() => app.output(), { timeout: 10_000 }).toContain('external PostgreSQL');
      const creds = await fs.readFile(path.join(dataDir, 'initial-credentials.txt'), 'utf8');
      const admin = /^admin\s+(\S+)/m.exec(creds)?.[1] ?? '';
      expect(await loginStatus(port, 'admin', admin)).toBe(200);
      expect(await postgresRunning()).toBe(false);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
      dataDir = previous;
      await db.drop();
    }
  }, 120_000);
});
