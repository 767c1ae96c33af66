// Scan import (issue #7): a synthetic Nessus file of 100k ReportItems over 5k hosts (~60 MB),
// imported end to end by `canhgac scans import` child processes against a running `canhgac serve`
// (embedded PostgreSQL, fresh data dir): first import, the same file again, a re-scan with 10 %
// changed. Peak RSS of the importing process from process.resourceUsage() (CANHGAC_REPORT_MAXRSS).
// Usage: npm run bench -- --only=scans [--hosts=5000] [--per-host=20] [--big [--big-hosts=60000]] [--write]
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/platform/net.ts';
import { serve, stop, waitReady } from './intake/server.ts';
import { writeSyntheticNessus } from './scans/nessus-gen.ts';

const root = path.resolve(import.meta.dirname, '..');

function arg(name: string, fallback: number): number {
  const v = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return v ? Number(v) : fallback;
}

type Run = { ms: number; maxRssMb: number; summary: Record<string, unknown> };

function importFile(dataDir: string, file: string): Promise<Run> {
  const { DATABASE_URL: _u, CANHGAC_SECRET: _s, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['bin/canhgac.mjs', 'scans', 'import', file, '--json'], {
      cwd: root,
      env: { ...env, CANHGAC_DATA_DIR: dataDir, CANHGAC_REPORT_MAXRSS: 'true', CANHGAC_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`import exited ${code}: ${err}`));
      const rss = Number(/maxrss_kb=(\d+)/.exec(err)?.[1] ?? 0);
      const summary = JSON.parse(out) as Record<string, unknown>;
      resolve({ ms, maxRssMb: rss / 1024, summary });
    });
  });
}

function describe(label: string, r: Run, findings: number, goals = ' (goals ≤ 10 s, ≤ 300 MB)'): string {
  const s = r.summary;
  const buckets = `new ${s.new}, unchanged ${s.unchanged}, fixed ${s.fixed}, reopened ${s.reopened}`;
  return `${label}: ${(r.ms / 1000).toFixed(2)} s end to end, ${Math.round(findings / (r.ms / 1000)).toLocaleString('en')} findings/s, peak RSS ${r.maxRssMb.toFixed(0)} MB (${buckets})${goals}`;
}

export async function benchScans(): Promise<{ lines: string[]; machine: string }> {
  const hosts = arg('hosts', 5000);
  const perHost = arg('per-host', 20);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-bench-scans-'));
  // As root, PostgreSQL runs as the postgres user, which must traverse to the data dir.
  await fs.chmod(dir, 0o711);
  const base = path.join(dir, 'base.nessus');
  const changed = path.join(dir, 'changed.nessus');
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    process.stdout.write(`${s}\n`);
  };
  await writeSyntheticNessus(base, { hosts, perHost });
  await writeSyntheticNessus(changed, { hosts, perHost, changed: 0.1 });
  const size = (await fs.stat(base)).size;
  const findings = hosts * perHost;
  say(
    `file: ${findings.toLocaleString('en')} ReportItems over ${hosts.toLocaleString('en')} hosts, ${(size / 2 ** 20).toFixed(0)} MiB`,
  );
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  // The imports borrow the embedded PostgreSQL this server runs, as an operator's would.
  const served = serve({ dataDir, port, pgPort: await freePort() });
  try {
    await Promise.race([
      waitReady(port),
      served.exited.then((code) => {
        throw new Error(`canhgac serve exited (${code})`);
      }),
    ]);
    say(describe('first import', await importFile(dataDir, base), findings));
    say(describe('re-import, same file', await importFile(dataDir, base), findings));
    say(describe('re-import, 10 % changed', await importFile(dataDir, changed), findings));
    if (process.argv.includes('--big')) {
      // The memory goal: a ~1 GB file streams through with the same bounded memory.
      const big = path.join(dir, 'big.nessus');
      const bigHosts = arg('big-hosts', 60_000);
      await writeSyntheticNessus(big, { hosts: bigHosts, perHost });
      const bigSize = (await fs.stat(big)).size;
      const r = await importFile(dataDir, big);
      say(
        `${(bigHosts * perHost).toLocaleString('en')} items, ${(bigSize / 2 ** 30).toFixed(2)} GiB: ${describe('import', r, bigHosts * perHost, ' (goal: no running out of memory)')}`,
      );
    }
  } finally {
    await stop(served);
    await fs.rm(dir, { recursive: true, force: true });
  }
  // The machine is shared: the load average says how much else ran meanwhile.
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average at the end ${os.loadavg()[0]?.toFixed(1)} (1 min)`;
  return { lines, machine };
}
