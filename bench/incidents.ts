// Incident case management at scale (issue #5): 1M incidents (2M reports, 3M tasks, 5M observables,
// 300 organisations) in a fresh embedded PostgreSQL, then the list and the dashboard end to end
// through HTTP, as a responder and as a member.
// Usage: npm run bench -- --only=incidents [--write] [--scale=0.01] [--incidents-dir=/tmp/x (kept, reused)]
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createDb, createPool } from '../src/db/database.ts';
import { createOrganisation } from '../src/modules/constituency/commands/save-organisation.ts';
import { createUser } from '../src/modules/identity/commands/create-user.ts';
import { systemCtx } from '../src/platform/actor.ts';
import { freePort } from '../src/platform/net.ts';
import type { Platform } from '../src/platform/platform.ts';
import { startPlatform } from '../src/platform/start-platform.ts';
import { buildApp } from '../src/server/app.ts';
import { login, type Measured, measure } from './incidents/measure.ts';
import { machineLine, resultTable, seedLines, writeIncidentsSection } from './incidents/report.ts';
import { FULL_SCALE, type Scale, type SeedTimings, seedIncidents } from './incidents/seed.ts';

const root = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-Incidents-2026-pass';

type Setup = {
  scale: Scale;
  timings: SeedTimings;
  orgIds: string[];
  responder: string;
  member: string;
  memberOrgId: string;
};

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function scaled(factor: number): Scale {
  const n = (v: number) => Math.max(1, Math.round(v * factor));
  return {
    incidents: n(FULL_SCALE.incidents),
    reports: n(FULL_SCALE.reports),
    tasks: n(FULL_SCALE.tasks),
    observables: n(FULL_SCALE.observables),
    organisations: FULL_SCALE.organisations,
  };
}

async function setUp(platform: Platform, scale: Scale): Promise<Setup> {
  const ctx = systemCtx('system:bench', platform.clock);
  await platform.pool.query(
    `INSERT INTO organisations (code, name, name_en, kind)
     SELECT 'BENCH-' || lpad(g::text, 3, '0'),
       (ARRAY['Sở', 'UBND huyện', 'Bệnh viện', 'Trường', 'Trung tâm'])[1 + g % 5] || ' thử nghiệm số ' || g,
       'Bench organisation ' || g, 'member'
     FROM generate_series(1, $1::int) AS g`,
    [scale.organisations],
  );
  const orgs = await platform.pool.query<{ id: string }>(
    "SELECT id FROM organisations WHERE code LIKE 'BENCH-%' ORDER BY code",
  );
  const orgIds = orgs.rows.map((r) => r.id);
  const csirt = await createOrganisation(platform.db, ctx, {
    code: 'BENCH-CSIRT',
    name: 'Đội ứng cứu sự cố tỉnh (thử nghiệm)',
    nameEn: 'Provincial CSIRT (bench)',
    kind: 'coordinator',
  });
  const responderIds: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const u = await createUser(platform.db, ctx, {
      username: `responder${i}`,
      displayName: `Cán bộ ứng cứu ${i}`,
      organisationId: csirt.id,
      roles: ['responder'],
      password: PASSWORD,
    });
    responderIds.push(u.id);
  }
  const memberOrgId = orgIds[0] ?? '';
  const member = await createUser(platform.db, ctx, {
    username: 'member1',
    displayName: 'Cán bộ đơn vị 1',
    organisationId: memberOrgId,
    roles: ['member'],
    password: PASSWORD,
  });
  const timings = await seedIncidents(
    platform.pool,
    scale,
    { responderIds, memberUserId: member.id, memberOrgId },
    orgIds,
  );
  return { scale, timings, orgIds, responder: 'responder1', member: 'member1', memberOrgId };
}

/** Logs the plan of every statement slower than 50 ms to pg.log (the data dir). */
async function enableAutoExplain(platform: Platform): Promise<void> {
  await platform.pool.query("ALTER SYSTEM SET session_preload_libraries = 'auto_explain'");
  await platform.pool.query("ALTER SYSTEM SET auto_explain.log_min_duration = '50ms'");
  await platform.pool.query('ALTER SYSTEM SET auto_explain.log_analyze = on');
  await platform.pool.query('ALTER SYSTEM SET auto_explain.log_buffers = on');
  await platform.pool.query('SELECT pg_reload_conf()');
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Who = 'responder' | 'member' | 'small-org member';

/** A member of the smallest organisation (its incidents are ~0.2 % of all): the list cannot just walk the newest rows. */
async function smallOrgMember(platform: Platform, setup: Setup): Promise<string> {
  const username = 'member2';
  const found = await platform.pool.query('SELECT 1 FROM users WHERE username = $1', [username]);
  if (found.rowCount) return username;
  await createUser(platform.db, systemCtx('system:bench', platform.clock), {
    username,
    displayName: 'Cán bộ đơn vị nhỏ',
    organisationId: setup.orgIds.at(-1) ?? '',
    roles: ['member'],
    password: PASSWORD,
  });
  return username;
}

function scenarios(setup: Setup): { name: string; who: Who; url: string; samples?: number }[] {
  const day = 86_400_000;
  const now = Date.now();
  const open = 'new,triage,containment,eradication,recovery';
  const midOrg = setup.orgIds[Math.floor(setup.orgIds.length / 2)];
  const q = encodeURIComponent('ma doc tong tien');
  return [
    { name: 'list, first page', who: 'responder', url: '/api/incidents' },
    { name: 'list, open states', who: 'responder', url: `/api/incidents?status=${open}` },
    { name: 'list, critical', who: 'responder', url: '/api/incidents?severity=critical' },
    { name: 'list, one organisation', who: 'responder', url: `/api/incidents?organisationId=${midOrg}` },
    { name: 'list, text search', who: 'responder', url: `/api/incidents?q=${q}` },
    {
      name: 'list, type + dates',
      who: 'responder',
      url: `/api/incidents?typeCode=encryption&from=${isoDay(new Date(now - 400 * day))}&to=${isoDay(new Date(now - 310 * day))}`,
    },
    { name: 'list, first page', who: 'member', url: '/api/incidents' },
    { name: 'list, open states', who: 'member', url: `/api/incidents?status=${open}` },
    { name: 'list, text search', who: 'member', url: `/api/incidents?q=${q}` },
    { name: 'list, first page', who: 'small-org member', url: '/api/incidents' },
    { name: 'list, text search', who: 'small-org member', url: `/api/incidents?q=${q}` },
    { name: 'dashboard', who: 'responder', url: '/api/incidents/dashboard', samples: 10 },
    { name: 'dashboard', who: 'member', url: '/api/incidents/dashboard', samples: 10 },
  ];
}

async function sizes(platform: Platform): Promise<string> {
  const r = await platform.pool.query<{ db: string; incidents: string }>(
    `SELECT pg_size_pretty(pg_database_size(current_database())) AS db,
            pg_size_pretty(pg_total_relation_size('incidents')) AS incidents`,
  );
  return `${r.rows[0]?.db} (incidents table with its indexes ${r.rows[0]?.incidents})`;
}

export async function benchIncidents(): Promise<void> {
  const keep = arg('incidents-dir');
  const factor = Number(arg('scale') ?? '1');
  const dataDir = keep ? path.resolve(keep) : await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-bench-inc-'));
  const marker = path.join(dataDir, 'bench-seed.json');
  const config = loadConfig({
    CANHGAC_DATA_DIR: dataDir,
    CANHGAC_EMBEDDED_PG_PORT: String(await freePort()),
    CANHGAC_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    CANHGAC_LOG_LEVEL: 'warn',
    CANHGAC_WORKERS: 'false',
  });
  const running = await startPlatform(config, { log: pino({ level: 'warn' }), poolSize: 10 });
  const { platform } = running;
  try {
    const previous = await fs.readFile(marker, 'utf8').catch(() => undefined);
    let setup: Setup;
    if (previous) {
      setup = JSON.parse(previous) as Setup;
      process.stdout.write(`reusing the seeded data in ${dataDir}\n`);
    } else {
      process.stdout.write(`seeding in ${dataDir} …\n`);
      setup = await setUp(platform, scaled(factor));
      await fs.writeFile(marker, JSON.stringify(setup));
    }
    const seed = seedLines(setup.scale, setup.timings, await sizes(platform));
    process.stdout.write(`${seed}\n`);
    await enableAutoExplain(platform);

    // A new pool: its connections start after auto_explain is configured.
    const pool = createPool(running.databaseUrl, 10);
    const { app } = await buildApp({ ...platform, pool, db: createDb(pool) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const sessions = {
      responder: await login(base, setup.responder, PASSWORD),
      member: await login(base, setup.member, PASSWORD),
      'small-org member': await login(base, await smallOrgMember(platform, setup), PASSWORD),
    };
    const results: Measured[] = [];
    for (const s of scenarios(setup)) {
      const r = await measure(base, sessions[s.who], s.name, s.who, s.url, {
        samples: s.samples ?? 30,
        warmup: s.samples ? 2 : 5,
      });
      results.push(r);
      process.stdout.write(
        `${s.name.padEnd(24)} ${s.who.padEnd(16)} ${String(r.status).padEnd(4)} rows ${String(r.rows ?? '–').padEnd(3)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  max ${r.max.toFixed(1)} ms\n`,
      );
    }
    await app.close();
    await pool.end();
    const table = resultTable(results);
    process.stdout.write(
      `\n${table}\n\nmachine: ${machineLine()}\nslow-statement plans (> 50 ms): ${dataDir}/pg.log\n`,
    );
    if (process.argv.includes('--write')) {
      const heading = '## Incidents (issue #5)';
      await writeIncidentsSection(
        root,
        `${heading} — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${machineLine()}; embedded PostgreSQL 18 (shared_buffers 64 MB, as shipped). The app runs in-process (buildApp) and is measured through HTTP on loopback with a session cookie: sequential GETs, default page size (20); lists 5 warm-up then 30 measured, the dashboard 2 then 10, and any request slower than 2 s only 5 times (column “samples”). The machine was shared with four other developers' test runs (load average 2–13 during the runs), so absolute numbers are pessimistic. Goals: list p95 ≤ 100 ms, dashboard ≤ 500 ms.\n\n${seed}\n\n${table}\n`,
      );
    }
  } finally {
    await running.close();
    if (!keep) await fs.rm(dataDir, { recursive: true, force: true });
  }
}
