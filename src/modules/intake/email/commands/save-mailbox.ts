import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/database.ts';
import type { Ctx } from '../../../../platform/actor.ts';
import { AppError, notFound } from '../../../../platform/errors.ts';
import { encrypt } from '../../../../platform/secrets.ts';
import { runCommand } from '../../../audit/command.ts';
import { splitImapUrl } from '../imap-client.ts';
import type { Mailbox } from '../ingest-message.ts';
import { ENV_MAILBOX_KEY } from '../poll-all.ts';
import type { MailboxCreateInput, MailboxUpdateInput } from '../schemas.ts';
import { mailboxes } from '../tables.ts';

/** imap(s)://user@host[:port] only; a password written into the URL is taken out and kept as the secret. */
function checkUrl(value: string): { url: string; password: string | null } {
  let parts: ReturnType<typeof splitImapUrl>;
  try {
    parts = splitImapUrl(value);
  } catch {
    throw new AppError(400, 'mailbox_url_invalid');
  }
  const u = new URL(parts.url);
  if ((u.protocol !== 'imap:' && u.protocol !== 'imaps:') || !u.hostname || !u.username)
    throw new AppError(400, 'mailbox_url_invalid');
  return { url: parts.url, password: parts.password };
}

const audited = (m: Mailbox) => ({
  name: m.name,
  url: m.url,
  folder: m.folder,
  enabled: m.enabled,
  done: m.done,
  processedFolder: m.processedFolder,
  requireTag: m.requireTag,
  hasPassword: m.passwordEnc !== null,
});

export async function createMailbox(db: Db, ctx: Ctx, key: Buffer, input: MailboxCreateInput): Promise<Mailbox> {
  const { url, password } = checkUrl(input.url);
  const secret = input.password ?? password;
  const done = input.done ?? 'flag';
  if (done === 'move' && !input.processedFolder) throw new AppError(400, 'mailbox_processed_folder_required');
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(mailboxes)
      .values({
        name: input.name,
        url,
        passwordEnc: secret ? encrypt(key, secret) : null,
        folder: input.folder ?? 'INBOX',
        enabled: input.enabled ?? true,
        done,
        processedFolder: input.processedFolder ?? null,
        requireTag: input.requireTag ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    audit({ action: 'intake.mailbox.create', subjectType: 'mailbox', subjectId: row.id, after: audited(row) });
    return row;
  });
}

export async function updateMailbox(
  db: Db,
  ctx: Ctx,
  key: Buffer,
  id: string,
  input: MailboxUpdateInput,
): Promise<Mailbox> {
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [before] = await tx.select().from(mailboxes).where(eq(mailboxes.id, id)).for('update');
    if (!before) throw notFound();
    const onlyEnabled = Object.keys(input).every((k) => k === 'enabled');
    if (before.configKey === ENV_MAILBOX_KEY && !onlyEnabled) throw new AppError(409, 'mailbox_from_environment');
    const parsed = input.url === undefined ? undefined : checkUrl(input.url);
    // a URL without a password keeps the stored one (a form sends the URL back as shown)
    const secret = input.password === undefined ? (parsed?.password ?? undefined) : input.password;
    // The stored password is only ever sent to the server it was given for: another host, port,
    // user or a plain-text scheme needs it typed again (or it would go to whoever the URL names).
    if (parsed && parsed.url !== before.url && before.passwordEnc !== null && secret === undefined)
      throw new AppError(400, 'mailbox_password_required');
    const done = input.done ?? before.done;
    const processedFolder = input.processedFolder === undefined ? before.processedFolder : input.processedFolder;
    if (done === 'move' && !processedFolder) throw new AppError(400, 'mailbox_processed_folder_required');
    const [row] = await tx
      .update(mailboxes)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(parsed ? { url: parsed.url } : {}),
        ...(secret === undefined ? {} : { passwordEnc: secret === null ? null : encrypt(key, secret) }),
        ...(input.folder === undefined ? {} : { folder: input.folder }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
        ...(input.requireTag === undefined ? {} : { requireTag: input.requireTag }),
        done,
        processedFolder,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(mailboxes.id, id))
      .returning();
    if (!row) throw notFound();
    audit({
      action: 'intake.mailbox.update',
      subjectType: 'mailbox',
      subjectId: id,
      before: audited(before),
      after: audited(row),
    });
    return row;
  });
}
