// A `canhgac serve` child process for the intake benchmark and the durability test: started, waited
// for, stopped cleanly or killed with SIGKILL (no chance to finish anything).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type ServeOptions = {
  dataDir: string;
  port: number;
  pgPort: number;
  /** external PostgreSQL (DATABASE_URL + CANHGAC_SECRET); unset = embedded in dataDir */
  external?: { url: string; secret: string };
  demo?: boolean;
  env?: Record<string, string>;
};

export type Served = { child: ChildProcess; exited: Promise<number | null> };

export function serve(o: ServeOptions): Served {
  const { DATABASE_URL: _url, CANHGAC_SECRET: _secret, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/canhgac.mjs', 'serve', ...(o.demo ? ['--demo'] : [])], {
    cwd: root,
    env: {
      ...inherited,
      ...(o.external ? { DATABASE_URL: o.external.url, CANHGAC_SECRET: o.external.secret } : {}),
      CANHGAC_DATA_DIR: o.dataDir,
      CANHGAC_PORT: String(o.port),
      CANHGAC_HOST: '127.0.0.1',
      CANHGAC_EMBEDDED_PG_PORT: String(o.pgPort),
      CANHGAC_LOG_LEVEL: 'warn',
      ...o.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

export async function waitReady(port: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server on port ${port} not ready in ${timeoutMs} ms`);
}

/** SIGKILL: the process ends mid-request, open transactions are left to PostgreSQL to roll back. */
export async function kill9(s: Served): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGKILL');
  await s.exited;
}

export async function stop(s: Served): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  await s.exited;
}

/** The URL of the embedded PostgreSQL a `serve` of this data dir runs (while it runs). */
export async function embeddedUrl(dataDir: string): Promise<string> {
  const info = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded-pg.json'), 'utf8')) as { port: number };
  const password = (await fs.readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
  return `postgres://canhgac:${encodeURIComponent(password)}@127.0.0.1:${info.port}/canhgac`;
}
