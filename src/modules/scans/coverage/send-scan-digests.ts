import { and, eq } from 'drizzle-orm';
import { type Ctx, systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { runCommand } from '../../audit/command.ts';
import { notify } from '../../notify/commands/notify.ts';
import { overdueByOrganisation, type SeverityCounts } from './overdue.ts';
import { systemsNeedingScan } from './queries.ts';
import { coverageRule } from './settings.ts';
import { scanDigests } from './tables.ts';

export const COVERAGE_PATH = '/scans/coverage';
const MAX_NAMES = 50;
const VN_OFFSET_MS = 7 * 3_600_000;

/** The Vietnamese calendar day of `at` (the digest's idempotency key). */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

type Systems = { overdue: string[]; never: string[]; dueSoon: string[] };
type OrgDigest = { organisationId: string; name: string; overdue: SeverityCounts; systems: Systems };

function names(list: string[]): string {
  if (list.length === 0) return '—';
  const shown = list.slice(0, MAX_NAMES).join('; ');
  return list.length > MAX_NAMES ? `${shown}; … (+${list.length - MAX_NAMES})` : shown;
}

/** Per owning organisation: overdue findings by severity and the systems to scan. */
async function collect(platform: Platform, at: Date): Promise<OrgDigest[]> {
  const rule = await coverageRule(platform.db);
  const overdue = await overdueByOrganisation(platform.db, { all: true }, at, undefined);
  const needing = await systemsNeedingScan(platform.db, rule, at);
  const byOrg = new Map<string, OrgDigest>();
  const entry = (organisationId: string, name: string) => {
    let d = byOrg.get(organisationId);
    if (!d) {
      d = {
        organisationId,
        name,
        overdue: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
        systems: { overdue: [], never: [], dueSoon: [] },
      };
      byOrg.set(organisationId, d);
    }
    return d;
  };
  for (const o of overdue.organisations) entry(o.organisationId, o.name).overdue = o;
  for (const s of needing) {
    const d = entry(s.ownerOrgId, s.ownerName);
    const label = `${s.code} ${s.name}`;
    if (s.status === 'overdue') d.systems.overdue.push(label);
    else if (s.status === 'never-scanned') d.systems.never.push(label);
    else d.systems.dueSoon.push(label);
  }
  return [...byOrg.values()];
}

/** One organisation's digest, unless it already had one today (the claim row's primary key decides). */
async function sendOne(platform: Platform, ctx: Ctx, d: OrgDigest, day: string): Promise<boolean> {
  return runCommand(platform.db, ctx, async (scope) => {
    const now = ctx.clock.now();
    const claimed = await scope.tx
      .insert(scanDigests)
      .values({ organisationId: d.organisationId, day, sentAt: now })
      .onConflictDoNothing()
      .returning({ day: scanDigests.day });
    if (claimed.length === 0) {
      scope.unchanged();
      return false;
    }
    const link = new URL(`${COVERAGE_PATH}?organisationId=${d.organisationId}`, platform.config.baseUrl).toString();
    const { notificationId } = await notify(scope, {
      recipients: { organisationIds: [d.organisationId] },
      category: 'vulnerability',
      template: 'scans.digest',
      tlp: 'amber',
      data: {
        organisation: d.name,
        day,
        overdueTotal: d.overdue.total,
        critical: d.overdue.critical,
        high: d.overdue.high,
        medium: d.overdue.medium,
        low: d.overdue.low,
        systemsDue: d.systems.overdue.length + d.systems.never.length + d.systems.dueSoon.length,
        scanOverdue: names(d.systems.overdue),
        scanNever: names(d.systems.never),
        scanDueSoon: names(d.systems.dueSoon),
        link,
      },
    });
    await scope.tx
      .update(scanDigests)
      .set({ notificationId })
      .where(and(eq(scanDigests.organisationId, d.organisationId), eq(scanDigests.day, day)));
    scope.audit({
      action: 'scans.digest',
      subjectType: 'organisation',
      subjectId: d.organisationId,
      organisationId: d.organisationId,
      detail: { day, overdue: d.overdue.total, systemsToScan: d.systems.overdue.length + d.systems.never.length },
    });
    return true;
  });
}

/**
 * The daily scan digest (pg-boss job): each organisation with overdue findings or systems due,
 * overdue or never scanned gets one notification (e-mail through the notification service) per
 * Vietnamese calendar day, however many times the job runs.
 */
export async function sendScanDigests(platform: Platform): Promise<{ sent: number; skipped: number }> {
  const ctx = systemCtx('system:scans-digest', platform.clock);
  const at = ctx.clock.now();
  const day = vietnamDay(at);
  let sent = 0;
  let skipped = 0;
  for (const d of await collect(platform, at)) {
    if (await sendOne(platform, ctx, d, day)) sent += 1;
    else skipped += 1;
  }
  return { sent, skipped };
}
