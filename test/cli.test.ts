import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/db/database.ts';
import { verifyPassword } from '../src/modules/identity/passwords.ts';
import { buildApp } from '../src/server/app.ts';
import { freshDatabase, testPlatform } from './harness.ts';
import { type CliRun, ROOT, runCli } from './run-cli.ts';

/**
 * The command-line contract, exercised as real subprocesses of `bin/canhgac.mjs` against a private
 * database: exit codes (0 ok, 1 error, 2 usage), one `error: …` line on stderr, effects in the
 * database and the audit trail.
 */

const DEMO_FILE = 'seed/demo-quang-nam-2022.json';
const SECRET = 'x'.repeat(40);
const USERNAME = 'cli.member';
const PASSWORD = 'Chim-lac-bay-qua-song-7';
const NEW_PASSWORD = 'Hoi-An-den-long-dem-rằm-42';

type Run = CliRun;
type Env = Record<string, string | undefined>;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let dataDir: string;
let pool: pg.Pool;
let auditBeforeRefusals = -1;

function cli(args: string[], opts: { stdin?: string; env?: Env } = {}): Promise<Run> {
  return runCli(
    args,
    { DATABASE_URL: db.url, CANHGAC_SECRET: SECRET, CANHGAC_DATA_DIR: dataDir, ...opts.env },
    opts.stdin,
  );
}

/** stderr holds exactly one line, `error: …`; returns it. */
function errorLine(run: Run): string {
  const lines = run.stderr.split('\n');
  if (lines.at(-1) === '') lines.pop();
  expect(lines, `stderr: ${run.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: \S/);
  return lines[0] ?? '';
}

async function userRow(username: string) {
  const r = await pool.query<{ id: string; password_hash: string | null; disabled: boolean; roles: string[] | null }>(
    `SELECT u.id, u.password_hash, u.disabled,
            array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL) AS roles
       FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
      WHERE u.username = $1 GROUP BY u.id`,
    [username],
  );
  return r.rows[0];
}

async function auditCount(): Promise<number> {
  const r = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  return r.rows[0]?.n ?? 0;
}

/** Log in through the real HTTP API (an in-process app on the same database). */
async function loginStatus(username: string, password: string): Promise<number> {
  const platform = testPlatform(db.url, { poolSize: 2, secret: SECRET });
  const { app } = await buildApp(platform);
  try {
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    return res.statusCode;
  } finally {
    await app.close();
    await platform.pool.end();
  }
}

beforeAll(async () => {
  db = await freshDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-cli-test-'));
  pool = createPool(db.url, 3);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('canhgac demo / org list', () => {
  it('demo --file loads the constituency, writes the credentials file 0600 and audits as system:cli', async () => {
    const seed = JSON.parse(await fs.readFile(path.join(ROOT, DEMO_FILE), 'utf8')) as {
      organisations: unknown[];
    };
    const run = await cli(['demo', '--file', DEMO_FILE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${seed.organisations.length} organisations`);

    const creds = await fs.stat(path.join(dataDir, 'initial-credentials.txt'));
    expect(creds.mode & 0o777).toBe(0o600);

    const audit = await pool.query<{ action: string; actor: string; n: number }>(
      'SELECT action, actor, count(*)::int AS n FROM audit_log GROUP BY action, actor',
    );
    expect(audit.rows.length).toBeGreaterThan(0);
    for (const row of audit.rows) expect(row.actor).toBe('system:cli');
    const orgCreates = audit.rows.find((r) => r.action === 'organisation.create');
    expect(orgCreates?.n).toBe(seed.organisations.length);
  });

  it('org list --json prints one JSON object per line with code, name, nameEn and kind', async () => {
    const run = await cli(['org', 'list', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = run.stdout.trimEnd().split('\n');
    const orgs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const inDb = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
    expect(orgs).toHaveLength(inDb.rows[0]?.n ?? -1);
    for (const o of orgs) {
      expect(Object.keys(o)).toEqual(['code', 'name', 'nameEn', 'kind']);
      expect(typeof o.code).toBe('string');
      expect(typeof o.name).toBe('string');
      expect(typeof o.kind).toBe('string');
    }
    const sttt = orgs.find((o) => o.code === 'STTTT-QNA');
    expect(sttt).toMatchObject({
      code: 'STTTT-QNA',
      kind: 'coordinator',
      name: 'Sở Thông tin và Truyền thông tỉnh Quảng Nam',
      nameEn: 'Quang Nam Department of Information and Communications',
    });
    expect(new Set(orgs.map((o) => o.code)).size).toBe(orgs.length);
  });
});

describe('canhgac user create', () => {
  it('creates a user with the password from stdin (argon2id), its roles, and an audit row by system:cli', async () => {
    const run = await cli(
      [
        'user',
        'create',
        '--username',
        USERNAME,
        '--role',
        'member',
        '--role',
        'member-lead',
        '--org',
        'SYT-QNA',
        '--password-stdin',
      ],
      { stdin: `${PASSWORD}\n` },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(USERNAME);

    const user = await userRow(USERNAME);
    expect(user).toBeDefined();
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    // the trailing newline of stdin is not part of the password
    expect(await verifyPassword(user?.password_hash ?? null, PASSWORD)).toBe(true);
    expect(user?.roles).toEqual(['member', 'member-lead']);
    expect(user?.disabled).toBe(false);
    const org = await pool.query<{ code: string }>(
      'SELECT o.code FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.username = $1',
      [USERNAME],
    );
    expect(org.rows[0]?.code).toBe('SYT-QNA');

    const audit = await pool.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'user.create' AND subject_id = $1",
      [user?.id],
    );
    expect(audit.rows).toEqual([{ actor: 'system:cli' }]);

    expect(await loginStatus(USERNAME, PASSWORD)).toBe(200);
  });

  describe.concurrent('refusals: one `error:` line, the right exit code, nothing written', () => {
    beforeAll(async () => {
      auditBeforeRefusals = await auditCount();
    });

    it('duplicate username → exit 1', async () => {
      const run = await cli(
        [
          'user',
          'create',
          '--username',
          USERNAME.toUpperCase(),
          '--role',
          'member',
          '--org',
          'SYT-QNA',
          '--password-stdin',
        ],
        { stdin: 'Another-good-passphrase-1' },
      );
      expect(run.code).toBe(1);
      expect(errorLine(run)).toBe(`error: Username "${USERNAME}" already exists.`);
      expect(await verifyPassword((await userRow(USERNAME))?.password_hash ?? null, PASSWORD)).toBe(true);
    });

    it('unknown role → exit 2', async () => {
      const run = await cli(
        ['user', 'create', '--username', 'cli.boss', '--role', 'overlord', '--org', 'SYT-QNA', '--password-stdin'],
        { stdin: 'Another-good-passphrase-2' },
      );
      expect(run.code).toBe(2);
      expect(errorLine(run)).toMatch(/^error: unknown role overlord/);
      expect(await userRow('cli.boss')).toBeUndefined();
    });

    it('missing required option → exit 2', async () => {
      const run = await cli(['user', 'create', '--username', 'cli.noorg', '--role', 'member', '--password-stdin'], {
        stdin: 'Another-good-passphrase-3',
      });
      expect(run.code).toBe(2);
      expect(errorLine(run)).toMatch(/^error: .*--org/);
      expect(await userRow('cli.noorg')).toBeUndefined();
    });

    it('without --password-stdin → exit 2 (passwords never come from arguments)', async () => {
      const run = await cli(['user', 'create', '--username', 'cli.nopw', '--role', 'member', '--org', 'SYT-QNA']);
      expect(run.code).toBe(2);
      expect(errorLine(run)).toMatch(/^error: --password-stdin is required/);
      expect(await userRow('cli.nopw')).toBeUndefined();
    });

    it('unknown organisation → exit 1', async () => {
      const run = await cli(
        ['user', 'create', '--username', 'cli.orphan', '--role', 'member', '--org', 'NOPE-QNA', '--password-stdin'],
        { stdin: 'Another-good-passphrase-4' },
      );
      expect(run.code).toBe(1);
      expect(errorLine(run)).toBe('error: no organisation with code NOPE-QNA');
      expect(await userRow('cli.orphan')).toBeUndefined();
    });

    it('weak password → exit 1', async () => {
      const run = await cli(
        ['user', 'create', '--username', 'cli.weak', '--role', 'member', '--org', 'SYT-QNA', '--password-stdin'],
        { stdin: 'short\n' },
      );
      expect(run.code).toBe(1);
      expect(errorLine(run)).toBe('error: The password must be at least 12 characters long.');
      expect(await userRow('cli.weak')).toBeUndefined();
    });

    it('reset-password of an unknown user → exit 1', async () => {
      const run = await cli(['user', 'reset-password', '--username', 'nobody.here', '--password-stdin'], {
        stdin: 'Another-good-passphrase-5',
      });
      expect(run.code).toBe(1);
      expect(errorLine(run)).toBe('error: no user named nobody.here');
    });
  });

  it('the refused commands wrote nothing to the audit trail', async () => {
    expect(auditBeforeRefusals).toBeGreaterThan(0);
    expect(await auditCount()).toBe(auditBeforeRefusals);
  });
});

describe('canhgac org merge', () => {
  it('merges an organisation into its successor and moves its users (audited by system:cli)', async () => {
    const before = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE o.code = 'ANM-DEMO1'",
    );
    const run = await cli(['org', 'merge', '--code', 'ANM-DEMO1', '--into', 'ANM-DEMO2', '--date', '2025-07-01']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/ANM-DEMO1 merged into ANM-DEMO2/);
    const org = await pool.query(
      "SELECT o.active, o.valid_to::text AS valid_to, s.code AS successor FROM organisations o JOIN organisations s ON s.id = o.successor_id WHERE o.code = 'ANM-DEMO1'",
    );
    expect(org.rows[0]).toEqual({ active: false, valid_to: '2025-07-01', successor: 'ANM-DEMO2' });
    const left = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE o.code = 'ANM-DEMO1'",
    );
    expect(left.rows[0]?.n).toBe(0);
    expect(before.rows[0]?.n).toBeGreaterThan(0);
    const audit = await pool.query("SELECT actor FROM audit_log WHERE action = 'organisation.merge'");
    expect(audit.rows).toEqual([{ actor: 'system:cli' }]);
  });

  it('refuses an unknown successor (exit 1) and a malformed date (exit 2)', async () => {
    const unknown = await cli(['org', 'merge', '--code', 'ANM-DEMO2', '--into', 'NOPE-QNA', '--date', '2025-07-01']);
    expect(unknown.code).toBe(1);
    expect(errorLine(unknown)).toBe('error: no organisation with code NOPE-QNA');
    const bad = await cli(['org', 'merge', '--code', 'ANM-DEMO2', '--into', 'SYT-QNA', '--date', 'soon']);
    expect(bad.code).toBe(2);
  });
});

describe('canhgac user reset-password / disable', () => {
  it('reset-password sets the new password from stdin and audits user.reset_password by system:cli', async () => {
    const before = await userRow(USERNAME);
    const run = await cli(['user', 'reset-password', '--username', USERNAME, '--password-stdin'], {
      stdin: `${NEW_PASSWORD}\n`,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = await userRow(USERNAME);
    expect(after?.password_hash).toMatch(/^\$argon2id\$/);
    expect(after?.password_hash).not.toBe(before?.password_hash);
    expect(await verifyPassword(after?.password_hash ?? null, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after?.password_hash ?? null, PASSWORD)).toBe(false);
    const audit = await pool.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'user.reset_password' AND subject_id = $1",
      [after?.id],
    );
    expect(audit.rows).toEqual([{ actor: 'system:cli' }]);
    expect(await loginStatus(USERNAME, NEW_PASSWORD)).toBe(200);
  });

  it('disable sets disabled=true, audits user.disable by system:cli, and the user can no longer log in', async () => {
    const run = await cli(['user', 'disable', '--username', USERNAME]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const user = await userRow(USERNAME);
    expect(user?.disabled).toBe(true);
    const audit = await pool.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'user.disable' AND subject_id = $1",
      [user?.id],
    );
    expect(audit.rows).toEqual([{ actor: 'system:cli' }]);
    expect(await loginStatus(USERNAME, NEW_PASSWORD)).not.toBe(200);
  });

  it('every audit entry in this database, bar the test’s own HTTP logins, was written by system:cli', async () => {
    const actors = await pool.query<{ actor: string }>(
      "SELECT DISTINCT actor FROM audit_log WHERE action NOT LIKE 'auth.%'",
    );
    expect(actors.rows).toEqual([{ actor: 'system:cli' }]);
  });
});

describe('canhgac audit verify', () => {
  it('--seal seals every entry and reports the chain intact', async () => {
    const total = await auditCount();
    const run = await cli(['audit', 'verify', '--seal']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`audit chain intact: ${total} sealed entries, 0 awaiting sealing\n`);
    const unsealed = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL');
    expect(unsealed.rows[0]?.n).toBe(0);
  });

  it('an edited entry breaks the chain: exit 1, one stderr line naming seq 2', async () => {
    const edited = await pool.query("UPDATE audit_log SET action = 'forged' WHERE seq = 2");
    expect(edited.rowCount).toBe(1);
    const run = await cli(['audit', 'verify']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('intact');
    expect(errorLine(run)).toMatch(/^error: audit chain broken at seq 2\b/);

    const json = await cli(['audit', 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'hash-mismatch' } });
    expect(errorLine(json)).toContain('seq 2');
  });
});

describe.concurrent('canhgac configuration and usage errors', () => {
  it('DATABASE_URL without CANHGAC_SECRET → exit 1 with one error line', async () => {
    const run = await cli(['org', 'list'], { env: { CANHGAC_SECRET: undefined } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(errorLine(run)).toMatch(/^error: CANHGAC_SECRET is required/);
  });

  it('a too-short CANHGAC_SECRET → exit 1, naming the variable', async () => {
    const run = await cli(['org', 'list'], { env: { CANHGAC_SECRET: 'short' } });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/^error: invalid configuration CANHGAC_SECRET/);
  });

  it('unknown command → exit 2', async () => {
    const run = await cli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(errorLine(run)).toMatch(/^error: unknown command 'frobnicate'/);
  });

  it('unknown subcommand option → exit 2', async () => {
    const run = await cli(['org', 'list', '--bogus']);
    expect(run.code).toBe(2);
    expect(errorLine(run)).toMatch(/^error: unknown option '--bogus'/);
  });
});
