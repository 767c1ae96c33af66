// Intake at load and durability (issue #6): POST /api/reports with an API token against a real
// `canhgac serve` (embedded PostgreSQL, fresh data dir), load from a second process on loopback.
// 1. load: autocannon (child process) at a fixed rate for 5 minutes; then every 2xx external id must be
//    stored exactly once and acknowledged.
// 2. kill: a retrying keep-alive client while the server is killed with SIGKILL three times at random
//    moments and restarted; then the same check.
// 3. webhook: the same load on the SIEM webhook (a Wazuh source, token auth), checked in siem_alerts.
// Usage: npm run bench -- --only=intake [--short] [--write] [--phase=load|webhook|kill] [--seconds=300]
//        [--rate=1000] [--connections=64] [--webhook-seconds=60] [--kill-seconds=120] [--cpu-prof=DIR (profile of the server)]
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, createPool } from '../src/db/database.ts';
import { createApiToken } from '../src/modules/identity/commands/manage-api-tokens.ts';
import { createSource } from '../src/modules/intake/siem/commands/manage-sources.ts';
import { systemCtx } from '../src/platform/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { freePort } from '../src/platform/net.ts';
import { deriveKeys, loadMasterSecret } from '../src/platform/secrets.ts';
import { serverCpu } from './intake/cpu.ts';
import { runDurableClient } from './intake/durable-client.ts';
import { embeddedUrl, kill9, type Served, serve, stop, waitReady } from './intake/server.ts';
import { type Verdict, verifyIntake, verifyWebhook } from './intake/verify.ts';

const root = path.resolve(import.meta.dirname, '..');

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

type LoadResult = {
  seconds: number;
  /** CPU time of the load generator process */
  cpuSeconds: number;
  sent: number;
  requestsAverage: number;
  requestsMin: number;
  total2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
};

async function apiToken(dataDir: string, username: string): Promise<string> {
  const pool = createPool(await embeddedUrl(dataDir), 2);
  try {
    const r = await pool.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    const userId = r.rows[0]?.id;
    if (!userId) throw new Error(`no demo user ${username}`);
    const out = await createApiToken(createDb(pool), systemCtx('system:bench', systemClock), userId, {
      name: 'intake bench',
      scopes: ['read', 'write'],
      expiresInDays: 1,
    });
    return out.token;
  } finally {
    await pool.end();
  }
}

/** A Wazuh source with token authentication (no HMAC: autocannon sends fixed headers). */
async function siemSource(dataDir: string): Promise<{ id: string; token: string }> {
  const pool = createPool(await embeddedUrl(dataDir), 2);
  try {
    const key = deriveKeys(await loadMasterSecret(undefined, dataDir)).webhookSecrets;
    const out = await createSource(
      createDb(pool),
      systemCtx('system:bench', systemClock),
      key,
      { name: 'Wazuh (bench)', kind: 'wazuh', authMode: 'token' },
      'en',
    );
    return { id: out.id, token: out.secret ?? '' };
  } finally {
    await pool.end();
  }
}

async function webhookPhase(
  dataDir: string,
  server: Served,
  port: number,
  o: { seconds: number; rate: number; connections: number },
) {
  const source = await siemSource(dataDir);
  const prefix = `alert-${Date.now()}`;
  const out = path.join(dataDir, 'accepted-webhook.txt');
  const cpu0 = await serverCpu(server.child.pid ?? 0, dataDir);
  const r = await runAutocannon({
    url: `http://127.0.0.1:${port}`,
    token: source.token,
    prefix,
    seconds: o.seconds,
    connections: o.connections,
    rate: o.rate,
    out,
    path: `/api/intake/webhooks/${source.id}`,
    body: 'wazuh',
  });
  const cpu1 = await serverCpu(server.child.pid ?? 0, dataDir);
  const accepted = (await fs.readFile(out, 'utf8')).split('\n').filter(Boolean);
  const pool = createPool(await embeddedUrl(dataDir), 2);
  const v = await verifyWebhook(pool, source.id, accepted).finally(() => pool.end());
  const perReport = (a: number, b: number) => (((b - a) * 1000) / Math.max(1, r.total2xx)).toFixed(2);
  const rate = o.rate > 0 ? `target ${o.rate.toLocaleString('en')}/s` : 'as fast as answered';
  const line = `webhook: POST /api/intake/webhooks/:source (Wazuh alert, source token, one report per alert), ${o.connections} connections, ${rate}, ${r.seconds} s: ${r.requestsAverage.toFixed(0)} requests/s average (lowest second ${r.requestsMin}), ${r.total2xx.toLocaleString('en')} answered 2xx, ${r.non2xx} non-2xx, ${r.errors} errors; latency p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms (goal ≥ 1,000/s, p99 ≤ 100 ms); server CPU per alert: Node ${perReport(cpu0.app, cpu1.app)} ms, PostgreSQL ${perReport(cpu0.postgres, cpu1.postgres)} ms, load generator ${perReport(0, r.cpuSeconds)} ms; machine load average ${(os.loadavg()[1] ?? 0).toFixed(1)} (5 min, this run included)`;
  return {
    line,
    check: `webhook check: ${verdictLine(v)}`,
    ok: v.ok && r.latency.p99 <= 100 && r.requestsAverage >= 1000,
  };
}

async function verify(dataDir: string, prefix: string, accepted: Iterable<string>): Promise<Verdict> {
  const pool = createPool(await embeddedUrl(dataDir), 2);
  try {
    return await verifyIntake(pool, prefix, accepted);
  } finally {
    await pool.end();
  }
}

function verdictLine(v: Verdict): string {
  const problems = [
    v.missing.length > 0 ? `MISSING ${v.missing.length} (e.g. ${v.missing.slice(0, 3).join(', ')})` : '',
    v.duplicated > 0 ? `DUPLICATED ${v.duplicated}` : '',
    v.unacknowledged > 0 ? `UNACKNOWLEDGED ${v.unacknowledged}` : '',
    v.withoutNotification > 0 ? `WITHOUT NOTIFICATION ${v.withoutNotification}` : '',
    v.withoutAudit > 0 ? `WITHOUT AUDIT ${v.withoutAudit}` : '',
  ].filter(Boolean);
  return `${v.accepted.toLocaleString('en')} accepted (2xx) → ${v.storedOnce.toLocaleString('en')} stored exactly once, ${v.storedTotal.toLocaleString('en')} stored in all, ${v.duplicated} duplicated, ${v.unacknowledged} unacknowledged, ${v.withoutNotification} without acknowledgement notification, ${v.withoutAudit} without audit entry: ${v.ok ? 'OK' : `FAILED — ${problems.join('; ')}`}`;
}

async function walLsn(dataDir: string): Promise<string> {
  const pool = createPool(await embeddedUrl(dataDir), 1);
  try {
    return (await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]?.lsn ?? '0/0';
  } finally {
    await pool.end();
  }
}

async function walSince(dataDir: string, lsn: string): Promise<number> {
  const pool = createPool(await embeddedUrl(dataDir), 1);
  try {
    const r = await pool.query<{ n: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text AS n', [
      lsn,
    ]);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await pool.end();
  }
}

function runAutocannon(args: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bench/intake/autocannon-load.ts', JSON.stringify(args)],
      { cwd: root, maxBuffer: 16 * 2 ** 20 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`load generator failed: ${stderr}`)) : resolve(JSON.parse(stdout) as LoadResult),
    );
  });
}

async function loadPhase(
  dataDir: string,
  server: Served,
  port: number,
  token: string,
  o: { seconds: number; rate: number; connections: number },
) {
  const prefix = `load-${Date.now()}`;
  const cpu0 = await serverCpu(server.child.pid ?? 0, dataDir);
  const wal0 = await walLsn(dataDir);
  const out = path.join(dataDir, 'accepted-load.txt');
  const r = await runAutocannon({
    url: `http://127.0.0.1:${port}`,
    token,
    prefix,
    seconds: o.seconds,
    connections: o.connections,
    rate: o.rate,
    out,
  });
  const cpu1 = await serverCpu(server.child.pid ?? 0, dataDir);
  const walBytes = await walSince(dataDir, wal0);
  const accepted = (await fs.readFile(out, 'utf8')).split('\n').filter(Boolean);
  const perReport = (a: number, b: number) => (((b - a) * 1000) / Math.max(1, r.total2xx)).toFixed(2);
  const v = await verify(dataDir, prefix, accepted);
  const rate = o.rate > 0 ? `target ${o.rate.toLocaleString('en')}/s` : 'as fast as answered';
  const line = `load: POST /api/reports (API token), ${o.connections} connections, ${rate}, ${r.seconds} s: ${r.requestsAverage.toFixed(0)} requests/s average (lowest second ${r.requestsMin}), ${r.total2xx.toLocaleString('en')} answered 2xx, ${r.non2xx} non-2xx, ${r.errors} errors; latency p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms (goal ≥ 1,000/s, p99 ≤ 100 ms); server CPU per report: Node ${perReport(cpu0.app, cpu1.app)} ms, PostgreSQL ${perReport(cpu0.postgres, cpu1.postgres)} ms, load generator ${perReport(0, r.cpuSeconds)} ms; WAL ${(walBytes / Math.max(1, r.total2xx) / 1024).toFixed(1)} KiB per report; machine load average ${(os.loadavg()[1] ?? 0).toFixed(1)} (5 min, this run included)`;
  return {
    line,
    check: `load check: ${verdictLine(v)}`,
    ok: v.ok && r.latency.p99 <= 100 && r.requestsAverage >= 1000,
  };
}

async function killPhase(
  dataDir: string,
  port: number,
  pgPort: number,
  token: string,
  first: Served,
  o: { seconds: number; kills: number; concurrency: number },
) {
  const prefix = `kill-${Date.now()}`;
  let server = first;
  let release: () => void = () => {};
  const until = new Promise<void>((r) => {
    release = r;
  });
  const t0 = performance.now();
  const clientRun = runDurableClient({ port, token, concurrency: o.concurrency, prefix, until, resendEvery: 50 });
  // Kill moments: one at random in each of `kills` equal slices of the run (not in its last 10 %).
  const slice = (o.seconds * 0.9) / o.kills;
  const downtimes: number[] = [];
  for (let k = 0; k < o.kills; k++) {
    const at = (k * slice + (0.2 + Math.random() * 0.6) * slice) * 1000;
    const wait = at - (performance.now() - t0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await kill9(server);
    const down = performance.now();
    server = serve({ dataDir, port, pgPort });
    await waitReady(port);
    downtimes.push((performance.now() - down) / 1000);
  }
  const rest = o.seconds * 1000 - (performance.now() - t0);
  if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  release();
  const run = await clientRun;
  const seconds = (performance.now() - t0) / 1000;
  const v = await verify(dataDir, prefix, run.accepted);
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
  const line = `kill -9: ${o.concurrency} concurrent keep-alive clients retrying with the same external id, ${seconds.toFixed(0)} s, server killed with SIGKILL ${o.kills}× at random moments and restarted (down ${downtimes.map((d) => `${d.toFixed(1)} s`).join(', ')}): ${run.created.toLocaleString('en')} created (201), ${run.resent} answered 200 on a retry (the report had committed before the kill), ${run.duplicatesAnswered200} of ${run.duplicatesSent} deliberate re-sends of an accepted report answered 200 with the first report, ${run.failedAttempts} failed attempts retried, ${run.rejected} rejected (4xx); answered p99 ${p99.toFixed(0)} ms`;
  return {
    line,
    check: `kill check: ${verdictLine(v)}`,
    ok: v.ok && run.rejected === 0 && run.duplicatesAnswered200 === run.duplicatesSent,
    server,
  };
}

export async function benchIntake(): Promise<void> {
  const short = process.argv.includes('--short');
  const phase = arg('phase');
  const seconds = Number(arg('seconds') ?? (short ? 30 : 300));
  const rate = Number(arg('rate') ?? 1000);
  const connections = Number(arg('connections') ?? 64);
  const killSeconds = Number(arg('kill-seconds') ?? (short ? 40 : 120));
  const webhookSeconds = Number(arg('webhook-seconds') ?? (short ? 15 : 60));
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-bench-intake-'));
  const port = await freePort();
  const pgPort = await freePort();
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    process.stdout.write(`${s}\n`);
  };
  const profile = arg('cpu-prof');
  const env: Record<string, string> = profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}` } : {};
  let server = serve({ dataDir, port, pgPort, demo: true, env });
  let ok = true;
  try {
    await waitReady(port);
    const token = await apiToken(dataDir, 'syt.canbo');
    if (phase === 'load' || phase === undefined) {
      const r = await loadPhase(dataDir, server, port, token, { seconds, rate, connections });
      say(r.line);
      say(r.check);
      ok &&= r.ok;
    }
    if (phase === 'webhook' || phase === undefined) {
      const r = await webhookPhase(dataDir, server, port, { seconds: webhookSeconds, rate, connections });
      say(r.line);
      say(r.check);
      ok &&= r.ok;
    }
    if (phase === 'kill' || phase === undefined) {
      const r = await killPhase(dataDir, port, pgPort, token, server, {
        seconds: killSeconds,
        kills: 3,
        concurrency: 32,
      });
      server = r.server;
      say(r.line);
      say(r.check);
      ok &&= r.ok;
    }
  } finally {
    await stop(server);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  say(`machine: ${machine}`);
  if (process.argv.includes('--write') && !short) await writeSection(machine, lines.slice(0, -1), phase !== undefined);
  if (!ok) process.exitCode = 1;
}

/** The label of a result line (`load:`, `webhook check:` …): a run of one phase replaces only its own lines. */
const labelOf = (line: string) => /^- ([\w -]+):/.exec(line)?.[1];

async function writeSection(machine: string, fresh: string[], onePhase: boolean): Promise<void> {
  const file = path.join(root, 'docs/benchmarks.md');
  const body = await fs.readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  let lines = fresh;
  const old = /## Intake \(issue #6\)[\s\S]*?(?=\n## |$)/.exec(body)?.[0];
  if (onePhase && old) {
    // keep the other phases' lines (measured earlier) in their place
    const byLabel = new Map(fresh.map((l) => [/^([\w -]+):/.exec(l)?.[1], l]));
    const kept = old.split('\n').filter((l) => l.startsWith('- '));
    lines = kept.map((l) => byLabel.get(labelOf(l)) ?? l.slice(2));
    for (const l of fresh) if (!lines.includes(l)) lines.push(l);
  }
  const heading = '## Intake (issue #6)';
  const section = `${heading} — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${machine}; \`canhgac serve\` with the embedded PostgreSQL 18 on a fresh data dir, load from a second process on loopback on the same 2 cores (\`npm run bench -- --only=intake --write\`, \`bench/intake.ts\`).\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
  const marker = /## Intake \(issue #6\)[\s\S]*?(?=\n## |$)/;
  await fs.writeFile(
    file,
    marker.test(body) ? body.replace(marker, `${section.trimEnd()}\n`) : `${body.trimEnd()}\n\n${section}`,
  );
}
