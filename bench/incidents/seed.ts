import type pg from 'pg';
import { DEPARTMENTS, SYSTEMS, TASK_TITLES, TITLES } from './vocabulary.ts';

export type Scale = { incidents: number; reports: number; tasks: number; observables: number; organisations: number };

export const FULL_SCALE: Scale = {
  incidents: 1_000_000,
  reports: 2_000_000,
  tasks: 3_000_000,
  observables: 5_000_000,
  organisations: 300,
};

/** The tables the seed fills; their secondary indexes are dropped while loading and built afterwards. */
const LOADED = [
  'incidents',
  'incident_organisations',
  'incident_members',
  'reports',
  'incident_tasks',
  'incident_observables',
];

const ROLLUPS = ['incident_daily_counts', 'incident_open_counts', 'incident_open_task_counts'];

export type SeedTimings = { step: string; seconds: number }[];

/**
 * Set-based load (INSERT … SELECT generate_series) of a synthetic constituency's incident history:
 * three years, numbered in time order, newest mostly open, older mostly closed. Every "random" value
 * is a hash of the row number, so two runs produce the same data.
 */
export async function seedIncidents(
  pool: pg.Pool,
  scale: Scale,
  people: { responderIds: string[]; memberUserId: string; memberOrgId: string },
  orgIds: string[],
): Promise<SeedTimings> {
  const timings: SeedTimings = [];
  const c = await pool.connect();
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const t0 = performance.now();
    await c.query(text, values);
    timings.push({ step: name, seconds: (performance.now() - t0) / 1000 });
  };
  try {
    // Foreign keys are known good by construction: skip their per-row triggers while loading.
    await c.query("SET session_replication_role = 'replica'");
    await c.query("SET maintenance_work_mem = '1GB'");
    await c.query("SET work_mem = '256MB'");
    await c.query('SET synchronous_commit = off');
    await c.query('SET max_parallel_maintenance_workers = 2');
    const defs = await c.query<{ indexdef: string; indexname: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      [LOADED],
    );
    for (const d of defs.rows) await c.query(`DROP INDEX "${d.indexname}"`);
    await c.query(`
      CREATE FUNCTION pg_temp.u(n bigint, salt int) RETURNS float8 IMMUTABLE LANGUAGE sql
      AS $$ SELECT (hashint8(n * 131 + salt) & 2147483647)::float8 / 2147483648 $$`);

    await step(
      'incidents (staging)',
      `CREATE UNLOGGED TABLE bench_inc AS
       WITH p AS (SELECT $1::int AS total, now() - interval '1095 days' AS t0,
                         $2::uuid[] AS orgs, $3::uuid[] AS leads, $4::jsonb AS titles,
                         $5::text[] AS systems, $6::text[] AS departments)
       SELECT n, md5('i' || n)::uuid AS id, c, age,
         p.orgs[1 + floor(pg_temp.u(n, 1) ^ 2 * array_length(p.orgs, 1))::int] AS org,
         (ARRAY['malware','malware','malware','spoofing','spoofing','spoofing','defacement','defacement',
                'denial-of-service','unauthorised-access','unauthorised-access','encryption','encryption',
                'personal-data-leak','destruction','espionage','combined','other'])[1 + floor(pg_temp.u(n, 2) * 18)::int] AS type,
         CASE WHEN age < 45 THEN
           CASE WHEN pg_temp.u(n,3) < .15 THEN 'new' WHEN pg_temp.u(n,3) < .30 THEN 'triage'
                WHEN pg_temp.u(n,3) < .50 THEN 'containment' WHEN pg_temp.u(n,3) < .60 THEN 'eradication'
                WHEN pg_temp.u(n,3) < .70 THEN 'recovery' WHEN pg_temp.u(n,3) < .85 THEN 'resolved'
                WHEN pg_temp.u(n,3) < .95 THEN 'closed' WHEN pg_temp.u(n,3) < .98 THEN 'rejected' ELSE 'duplicate' END
         ELSE
           CASE WHEN pg_temp.u(n,3) < .85 THEN 'closed' WHEN pg_temp.u(n,3) < .88 THEN 'resolved'
                WHEN pg_temp.u(n,3) < .94 THEN 'rejected' WHEN pg_temp.u(n,3) < .98 THEN 'duplicate'
                WHEN pg_temp.u(n,3) < .99 THEN 'containment' ELSE 'recovery' END
         END AS status,
         CASE WHEN pg_temp.u(n,4) < .30 THEN 'low' WHEN pg_temp.u(n,4) < .75 THEN 'medium'
              WHEN pg_temp.u(n,4) < .95 THEN 'high' ELSE 'critical' END AS severity,
         CASE WHEN pg_temp.u(n,5) < .55 THEN 'amber' WHEN pg_temp.u(n,5) < .85 THEN 'green'
              WHEN pg_temp.u(n,5) < .92 THEN 'amber+strict' WHEN pg_temp.u(n,5) < .97 THEN 'clear' ELSE 'red' END AS tlp,
         CASE WHEN pg_temp.u(n,6) < .9 THEN p.leads[1 + floor(pg_temp.u(n,7) * array_length(p.leads,1))::int] END AS lead,
         floor(pg_temp.u(n, 8) * 3)::int AS phrase,
         p.systems[1 + floor(pg_temp.u(n, 9) * array_length(p.systems, 1))::int] AS system,
         p.departments[1 + floor(pg_temp.u(n, 10) * array_length(p.departments, 1))::int] AS department,
         p.titles
       FROM p, generate_series(1, (SELECT total FROM p)) AS n,
         LATERAL (SELECT p.t0 + (n::float8 / p.total) * interval '1095 days'
                        + (pg_temp.u(n, 11) * 120) * interval '1 minute' AS c) AS t,
         LATERAL (SELECT extract(epoch FROM now() - t.c) / 86400 AS age) AS a`,
      [scale.incidents, orgIds, people.responderIds, JSON.stringify(TITLES), SYSTEMS, DEPARTMENTS],
    );
    await c.query('ALTER TABLE bench_inc ADD PRIMARY KEY (n)');
    await step(
      'incidents',
      `INSERT INTO incidents (id, number, title, description, type_code, severity, status, tlp, pap, organisation_id,
         lead_user_id, serious, detected_at, occurred_at, reported_at, triaged_at, resolved_at, closed_at,
         created_by, created_at, updated_at)
       SELECT id, 'SC-' || to_char(c AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(n::text, 7, '0'),
         (titles -> type ->> phrase) || ' tại ' || system || ' của ' || department,
         'Phát hiện ' || lower(titles -> type ->> phrase) || ' trên ' || system || '; đơn vị đã cô lập máy chủ, '
           || 'thu thập nhật ký và báo cáo theo Thông tư 20/2017/TT-BTTTT. Địa chỉ nguồn 203.0.113.' || (n % 250),
         type, severity, status, tlp, CASE WHEN tlp = 'red' THEN 'red' ELSE 'amber' END, org, lead,
         CASE WHEN severity = 'critical' THEN 'serious' WHEN severity = 'high' THEN 'undetermined' ELSE 'not-serious' END,
         c - interval '3 hours', c - interval '5 hours', c,
         CASE WHEN status <> 'new' THEN c + (30 + n % 600) * interval '1 minute' END,
         CASE WHEN status IN ('resolved', 'closed') THEN c + (1 + n % 14) * interval '1 day' END,
         CASE WHEN status = 'closed' THEN c + (3 + n % 20) * interval '1 day' END,
         lead, c, c + interval '1 day'
       FROM bench_inc`,
    );
    await step(
      'incident_organisations',
      `INSERT INTO incident_organisations (incident_id, organisation_id, relation)
       SELECT id, org, 'affected' FROM bench_inc
       UNION ALL
       SELECT id, orgs[1 + (n * 7 % array_length(orgs, 1))], 'reporting'
       FROM bench_inc, (SELECT $1::uuid[] AS orgs) o
       WHERE pg_temp.u(n, 12) < .15 AND orgs[1 + (n * 7 % array_length(orgs, 1))] <> org`,
      [orgIds],
    );
    await step(
      'incident_members',
      `INSERT INTO incident_members (incident_id, user_id, role)
       SELECT id, lead, 'lead' FROM bench_inc WHERE lead IS NOT NULL
       UNION ALL
       SELECT id, $1::uuid, 'named' FROM bench_inc WHERE tlp = 'red' AND org = $2::uuid`,
      [people.memberUserId, people.memberOrgId],
    );
    await step(
      'reports',
      `INSERT INTO reports (id, tracking_no, source, channel_key, reporter_org_id, reporter_name, reporter_email, title, description,
         detected_at, detection_method, handling_state, tlp, status, incident_id, triaged_by, triaged_at, received_at,
         acknowledged_at)
       SELECT md5('r' || i)::uuid, 'BC-' || lpad(i::text, 8, '0'),
         (ARRAY['member-form','member-form','api','email','siem','partner'])[1 + i % 6], b.org::text,
         b.org, 'Cán bộ trực ' || b.department, 'truc' || (i % 997) || '@example.gov.vn',
         (b.titles -> b.type ->> b.phrase) || ' tại ' || b.system,
         'Hệ thống giám sát ghi nhận ' || lower(b.titles -> b.type ->> b.phrase) || ' trên ' || b.system
           || ' lúc ' || to_char(b.c AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI DD/MM/YYYY') || '.',
         b.c - interval '3 hours', (ARRAY['ids','log','notified','other'])[1 + i % 4],
         CASE WHEN i % 3 = 0 THEN 'handled' ELSE 'not-yet' END, b.tlp,
         CASE WHEN i > $2 - 2000 THEN 'new' WHEN i > $1 AND i % 50 = 0 THEN 'duplicate' ELSE 'accepted' END,
         CASE WHEN i > $2 - 2000 THEN NULL ELSE b.id END,
         CASE WHEN i > $2 - 2000 THEN NULL ELSE b.lead END,
         CASE WHEN i > $2 - 2000 THEN NULL ELSE b.c + interval '30 minutes' END,
         b.c - (i % 90) * interval '1 minute', b.c - (i % 90) * interval '1 minute' + interval '5 seconds'
       FROM generate_series(1, $2::int) AS i
       JOIN bench_inc b ON b.n = CASE WHEN i <= $1 THEN i ELSE 1 + floor(pg_temp.u(i, 13) * $1)::int END`,
      [scale.incidents, scale.reports],
    );
    await step(
      'incident_tasks',
      `INSERT INTO incident_tasks (id, incident_id, title, description, phase, status, assignee_user_id, due_at,
         position, completed_at, completed_by, created_at, updated_at)
       SELECT md5('t' || i)::uuid, b.id, t.titles[1 + ((i - 1) / $1) % array_length(t.titles, 1)], '',
         (ARRAY['identification','containment','eradication','recovery','lessons'])[1 + ((i - 1) / $1) % 5],
         CASE WHEN b.status IN ('closed','resolved','rejected','duplicate') THEN 'done'
              WHEN pg_temp.u(i, 14) < .4 THEN 'open' WHEN pg_temp.u(i, 14) < .7 THEN 'in-progress' ELSE 'done' END,
         b.lead, b.c + (1 + (i - 1) / $1) * interval '2 days', ((i - 1) / $1)::int,
         CASE WHEN b.status IN ('closed','resolved','rejected','duplicate') THEN b.c + interval '1 day' END,
         CASE WHEN b.status IN ('closed','resolved','rejected','duplicate') THEN b.lead END,
         b.c, b.c
       FROM generate_series(1, $2::int) AS i, (SELECT $3::text[] AS titles) t, bench_inc b
       WHERE b.n = 1 + (i - 1) % $1`,
      [scale.incidents, scale.tasks, TASK_TITLES],
    );
    await step(
      'incident_observables',
      `INSERT INTO incident_observables (id, incident_id, type, value, is_ioc, tlp, first_seen_at, created_by, created_at)
       SELECT md5('o' || i)::uuid, b.id, o.type,
         CASE o.type
           WHEN 'ipv4' THEN '198.51.' || (o.j / 256 % 256) || '.' || (o.j % 256)
           WHEN 'ipv6' THEN '2001:db8::' || to_hex(o.j)
           WHEN 'cidr' THEN '10.' || (o.j / 256 % 256) || '.' || (o.j % 256) || '.0/24'
           WHEN 'domain' THEN 'mien-' || o.j || '.example.vn'
           WHEN 'url' THEN 'http://mien-' || o.j || '.example.vn/dang-nhap'
           WHEN 'email' THEN 'lua-dao-' || o.j || '@example.com'
           WHEN 'md5' THEN md5('x' || o.j)
           WHEN 'sha1' THEN md5('y' || o.j) || left(md5('z' || o.j), 8)
           WHEN 'sha256' THEN md5('a' || o.j) || md5('b' || o.j)
           WHEN 'sha512' THEN md5('a' || o.j) || md5('b' || o.j) || md5('c' || o.j) || md5('d' || o.j)
           WHEN 'filename' THEN 'hoa-don-' || o.j || '.exe'
           WHEN 'cve' THEN 'CVE-2024-' || (1000 + o.j % 50000)
           ELSE 'user' || o.j
         END,
         o.type NOT IN ('cve', 'account'), CASE WHEN b.tlp = 'red' THEN 'red' ELSE 'amber' END,
         b.c, b.lead, b.c
       FROM generate_series(1, $2::int) AS i
       JOIN bench_inc b ON b.n = 1 + (i - 1) % $1
       CROSS JOIN LATERAL (SELECT
         (ARRAY['ipv4','sha512','domain','url','sha256','md5','email','filename','ipv6','cidr','sha1','cve','account'])
           [1 + (b.n + (i - 1) / $1) % 13] AS type,
         floor(pg_temp.u(i, 15) ^ 2 * 200000)::int AS j) AS o`,
      [scale.incidents, scale.observables],
    );
    await c.query("SELECT setval('incident_number_seq', $1)", [scale.incidents]);
    await c.query("SELECT setval('report_number_seq', $1)", [scale.reports]);
    await c.query('DROP TABLE bench_inc');
    const t0 = performance.now();
    for (const d of defs.rows) await c.query(d.indexdef);
    timings.push({ step: `indexes (${defs.rows.length})`, seconds: (performance.now() - t0) / 1000 });
    await c.query("SET session_replication_role = 'origin'");
    // The load skipped the triggers that keep the dashboard's roll-ups: compute them once (migration 0021).
    await step('dashboard roll-ups', 'SELECT canhgac_dashboard_rebuild()');
    await step('VACUUM ANALYZE', `VACUUM (ANALYZE) ${[...LOADED, ...ROLLUPS].join(', ')}`);
    return timings;
  } finally {
    c.release();
  }
}
