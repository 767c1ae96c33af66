import { and, eq, inArray } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import type { Platform } from '../../../platform/platform.ts';
import { connectMailbox } from './imap-client.ts';
import { INTAKE_LIMITS, type IncomingMessage, ingestMessage, type Mailbox } from './ingest-message.ts';
import { type MailOutcome, mailboxes, mailboxMessages } from './tables.ts';

/** The IMAP keyword a stored message gets (with \Seen) when the mailbox's strategy is `flag`. */
export const DONE_KEYWORD = '$CanhGacDone';
/** advisory lock class of mailbox polls (the object is hashtext(mailbox id)) */
const LOCK_CLASS = 0x63676d62;
const FETCH_BATCH = 50;
const FETCH_BATCH_BYTES = 32 * 1024 * 1024;

export type PollResult = {
  mailboxId: string;
  status: 'ok' | 'error' | 'locked' | 'disabled';
  counts: Record<MailOutcome | 'already', number>;
  error?: string;
};

const zero = (): PollResult['counts'] => ({ report: 0, reply: 0, ignored: 0, failed: 0, already: 0 });

/**
 * Polls one mailbox: one poller per mailbox at a time across all instances (a session advisory
 * lock; a poll that finds it taken does nothing), and each message stored exactly once whatever
 * happens (the processed-message key, see ingestMessage). The IMAP flag or move comes after the
 * message's transaction has committed; a crash in between leaves the message unflagged, and the
 * next poll finds its key, stores nothing and only flags it.
 */
export async function pollMailbox(platform: Platform, mailboxId: string): Promise<PollResult> {
  const counts = zero();
  const lockClient = await platform.pool.connect();
  try {
    const got = await lockClient.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
      LOCK_CLASS,
      mailboxId,
    ]);
    if (!got.rows[0]?.ok) return { mailboxId, status: 'locked', counts };
    try {
      const [mailbox] = await platform.db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
      if (!mailbox?.enabled) return { mailboxId, status: 'disabled', counts };
      const error = await pollLocked(platform, mailbox, counts).then(
        () => undefined,
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      await platform.db
        .update(mailboxes)
        .set({
          lastPollAt: platform.clock.now(),
          lastPollStatus: error ? 'error' : counts.failed > 0 ? 'partial' : 'ok',
          ...(error ? { lastPollError: error.slice(0, 2000) } : counts.failed > 0 ? {} : { lastPollError: null }),
        })
        .where(eq(mailboxes.id, mailboxId));
      if (error) platform.log.warn({ mailbox: mailboxId, error }, 'mailbox poll failed');
      return { mailboxId, status: error ? 'error' : 'ok', counts, ...(error ? { error } : {}) };
    } finally {
      await lockClient.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, mailboxId]);
    }
  } finally {
    lockClient.release();
  }
}

async function pollLocked(platform: Platform, mailbox: Mailbox, counts: PollResult['counts']): Promise<void> {
  const imap = await connectMailbox(mailbox, platform.keys.mailboxSecrets);
  try {
    if (mailbox.done === 'move' && mailbox.processedFolder)
      await imap.mailboxCreate(mailbox.processedFolder).catch(() => undefined); // exists already: fine
    const lock = await imap.getMailboxLock(mailbox.folder);
    try {
      const box = imap.mailbox;
      if (!box) throw new Error(`folder ${mailbox.folder} could not be opened`);
      const keywords = box.permanentFlags?.has('\\*') ?? false;
      const query = mailbox.done === 'flag' && keywords ? { unKeyword: DONE_KEYWORD } : { all: true };
      const uids = ((await imap.search(query, { uid: true })) || []).sort((a, b) => a - b);
      const stored = await storedUids(platform, mailbox.id, box.uidValidity, uids);
      // Stored before but never flagged (a crash after commit): only the flag is missing.
      await markDone(
        imap,
        mailbox,
        keywords,
        uids.filter((u) => stored.has(u)),
      );
      counts.already += stored.size;
      const todo = uids.filter((u) => !stored.has(u));
      const { small, large } = await batches(imap, todo);
      for (const { uid, size } of large) {
        const msg = await streamed(platform, imap, box.uidValidity, uid, size);
        if (!msg) continue; // expunged meanwhile
        const r = await ingestMessage(platform, mailbox, msg);
        counts[r.outcome] += 1;
        await markDone(imap, mailbox, keywords, [uid]);
      }
      for (const batch of small) {
        const done: number[] = [];
        for await (const m of fetchSources(imap, batch)) {
          const r = await ingestMessage(platform, mailbox, { uidValidity: box.uidValidity, uid: m.uid, raw: m.raw });
          counts[r.outcome] += 1;
          done.push(m.uid);
        }
        await markDone(imap, mailbox, keywords, done);
      }
    } finally {
      lock.release();
    }
  } finally {
    await imap.logout().catch(() => imap.close());
  }
}

async function storedUids(
  platform: Platform,
  mailboxId: string,
  uidValidity: bigint,
  uids: number[],
): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < uids.length; i += 5000) {
    const rows = await platform.db
      .select({ uid: mailboxMessages.uid })
      .from(mailboxMessages)
      .where(
        and(
          eq(mailboxMessages.mailboxId, mailboxId),
          eq(mailboxMessages.uidValidity, uidValidity),
          inArray(mailboxMessages.uid, uids.slice(i, i + 5000)),
        ),
      );
    for (const r of rows) out.add(r.uid);
  }
  return out;
}

type Batches = { small: number[][]; large: { uid: number; size: number }[] };

/**
 * UIDs in groups of at most FETCH_BATCH messages and FETCH_BATCH_BYTES (one large message alone);
 * messages over INTAKE_LIMITS.parseMaxBytes apart (never read into memory, see streamed).
 */
async function batches(imap: ImapFlow, uids: number[]): Promise<Batches> {
  const large: Batches['large'] = [];
  if (uids.length === 0) return { small: [], large };
  const sizes = new Map<number, number>();
  for (let i = 0; i < uids.length; i += 1000)
    for await (const m of imap.fetch(uids.slice(i, i + 1000).join(','), { uid: true, size: true }, { uid: true }))
      sizes.set(m.uid, m.size ?? 0);
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    if (!sizes.has(uid)) continue; // expunged meanwhile
    const size = sizes.get(uid) ?? 0;
    if (size > INTAKE_LIMITS.parseMaxBytes) {
      large.push({ uid, size });
      continue;
    }
    if (current.length > 0 && (current.length >= FETCH_BATCH || bytes + size > FETCH_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(uid);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return { small: out, large };
}

/** A message too large to read into memory: its header block, the whole streamed into the blob store. */
async function streamed(
  platform: Platform,
  imap: ImapFlow,
  uidValidity: bigint,
  uid: number,
  size: number,
): Promise<IncomingMessage | null> {
  const head = await imap.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
  if (head === false || !head.headers) return null;
  const raw = Buffer.concat([head.headers, Buffer.from('\r\n')]);
  // Over the blob store's cap: recorded as failed (it stays on the IMAP server). A download that
  // breaks off throws: the message stays unflagged and the next poll tries again.
  if (size > INTAKE_LIMITS.rawMaxBytes) return { uidValidity, uid, raw, stored: null, size };
  const download = await imap.download(String(uid), undefined, { uid: true });
  if (!download.content) return null;
  const stored = await platform.blobs.put(download.content, INTAKE_LIMITS.rawMaxBytes);
  return { uidValidity, uid, raw, stored, size };
}

/** The batch's raw messages, fetched whole before any is stored (no IMAP command may run inside a fetch). */
async function* fetchSources(imap: ImapFlow, uids: number[]): AsyncGenerator<{ uid: number; raw: Buffer }> {
  const got: { uid: number; raw: Buffer }[] = [];
  for await (const m of imap.fetch(uids.join(','), { uid: true, source: true }, { uid: true }))
    if (m.source) got.push({ uid: m.uid, raw: m.source });
  got.sort((a, b) => a.uid - b.uid);
  yield* got;
}

async function markDone(imap: ImapFlow, mailbox: Mailbox, keywords: boolean, uids: number[]): Promise<void> {
  if (uids.length === 0) return;
  const range = uids.join(',');
  if (mailbox.done === 'move' && mailbox.processedFolder) {
    await imap.messageMove(range, mailbox.processedFolder, { uid: true });
    return;
  }
  await imap.messageFlagsAdd(range, keywords ? [DONE_KEYWORD, '\\Seen'] : ['\\Seen'], { uid: true });
}
