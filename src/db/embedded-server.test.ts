import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from '../../test/run-cli.ts';
import { freePort } from '../platform/net.ts';
import { type EmbeddedServer, openEmbeddedServer } from './embedded-server.ts';

/**
 * The embedded PostgreSQL supervisor, against real binaries from npm (runs everywhere, whatever
 * database the rest of the suite uses): UTF-8 cluster, the data dir lock shared between processes,
 * stop/restart keeping the data, private files, and the CLI starting and stopping its own server.
 */

const tempDirs: string[] = [];
const servers: EmbeddedServer[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function open(dataDir: string, port: number): Promise<EmbeddedServer> {
  const server = await openEmbeddedServer({ dataDir, port, portFallback: true });
  servers.push(server);
  return server;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

async function mode(p: string): Promise<number> {
  return (await fs.stat(p)).mode & 0o777;
}

type Run = CliRun;

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return runCli(args, env);
}

afterAll(async () => {
  for (const s of servers.reverse()) await s.stop().catch(() => undefined);
  for (const d of tempDirs) await fs.rm(d, { recursive: true, force: true });
});

describe('openEmbeddedServer', () => {
  it('starts a UTF-8 server, shares it through the data dir lock, and restarts with its data', async () => {
    const dataDir = await tempDir('canhgac-embedded-');
    const requested = await freePort();
    const first = await open(dataDir, requested);
    expect(first.owned).toBe(true);
    expect(first.port).toBe(requested);
    expect(first.url).toContain(`127.0.0.1:${first.port}/`);

    // UTF-8 and Vietnamese diacritics folding
    expect(await query<{ server_encoding: string }>(first.url, 'SHOW server_encoding')).toEqual([
      { server_encoding: 'UTF8' },
    ]);
    await query(first.url, 'CREATE EXTENSION IF NOT EXISTS unaccent');
    const [folded] = await query<{ folded: string; encoding: string }>(
      first.url,
      `SELECT unaccent('Sở Thông tin') AS folded, pg_encoding_to_char(encoding) AS encoding
         FROM pg_database WHERE datname = current_database()`,
    );
    expect(folded).toEqual({ folded: 'So Thong tin', encoding: 'UTF8' });
    await query(first.url, "CREATE TABLE survives_restart (note text); INSERT INTO survives_restart VALUES ('Hội An')");

    // the runtime file records where the server listens, and who runs it
    const runtime = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded-pg.json'), 'utf8')) as {
      port: number;
      pid: number;
    };
    expect(runtime.port).toBe(first.port);
    expect(runtime.pid).toBe(process.pid);

    // private files
    expect(await mode(path.join(dataDir, 'pg-password'))).toBe(0o600);
    expect(await mode(path.join(dataDir, 'embedded-pg.json'))).toBe(0o600);
    // the data dir: neither readable nor writable by others (as root, traversable by `postgres`)
    expect((await mode(dataDir)) & 0o066).toBe(0);

    // a second open while the first runs: the lock is held, so it borrows the running server
    const second = await open(dataDir, await freePort());
    expect(second.owned).toBe(false);
    expect(second.port).toBe(first.port);
    expect(await query<{ note: string }>(second.url, 'SELECT note FROM survives_restart')).toEqual([
      { note: 'Hội An' },
    ]);
    // a borrower's stop() leaves the owner's server alone
    await second.stop();
    expect(await accepts(first.port)).toBe(true);
    expect(await exists(path.join(dataDir, 'embedded-pg.json'))).toBe(true);

    // stop: the server goes away, so does the runtime file, and the lock is released
    await first.stop();
    expect(await exists(path.join(dataDir, 'embedded-pg.json'))).toBe(false);
    expect(await exists(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(await accepts(first.port)).toBe(false);

    // a new open starts it again on the same cluster: the data is still there
    const third = await open(dataDir, await freePort());
    expect(third.owned).toBe(true);
    expect(await query<{ note: string }>(third.url, 'SELECT note FROM survives_restart')).toEqual([{ note: 'Hội An' }]);
    const again = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded-pg.json'), 'utf8')) as { port: number };
    expect(again.port).toBe(third.port);
    await third.stop();
    expect(await exists(path.join(dataDir, 'embedded-pg.json'))).toBe(false);
  });

  it('an open while another is still starting the server waits for it and borrows it', async () => {
    const dataDir = await tempDir('canhgac-embedded-race-');
    // allSettled: whatever happens, both are registered for afterAll before the test can fail
    const [first, late] = await Promise.allSettled([
      open(dataDir, await freePort()),
      // starts once the first holds the lock but long before its server (initdb, start) is up
      new Promise((resolve) => setTimeout(resolve, 100)).then(async () => open(dataDir, await freePort())),
    ]);
    if (first.status === 'rejected') throw first.reason;
    if (late.status === 'rejected') throw late.reason;
    const a = first.value;
    const b = late.value;
    expect([a.owned, b.owned]).toEqual([true, false]);
    expect(b.port).toBe(a.port);
    // the borrower can use the application database straight away
    expect(await query<{ db: string }>(b.url, 'SELECT current_database() AS db')).toEqual([{ db: 'canhgac' }]);
    await a.stop();
  });

  it('falls back to a free port when the requested one is taken (portFallback)', async () => {
    const dataDir = await tempDir('canhgac-embedded-port-');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const addr = blocker.address();
    const taken = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      await expect(openEmbeddedServer({ dataDir, port: taken })).rejects.toThrow(/in use/);
      const server = await open(dataDir, taken);
      expect(server.owned).toBe(true);
      expect(server.port).not.toBe(taken);
      expect(await query<{ one: number }>(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await server.stop();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

describe('the CLI on the embedded server (no DATABASE_URL)', () => {
  // Three CLI processes each start (initdb once) and stop a server: minutes on a loaded 2-core machine.
  it('demo then org list --json, each starting and stopping its own server; borrows a running one', {
    timeout: 180_000,
  }, async () => {
    const dataDir = await tempDir('canhgac-embedded-cli-');
    const port = await freePort();
    const env = { CANHGAC_DATA_DIR: dataDir, CANHGAC_EMBEDDED_PG_PORT: String(port) };

    const demo = await cli(['demo'], env);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/\d+ organisations, \d+ users added/);
    // the CLI stopped the server it started
    expect(await exists(path.join(dataDir, 'embedded-pg.json'))).toBe(false);
    expect(await exists(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(await accepts(port)).toBe(false);
    // the generated master secret and the database password are private
    expect(await mode(path.join(dataDir, 'secret'))).toBe(0o600);
    expect(await mode(path.join(dataDir, 'pg-password'))).toBe(0o600);
    expect(await mode(path.join(dataDir, 'initial-credentials.txt'))).toBe(0o600);
    const secret = await fs.readFile(path.join(dataDir, 'secret'), 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);

    const list = await cli(['org', 'list', '--json'], env);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    const orgs = list.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { code: string; kind: string; name: string });
    expect(orgs).toContainEqual(
      expect.objectContaining({
        code: 'STTTT-QNA',
        kind: 'coordinator',
        name: 'Sở Thông tin và Truyền thông tỉnh Quảng Nam',
      }),
    );
    expect(await exists(path.join(dataDir, 'embedded-pg.json'))).toBe(false);
    // the secret is generated once, not per command
    expect(await fs.readFile(path.join(dataDir, 'secret'), 'utf8')).toBe(secret);

    // while this process holds the data dir, the CLI uses that server and leaves it running
    const held = await open(dataDir, port);
    expect(held.owned).toBe(true);
    const borrowed = await cli(['org', 'list', '--json'], env);
    expect(borrowed.code).toBe(0);
    expect(borrowed.stdout).toBe(list.stdout);
    expect(await accepts(held.port)).toBe(true);
    const [count] = await query<{ n: number }>(held.url, 'SELECT count(*)::int AS n FROM organisations');
    expect(count?.n).toBe(orgs.length);
    await held.stop();
  });
});
