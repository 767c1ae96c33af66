import type { Readable } from 'node:stream';
import { createTransport } from 'nodemailer';

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** `<id@host>`: the same on every attempt, so a receiver can tell a repeat */
  messageId: string;
  attachments: { filename: string; contentType: string; content: Readable }[];
  /** extra headers (In-Reply-To, References, Auto-Submitted) so a reply threads with what it answers */
  headers?: Record<string, string>;
};

/** The server refused the message for good (SMTP 5xx): retrying the same message cannot help. */
export class PermanentMailError extends Error {}

function smtpResponseCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('responseCode' in err)) return undefined;
  return typeof err.responseCode === 'number' ? err.responseCode : undefined;
}

/** The longest one message may take end to end; well inside the delivery claim's lease. */
const SEND_DEADLINE_MS = 3 * 60_000;

/** Sends one message over SMTP. Rejects on anything but the server accepting it. */
export async function sendMail(smtpUrl: string, mail: OutgoingMail): Promise<{ messageId: string; response: string }> {
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  // nodemailer's timeouts are per step; a server that trickles bytes must not hold the worker forever.
  let deadline: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => {
      transport.close();
      reject(new Error(`SMTP send took longer than ${SEND_DEADLINE_MS / 1000} s`));
    }, SEND_DEADLINE_MS);
  });
  try {
    const sending = transport
      .sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        attachments: mail.attachments,
        ...(mail.headers ? { headers: mail.headers } : {}),
      })
      .catch((err: unknown) => {
        const code = smtpResponseCode(err);
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentMailError(err instanceof Error ? err.message : `SMTP ${code}`);
        }
        throw err;
      });
    const info = await Promise.race([sending, expired]);
    if (info.rejected.length > 0) throw new PermanentMailError(`recipient refused: ${info.response}`);
    return { messageId: info.messageId, response: info.response };
  } finally {
    clearTimeout(deadline);
    transport.close();
  }
}

/** The host part for Message-IDs, from the sender address (`Name <a@host>` or `a@host`). */
export function messageIdHost(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'canhgac.localhost';
}
