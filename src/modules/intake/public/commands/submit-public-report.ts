import { eq } from 'drizzle-orm';
import { extractObservables } from '../../../../engines/observables/index.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { Locale } from '../../../../platform/messages.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { receiveReport, vietnamTime } from '../../../incidents/reports/commands/receive-report.ts';
import { notify } from '../../../notify/commands/notify.ts';
import type { PublicReportInput } from '../schemas.ts';
import { publicChallengesSpent, publicReportCodes } from '../tables.ts';
import { formatTrackingCode, newTrackingCode } from '../tracking-code.ts';

/** Observables the public form accepts from its "indicators" field. */
const MAX_INDICATORS = 200;

export type PublicOutcome = { code: string; receivedAt: Date; created: boolean };

export function statusPath(code: string): string {
  return `/public/status?code=${encodeURIComponent(formatTrackingCode(code))}`;
}

/** Spends the challenge once; the same submission may come again (a retry), another one may not. */
async function spendChallenge(scope: CommandScope, salt: string, expiresAt: Date, submissionId: string) {
  const [spent] = await scope.tx
    .insert(publicChallengesSpent)
    .values({ salt, submissionId, expiresAt })
    .onConflictDoNothing()
    .returning({ salt: publicChallengesSpent.salt });
  if (spent) return;
  const [before] = await scope.tx.select().from(publicChallengesSpent).where(eq(publicChallengesSpent.salt, salt));
  if (before?.submissionId !== submissionId) throw new AppError(400, 'public_challenge_used');
}

/**
 * A report from the public form (a citizen, an outside researcher): stored through receiveReport
 * as `public-form` in the `public` channel, keyed by the browser's submission id, with a random
 * public tracking code and an acknowledgement e-mail carrying only that code (TT 20 Điều 10).
 */
export async function submitPublicReport(
  scope: CommandScope,
  input: PublicReportInput,
  opts: { challenge: { salt: string; expiresAt: Date }; baseUrl: string; locale: Locale },
): Promise<PublicOutcome> {
  await spendChallenge(scope, opts.challenge.salt, opts.challenge.expiresAt, input.submissionId);
  const indicators = input.indicators
    ? extractObservables(input.indicators, { maxItems: MAX_INDICATORS }).items.map((o) => ({
        type: o.type,
        value: o.value,
      }))
    : [];
  const out = await receiveReport(
    scope,
    {
      title: input.title,
      description: input.description,
      detectedAt: input.detectedAt,
      detectionMethod: 'notified',
      handlingState: 'not-yet',
      systemName: input.systemName ?? null,
      reporter: { name: input.name, email: input.email, phone: input.phone ?? null },
      observables: indicators,
      tlp: 'amber',
    },
    {
      source: 'public-form',
      channelKey: 'public',
      externalId: input.submissionId,
      reporterUserId: null,
      reporterOrgId: null,
      reporterName: input.name,
      contactName: input.name,
      contactEmail: input.email,
      // acknowledged below, with the public code instead of the internal number
      acknowledge: {},
      auditDetail: { channel: 'public-form' },
    },
  );
  if (!out.created) {
    const [known] = await scope.tx
      .select({ code: publicReportCodes.code })
      .from(publicReportCodes)
      .where(eq(publicReportCodes.reportId, out.row.id));
    return { code: known?.code ?? '', receivedAt: out.row.receivedAt, created: false };
  }
  const code = newTrackingCode();
  await scope.tx.insert(publicReportCodes).values({ reportId: out.row.id, code, createdAt: out.row.receivedAt });
  await notify(scope, {
    recipients: { addresses: [{ email: input.email, locale: opts.locale }] },
    category: 'incident',
    template: 'intake.public.received',
    data: {
      code: formatTrackingCode(code),
      receivedAt: vietnamTime(out.row.receivedAt),
      link: new URL(statusPath(code), opts.baseUrl).toString(),
    },
    // AMBER: the e-mail carries the code; a platform-wide webhook only hears that something arrived.
    tlp: 'amber',
  });
  return { code, receivedAt: out.row.receivedAt, created: true };
}
