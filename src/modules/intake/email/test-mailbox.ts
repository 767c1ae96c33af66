import { connectMailbox } from './imap-client.ts';
import type { Mailbox } from './ingest-message.ts';
import { DONE_KEYWORD } from './poll-mailbox.ts';

export type TestOutcome = { ok: boolean; error: string | null; messages: number | null; unprocessed: number | null };

/** Logs in and opens the folder: how many messages it holds and how many wait (no message is touched). */
export async function testMailbox(mailbox: Mailbox, key: Buffer): Promise<TestOutcome> {
  try {
    const imap = await connectMailbox(mailbox, key);
    try {
      const status = await imap.status(mailbox.folder, { messages: true });
      const lock = await imap.getMailboxLock(mailbox.folder, { readOnly: true });
      try {
        // read-only (EXAMINE): the server lists no permanent flags, but keyword searches still work
        const waiting = await imap.search(mailbox.done === 'flag' ? { unKeyword: DONE_KEYWORD } : { all: true }, {
          uid: true,
        });
        return {
          ok: true,
          error: null,
          messages: status ? (status.messages ?? null) : null,
          unprocessed: waiting ? waiting.length : null,
        };
      } finally {
        lock.release();
      }
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  } catch (err) {
    const e = err as Error & { responseText?: string; authenticationFailed?: boolean };
    return {
      ok: false,
      error: (e.responseText ?? e.message ?? String(err)).slice(0, 500),
      messages: null,
      unprocessed: null,
    };
  }
}
