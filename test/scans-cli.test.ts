import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticNessus } from '../bench/scans/nessus-gen.ts';
import { systemWithHosts } from '../src/modules/scans/test-support.ts';
import { systemCtx } from '../src/platform/actor.ts';
import type { Platform } from '../src/platform/platform.ts';
import { makeOrg } from './factories.ts';
import { freshDatabase, testPlatform } from './harness.ts';
import { ROOT, runCli } from './run-cli.ts';

/**
 * `canhgac scans import|findings` as real subprocesses (issue #7 CLI contract): the JSON summary,
 * one `error:` line and nothing written on bad input, and a SIGKILL mid-import leaves nothing.
 */

let db: Awaited<ReturnType<typeof freshDatabase>>;
let platform: Platform;
let dir: string;

const env = () => ({ DATABASE_URL: db.url, CANHGAC_SECRET: 's'.repeat(40), CANHGAC_DATA_DIR: dir });
const cli = (args: string[]) => runCli(args, env());

async function count(table: string): Promise<number> {
  const { rows } = await platform.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

async function written() {
  return { scans: await count('scans'), findings: await count('findings'), events: await count('finding_events') };
}

beforeAll(async () => {
  db = await freshDatabase();
  platform = testPlatform(db.url, { poolSize: 2 });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-scans-cli-'));
  await writeSyntheticNessus(path.join(dir, 'small.nessus'), { hosts: 4, perHost: 5 });
});

afterAll(async () => {
  await platform?.pool.end();
  await db?.drop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('canhgac scans', () => {
  it('import --json prints the contract summary; unmatched hosts listed; the same file again names the first scan', async () => {
    const file = path.join(dir, 'small.nessus');
    const run = await cli(['scans', 'import', file, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      format: 'nessus',
      findings: 20,
      new: 20,
      unchanged: 0,
      reopened: 0,
      fixed: 0,
      suppressed: 0,
      leftOpenNotCovered: 0,
      unmatchedHosts: ['10.0.1.0', '10.0.1.1', '10.0.1.2', '10.0.1.3'],
      duplicateOf: null,
    });
    expect(typeof summary.scanId).toBe('string');
    const again = JSON.parse((await cli(['scans', 'import', file, '--format', 'nessus', '--json'])).stdout);
    expect(again).toMatchObject({ findings: 20, new: 0, unchanged: 20, duplicateOf: summary.scanId });
  });

  it('--system attaches the findings; scans findings lists them as JSON lines', async () => {
    const org = await makeOrg(platform);
    const sys = await systemWithHosts(platform, systemCtx('system:test', platform.clock), org.id, ['192.0.2.200']);
    const run = await cli(['scans', 'import', path.join(dir, 'small.nessus'), '--system', sys.code, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: 20, new: 20, unmatchedHosts: [] });
    const list = await cli(['scans', 'findings', '--system', sys.code, '--json']);
    expect(list.code).toBe(0);
    const lines = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(20);
    expect(Object.keys(lines[0]).sort()).toEqual(
      ['cves', 'fingerprint', 'firstSeen', 'host', 'lastSeen', 'port', 'severity', 'status', 'title'].sort(),
    );
    expect(lines[0]).toMatchObject({ status: 'open', cves: [expect.stringMatching(/^CVE-2024-\d{4}$/)] });
  });

  it('a file truncated at 90 % exits 1 with one error line, prints nothing and writes nothing', async () => {
    const bytes = await fs.readFile(path.join(dir, 'small.nessus'));
    const cut = path.join(dir, 'cut.nessus');
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    const before = await written();
    const run = await cli(['scans', 'import', cut, '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
    expect(await written()).toEqual(before);
  });

  it('usage and unknown content', async () => {
    expect((await cli(['scans', 'import', path.join(dir, 'small.nessus'), '--format', 'pdf'])).code).toBe(2);
    const junk = path.join(dir, 'junk.txt');
    await fs.writeFile(junk, 'hello world\n');
    const run = await cli(['scans', 'import', junk, '--json']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/^error: .+\n$/);
    const missing = await cli(['scans', 'import', path.join(dir, 'nope.nessus')]);
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `error: cannot read ${path.join(dir, 'nope.nessus')}\n`,
    });
  });

  it('a SIGKILL mid-import leaves nothing behind', async () => {
    const big = path.join(dir, 'big.nessus');
    await writeSyntheticNessus(big, { hosts: 400, perHost: 20 });
    const before = await written();
    const { DATABASE_URL: _u, ...inherited } = process.env;
    const child = spawn(process.execPath, ['bin/canhgac.mjs', 'scans', 'import', big, '--json'], {
      cwd: ROOT,
      env: { ...inherited, ...env(), LANG: 'C.UTF-8' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Wait until the import's transaction is streaming rows (its COPY is running).
    let importing = false;
    while (!importing && child.exitCode === null) {
      const { rows } = await platform.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY scan_stage%'`,
      );
      importing = (rows[0]?.n ?? 0) > 0;
      if (!importing) await new Promise((r) => setTimeout(r, 10));
    }
    expect(importing).toBe(true);
    child.kill('SIGKILL');
    await exited;
    // The server notices the lost connection and rolls back; nothing is ever visible.
    for (;;) {
      const { rows } = await platform.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY scan_stage%'`,
      );
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await written()).toEqual(before);
    const { rows } = await platform.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM scans WHERE file_name = 'big.nessus'`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
