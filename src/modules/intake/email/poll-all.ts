import { eq } from 'drizzle-orm';
import { systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { decrypt, encrypt } from '../../../platform/secrets.ts';
import { runCommand } from '../../audit/command.ts';
import { splitImapUrl } from './imap-client.ts';
import { type PollResult, pollMailbox } from './poll-mailbox.ts';
import { mailboxes } from './tables.ts';

export const ENV_MAILBOX_KEY = 'env';

/**
 * The mailbox of CANHGAC_IMAP_URL as a row (key `env`), created or brought up to date from the
 * environment; the admin page shows it and may disable it, but its address comes from the
 * environment. Without the variable an existing row is left as it is (its polls will fail visibly).
 */
export async function syncEnvMailbox(platform: Platform): Promise<void> {
  const configured = platform.config.imapUrl;
  if (!configured) return;
  const { url, password, folder } = splitImapUrl(configured);
  const [row] = await platform.db.select().from(mailboxes).where(eq(mailboxes.configKey, ENV_MAILBOX_KEY));
  const storedPassword = row?.passwordEnc ? readable(platform.keys.mailboxSecrets, row.passwordEnc) : null;
  if (row && row.url === url && row.folder === (folder ?? 'INBOX') && storedPassword === password) return;
  await runCommand(platform.db, systemCtx('system:config', platform.clock), async ({ tx, audit, ctx }) => {
    const values = {
      name: 'CANHGAC_IMAP_URL',
      url,
      passwordEnc: password ? encrypt(platform.keys.mailboxSecrets, password) : null,
      folder: folder ?? 'INBOX',
      updatedAt: ctx.clock.now(),
    };
    const [saved] = await tx
      .insert(mailboxes)
      .values({ configKey: ENV_MAILBOX_KEY, ...values })
      .onConflictDoUpdate({ target: mailboxes.configKey, set: values })
      .returning({ id: mailboxes.id });
    audit({
      action: 'intake.mailbox.configure',
      subjectType: 'mailbox',
      subjectId: saved?.id,
      after: { url, folder: values.folder, hasPassword: values.passwordEnc !== null },
    });
  });
}

/** undefined when the secret key changed since (the row is then written again). */
function readable(key: Buffer, sealed: string): string | undefined {
  try {
    return decrypt(key, sealed);
  } catch {
    return undefined;
  }
}

/** The scheduled job: every enabled mailbox, one after another. */
export async function pollAllMailboxes(platform: Platform): Promise<PollResult[]> {
  await syncEnvMailbox(platform);
  const enabled = await platform.db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.enabled, true));
  const out: PollResult[] = [];
  for (const m of enabled) out.push(await pollMailbox(platform, m.id));
  return out;
}
