// Platform benchmarks (issue #2): cold start to /readyz (fresh and existing data dir), idle memory
// (PSS of the app and its embedded PostgreSQL) and authenticated GET /api/me throughput.
// Usage: npm run bench [-- --write]   (--write updates docs/benchmarks.md)
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../src/platform/net.ts';

const root = path.resolve(import.meta.dirname, '..');

function start(dataDir: string, port: number, pgPort: number): ChildProcess {
  return spawn(process.execPath, ['bin/canhgac.mjs', 'serve', '--demo'], {
    cwd: root,
    env: {
      ...process.env,
      CANHGAC_DATA_DIR: dataDir,
      CANHGAC_PORT: String(port),
      CANHGAC_HOST: '127.0.0.1',
      CANHGAC_EMBEDDED_PG_PORT: String(pgPort),
      CANHGAC_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(port: number, t0: number, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return performance.now() - t0;
    } catch {}
    if (performance.now() - t0 > timeoutMs) throw new Error('not ready in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function pssKb(pid: number): Promise<number> {
  const text = await fs.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const m = /^Pss:\s+(\d+) kB/m.exec(text);
  return m ? Number(m[1]) : 0;
}

/** The app process, its postmaster and every backend the postmaster forked. */
async function memoryMb(appPid: number, dataDir: string): Promise<{ app: number; postgres: number }> {
  const postmaster = Number((await fs.readFile(path.join(dataDir, 'pg/postmaster.pid'), 'utf8')).split('\n')[0]);
  const pids: number[] = [postmaster];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === postmaster) pids.push(Number(entry));
  }
  let pg = 0;
  for (const pid of pids) pg += await pssKb(pid);
  return { app: (await pssKb(appPid)) / 1024, postgres: pg / 1024 };
}

async function adminSession(port: number, dataDir: string): Promise<{ cookie: string }> {
  const creds = await fs.readFile(path.join(dataDir, 'initial-credentials.txt'), 'utf8');
  const password = /^admin\s+(\S+)/m.exec(creds)?.[1] ?? '';
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('cg_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  return { cookie };
}

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-bench-'));
  const port = await freePort();
  const pgPort = await freePort();
  const results: string[] = [];
  const line = (s: string) => {
    results.push(s);
    process.stdout.write(`${s}\n`);
  };
  try {
    let t0 = performance.now();
    let app = start(dataDir, port, pgPort);
    const fresh = await waitReady(port, t0);
    line(
      `cold start, fresh data dir (initdb, migrations, demo seed) → /readyz: ${(fresh / 1000).toFixed(2)} s (goal ≤ 15 s)`,
    );
    await stop(app);

    t0 = performance.now();
    app = start(dataDir, port, pgPort);
    const warm = await waitReady(port, t0);
    line(`cold start, existing data dir → /readyz: ${(warm / 1000).toFixed(2)} s (goal ≤ 5 s)`);

    await new Promise((r) => setTimeout(r, 10_000));
    const mem = await memoryMb(app.pid ?? 0, dataDir);
    line(
      `idle memory (PSS): app ${mem.app.toFixed(0)} MB + embedded PostgreSQL ${mem.postgres.toFixed(0)} MB = ${(mem.app + mem.postgres).toFixed(0)} MB (goal ≤ 500 MB)`,
    );

    const { cookie } = await adminSession(port, dataDir);
    const run = await autocannon({
      url: `http://127.0.0.1:${port}/api/me`,
      headers: { cookie },
      connections: 32,
      duration: 15,
      workers: 0,
    });
    const non2xx = run.non2xx + run.errors;
    line(
      `GET /api/me (session cookie), 32 connections, 15 s: ${run.requests.average.toFixed(0)} requests/s average, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ${non2xx} failed (goal ≥ 2,000 requests/s)`,
    );
    await stop(app);
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  process.stdout.write(`machine: ${machine}\n`);
  if (process.argv.includes('--write')) {
    const file = path.join(root, 'docs/benchmarks.md');
    const body = await fs.readFile(file, 'utf8').catch(() => '# Benchmarks\n');
    const section = `## Platform core (issue #2) — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${machine}. Load generator (autocannon) on the same 2 cores as the server.\n\n${results.map((r) => `- ${r}`).join('\n')}\n`;
    const marker = /## Platform core \(issue #2\)[\s\S]*?(?=\n## |$)/;
    await fs.writeFile(
      file,
      marker.test(body) ? body.replace(marker, section.trimEnd()) : `${body.trimEnd()}\n\n${section}`,
    );
  }
}

await main();
