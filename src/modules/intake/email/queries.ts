import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Principal } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { loadVisibleReport } from '../../incidents/reports/queries.ts';
import { reports } from '../../incidents/tables.ts';
import { presentMailbox, presentMessage } from './presenter.ts';
import type { MailOutcome } from './tables.ts';
import { mailboxes, mailboxMessages } from './tables.ts';

export async function listMailboxes(db: Db) {
  const rows = await db.select().from(mailboxes).orderBy(mailboxes.createdAt, mailboxes.id);
  return { items: rows.map(presentMailbox) };
}

export async function getMailbox(db: Db, id: string) {
  const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
  if (!row) throw notFound();
  return row;
}

/** The newest messages taken from a mailbox (the problem list: failed and ignored ones with their raw file). */
export async function listMailboxMessages(db: Db, mailboxId: string, q: { outcome?: MailOutcome; limit: number }) {
  await getMailbox(db, mailboxId);
  const rows = await db
    .select({ m: mailboxMessages, trackingNo: reports.trackingNo })
    .from(mailboxMessages)
    .leftJoin(reports, eq(reports.id, mailboxMessages.reportId))
    .where(
      and(eq(mailboxMessages.mailboxId, mailboxId), q.outcome ? eq(mailboxMessages.outcome, q.outcome) : undefined),
    )
    .orderBy(desc(mailboxMessages.createdAt), desc(mailboxMessages.id))
    .limit(q.limit);
  return { items: rows.map((r) => presentMessage(r.m, r.trackingNo)) };
}

/** A report's e-mail thread: the message it came from and the replies threaded into it, oldest first. */
export async function reportEmailThread(db: Db, p: Principal, reportId: string) {
  const report = await loadVisibleReport(db, p, reportId);
  const rows = await db
    .select()
    .from(mailboxMessages)
    .where(eq(mailboxMessages.reportId, report.id))
    .orderBy(mailboxMessages.createdAt, mailboxMessages.id);
  return { items: rows.map((r) => presentMessage(r, report.trackingNo)) };
}
