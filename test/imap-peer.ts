import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

/** Dovecot is there (Debian's dovecot-imapd); when not, tests skip with a message — unless CI=true. */
export function dovecotMissing(): string | null {
  if (existsSync(DOVECOT) && existsSync('/usr/lib/dovecot/imap')) return null;
  const why = `dovecot not found at ${DOVECOT} (apt-get install dovecot-imapd): IMAP tests skipped`;
  if (process.env.CI === 'true') throw new Error(why);
  console.warn(why);
  return why;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${await fs.readFile(log, 'utf8').catch(() => '')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('data', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The user the mail processes run as: root may not own mail, so an unprivileged one. */
function mailUser(): { uid: number; gid: number } {
  if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 1000, gid: process.getgid?.() ?? 1000 };
  return { uid: 65534, gid: 65534 };
}

function configText(dir: string, port: number, user: { uid: number; gid: number }): string {
  const root = process.getuid?.() === 0;
  const internal = root ? 'dovecot' : (os.userInfo().username ?? 'nobody');
  const login = root ? 'dovenull' : internal;
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# a wrong password is answered at once (tests try one on purpose)
auth_failure_delay = 0
default_internal_user = ${internal}
default_login_user = ${login}
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${user.uid} gid=${user.gid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
}

export type ImapPeer = {
  port: number;
  user: string;
  password: string;
  /** imap://user@127.0.0.1:port (no password: it goes into the mailbox's secret) */
  url: string;
  client(): Promise<ImapFlow>;
  append(raw: string | Buffer, folder?: string): Promise<number>;
  /** the flags of every message in a folder, by UID */
  flags(folder?: string): Promise<Map<number, Set<string>>>;
  close(): Promise<void>;
};

/**
 * A private dovecot on loopback for one test file: its own config, passwd file and maildirs under
 * a temporary directory, a free port, plain-text login (loopback only). Stopped by close().
 */
export async function startImapPeer(): Promise<ImapPeer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-imap-'));
  await fs.chmod(dir, 0o755);
  for (const d of ['run', 'state', 'mail']) await fs.mkdir(path.join(dir, d));
  const user = mailUser();
  await fs.chown(path.join(dir, 'mail'), user.uid, user.gid).catch(() => undefined);
  const port = await freePort();
  const password = 'intake-secret';
  await fs.writeFile(path.join(dir, 'passwd'), `intake:{PLAIN}${password}::::::\n`);
  await fs.writeFile(path.join(dir, 'dovecot.conf'), configText(dir, port, user));
  const child = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(port, child, path.join(dir, 'dovecot.log'));

  const client = async () => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'intake', pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  const admin = await client();
  return {
    port,
    user: 'intake',
    password,
    url: `imap://intake@127.0.0.1:${port}`,
    client,
    append: async (raw, folder = 'INBOX') => {
      const r = await admin.append(folder, raw);
      if (!r || typeof r.uid !== 'number') throw new Error('APPEND returned no UID');
      return r.uid;
    },
    flags: async (folder = 'INBOX') => {
      const out = new Map<number, Set<string>>();
      const lock = await admin.getMailboxLock(folder);
      try {
        if (admin.mailbox && admin.mailbox.exists > 0)
          for await (const m of admin.fetch('1:*', { uid: true, flags: true })) out.set(m.uid, m.flags ?? new Set());
      } finally {
        lock.release();
      }
      return out;
    },
    close: async () => {
      await admin.logout().catch(() => admin.close());
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
