import { ImapFlow } from 'imapflow';
import { decrypt } from '../../../platform/secrets.ts';
import type { Mailbox } from './ingest-message.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/**
 * imaps://user@host:993 (TLS) or imap://user@host:143 with STARTTLS required — someone on the path
 * could otherwise strip it and read the password. Only a loopback server may answer in plain text.
 */
export function imapOptions(url: string, password: string | null) {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('the mailbox URL must be imap:// or imaps://');
  const secure = u.protocol === 'imaps:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    ...(secure || LOOPBACK.test(host) ? {} : { doSTARTTLS: true }),
    auth: { user: decodeURIComponent(u.username), pass: password ?? '' },
    logger: false as const,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  };
}

/** A connected client for a stored mailbox (its password decrypted only here). */
export async function connectMailbox(mailbox: Mailbox, key: Buffer): Promise<ImapFlow> {
  const password = mailbox.passwordEnc ? decrypt(key, mailbox.passwordEnc) : null;
  const client = new ImapFlow(imapOptions(mailbox.url, password));
  // A dropped connection must fail the poll, not the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The URL as stored and shown: the password (if one was given in it) taken out. */
export function splitImapUrl(raw: string): { url: string; password: string | null; folder: string | null } {
  const u = new URL(raw);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  const folder = u.pathname.length > 1 ? decodeURIComponent(u.pathname.slice(1)) : null;
  u.pathname = '';
  u.search = '';
  u.hash = '';
  return { url: u.toString().replace(/\/$/, ''), password, folder };
}
