/** Coverage status of one information system (R5, R9). */
export const COVERAGE_STATUSES = ['ok', 'due-soon', 'overdue', 'never-scanned'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export type CoverageRule = {
  /** a system must be scanned at least every this many months */
  months: number;
  /** "due soon" this many days before the next scan is due */
  dueSoonDays: number;
};

export const DEFAULT_COVERAGE_RULE: CoverageRule = { months: 6, dueSoonDays: 30 };

const DAY_MS = 86_400_000;

/**
 * `at` plus whole calendar months in UTC; a day past the end of the target month becomes its last
 * day (31 Aug + 6 months = 28/29 Feb), the same as PostgreSQL's `timestamp + interval 'n months'`.
 */
export function addMonthsUtc(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(at.getTime());
  out.setUTCFullYear(y, m, Math.min(at.getUTCDate(), lastDay));
  return out;
}

export function nextDueAt(lastScanAt: Date, rule: CoverageRule): Date {
  return addMonthsUtc(lastScanAt, rule.months);
}

/** never-scanned without a scan; overdue from the due instant on; due-soon in the days before it. */
export function coverageStatus(lastScanAt: Date | null, at: Date, rule: CoverageRule): CoverageStatus {
  if (!lastScanAt) return 'never-scanned';
  const due = nextDueAt(lastScanAt, rule).getTime();
  if (at.getTime() >= due) return 'overdue';
  if (at.getTime() >= due - rule.dueSoonDays * DAY_MS) return 'due-soon';
  return 'ok';
}
