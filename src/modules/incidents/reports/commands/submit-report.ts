import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { hasRole } from '../../../../platform/access.ts';
import type { Principal } from '../../../../platform/actor.ts';
import { AppError, forbidden } from '../../../../platform/errors.ts';
import type { ReportSource } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { canReadSystem } from '../../../constituency/systems/policy.ts';
import { informationSystems } from '../../../constituency/systems/tables.ts';
import { organisations } from '../../../constituency/tables.ts';
import { files } from '../../../files/tables.ts';
import { users } from '../../../identity/tables.ts';
import type { ReportSubmitInput } from '../schemas.ts';
import { receiveReport, type SubmitOutcome } from './receive-report.ts';

export type { ReportRow, SubmitOutcome } from './receive-report.ts';

/** Every role except viewer may report (route-level check). */
export function authorizeSubmitReport(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner')) throw forbidden();
}

async function checkSystem(tx: Tx, p: Principal, systemId: string) {
  const [s] = await tx.select().from(informationSystems).where(eq(informationSystems.id, systemId));
  if (!s || !canReadSystem(p, s)) throw new AppError(400, 'report_system_unknown');
  return s;
}

async function checkFiles(tx: Tx, p: Principal, fileIds: readonly string[]) {
  if (fileIds.length === 0) return;
  const found = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, [...fileIds]), eq(files.uploadedBy, p.userId)));
  if (found.length !== fileIds.length) throw new AppError(400, 'report_files_invalid');
}

/**
 * A partner (security company, ISP) reports as `partner` (R15); others through an API token as
 * `api`, in the browser as `member-form`. The reporter's organisation is always the principal's.
 */
export function sourceOf(p: Principal): ReportSource {
  if (hasRole(p, 'partner')) return 'partner';
  return p.via === 'token' ? 'api' : 'member-form';
}

/** A logged-in user's report (member form, API token, partner): attributed to their organisation. */
export async function submitReport(scope: CommandScope, input: ReportSubmitInput): Promise<SubmitOutcome> {
  const { tx, ctx } = scope;
  if (ctx.actor.kind !== 'user') throw new AppError(400, 'report_reporter_required');
  const p = ctx.actor.principal;
  const system = input.systemId ? await checkSystem(tx, p, input.systemId) : undefined;
  const fileIds = [...new Set(input.fileIds ?? [])];
  await checkFiles(tx, p, fileIds);
  const [user] = await tx.select().from(users).where(eq(users.id, p.userId));
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, p.organisationId));
  const { fileIds: _f, externalId, systemId: _s, ...facts } = input;
  return receiveReport(
    scope,
    { ...facts, systemName: input.systemName ?? system?.name ?? null },
    {
      source: sourceOf(p),
      channelKey: p.organisationId,
      externalId: externalId ?? null,
      reporterUserId: p.userId,
      reporterOrgId: p.organisationId,
      reporterName: org?.name ?? user?.displayName ?? p.username,
      contactName: user?.displayName ?? null,
      contactEmail: user?.email ?? null,
      systemId: system?.id ?? null,
      fileIds,
      acknowledge: { userIds: [p.userId] },
    },
  );
}
