import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';
import { canConnect, freePort } from '../platform/net.ts';
import { loadPgBinaries, type PgBinaries } from './embedded-binaries.ts';

const run = promisify(execFile);

export type EmbeddedServer = {
  url: string;
  port: number;
  /** true when this process started the server and must stop it */
  owned: boolean;
  stop(): Promise<void>;
};

type RuntimeInfo = { port: number; pid: number; startedAt: string };

type Log = (msg: string) => void;

const SUPERUSER = 'canhgac';
const DATABASE = 'canhgac';

function pgDir(dataDir: string): string {
  return path.join(dataDir, 'pg');
}
function runtimeFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-pg.json');
}
function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'pg-password');
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user, creating it if needed. */
async function serviceAccount(): Promise<{ uid: number; gid: number } | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  const lookup = async () => {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-r', '-g', 'postgres', '-s', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

async function chownTree(p: string, account: { uid: number; gid: number } | undefined) {
  if (!account) return;
  await fs.chown(p, account.uid, account.gid);
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function urlFor(port: number, password: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

async function initCluster(
  bin: PgBinaries,
  dataDir: string,
  account: { uid: number; gid: number } | undefined,
  log: Log,
) {
  const dir = pgDir(dataDir);
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(passwordFile(dataDir), password, { mode: 0o600 });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await chownTree(dir, account);
  // initdb reads the password from a file the service account can read; removed right after.
  const pwTmp = path.join(dir, '..', `.initdb-pw-${process.pid}`);
  await fs.writeFile(pwTmp, `${password}\n`, { mode: 0o600 });
  await chownTree(pwTmp, account);
  log('initialising embedded PostgreSQL (UTF-8) …');
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${dir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwTmp}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=libc',
      ],
      { ...(account ?? {}), env: { ...process.env, LC_ALL: 'C' } },
    );
  } finally {
    await fs.rm(pwTmp, { force: true });
  }
}

async function pgCtl(bin: PgBinaries, args: string[], account: { uid: number; gid: number } | undefined) {
  // detached: its own session, so a Ctrl-C in the terminal reaches only us; we stop it in order.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin.pg_ctl, args, {
      ...(account ?? {}),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pg_ctl ${args[0]} failed: ${out.trim()}`)),
    );
  });
}

async function readRuntime(dataDir: string): Promise<RuntimeInfo | undefined> {
  try {
    return JSON.parse(await fs.readFile(runtimeFile(dataDir), 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
}

/**
 * Connects to the embedded PostgreSQL of a data dir: uses the one a running CanhGac process holds
 * (found through the recorded port), or locks the data dir and starts one that `stop()` shuts down.
 */
export async function openEmbeddedServer(opts: {
  dataDir: string;
  port: number;
  /** pick any free port when `port` is taken */
  portFallback?: boolean;
  /**
   * `serve` must own the server: a long-running process must not borrow one that a short CLI
   * command started (and will stop). Set, it waits for the data dir instead of borrowing.
   */
  requireOwnership?: boolean;
  log?: Log;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  // As root the server runs as `postgres`, which must be able to traverse (not list) the data dir.
  if (os.userInfo().uid === 0) await fs.chmod(dataDir, 0o711);
  const lockPath = path.join(dataDir, '.lock');

  // Another process holding the data dir may still be starting its server (initdb, pg_ctl start):
  // wait for it to come up rather than fail, and take the lock over if that process lets go.
  const deadline = Date.now() + 90_000;
  let release: (() => Promise<void>) | undefined;
  let waiting = false;
  while (!release) {
    try {
      release = await lockfile.lock(dataDir, {
        lockfilePath: lockPath,
        stale: 30_000,
        update: 10_000,
        retries: 0,
        // Another process judged our lock stale (we were suspended?) and may now run the server:
        // carrying on could corrupt its data. Stop at once, leaving the server to it.
        onCompromised: (err) => {
          log(`fatal: the data dir lock was taken over (${err.message}); exiting`);
          process.exit(1);
        },
      });
    } catch (err) {
      // Another process holds the data dir: use its server if it is up.
      const info = await readRuntime(dataDir);
      const password = (await fs.readFile(passwordFile(dataDir), 'utf8').catch(() => '')).trim();
      if (!opts.requireOwnership && info && password && (await canConnect(info.port))) {
        return { url: urlFor(info.port, password), port: info.port, owned: false, stop: async () => {} };
      }
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) {
        throw new Error(
          opts.requireOwnership
            ? `data dir ${dataDir} is in use by another CanhGac process (pid ${info?.pid ?? '?'})`
            : `data dir ${dataDir} is locked by another CanhGac process whose database is not reachable`,
        );
      }
      if (!waiting) log('waiting for the embedded PostgreSQL that another CanhGac process holds …');
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  try {
    const bin = await loadPgBinaries();
    const account = await serviceAccount();
    const dir = pgDir(dataDir);
    if (!(await exists(path.join(dir, 'PG_VERSION')))) await initCluster(bin, dataDir, account, log);
    // A server left behind by a process that crashed: stop it before starting ours — but only when
    // the process that started it is gone (a suspended owner may still be using it).
    if (await exists(path.join(dir, 'postmaster.pid'))) {
      const previous = await readRuntime(dataDir);
      if (previous && previous.pid !== process.pid && processAlive(previous.pid)) {
        throw new Error(
          `the embedded PostgreSQL of ${dataDir} belongs to a process that is still running (pid ${previous.pid})`,
        );
      }
      await pgCtl(bin, ['stop', '-D', dir, '-m', 'fast', '-w'], account).catch(() => undefined);
      await fs.rm(path.join(dir, 'postmaster.pid'), { force: true });
    }
    let port = opts.port;
    if (!(await portIsFree(port))) {
      if (!opts.portFallback)
        throw new Error(`port ${port} for the embedded PostgreSQL is in use (CANHGAC_EMBEDDED_PG_PORT)`);
      port = await freePort();
    }
    const logFile = path.join(dataDir, 'pg.log');
    await fs.writeFile(logFile, '', { flag: 'a' });
    await chownTree(logFile, account);
    await pgCtl(
      bin,
      [
        'start',
        '-D',
        dir,
        '-w',
        '-t',
        '60',
        '-l',
        logFile,
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c shared_buffers=64MB`,
      ],
      account,
    );
    const password = (await fs.readFile(passwordFile(dataDir), 'utf8')).trim();
    await ensureDatabase(port, password);
    // Written once the database exists: a process that finds it can use the server at once.
    const info: RuntimeInfo = { port, pid: process.pid, startedAt: new Date().toISOString() };
    await fs.writeFile(runtimeFile(dataDir), JSON.stringify(info), { mode: 0o600 });
    let stopped = false;
    return {
      url: urlFor(port, password),
      port,
      owned: true,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await pgCtl(bin, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '60'], account);
        } finally {
          await fs.rm(runtimeFile(dataDir), { force: true });
          await release?.();
        }
      },
    };
  } catch (err) {
    await release();
    throw err;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ensureDatabase(port: number, password: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}
