import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import { settings } from '../../identity/tables.ts';
import { type CoverageRule, DEFAULT_COVERAGE_RULE } from './due-status.ts';

export const COVERAGE_MONTHS_SETTING = 'scans.coverage_months';
export const COVERAGE_DUE_SOON_SETTING = 'scans.coverage_due_soon_days';

function positiveInt(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= max ? n : fallback;
}

/** The coverage rule from settings (`scans.coverage_months`, `scans.coverage_due_soon_days`), else 6 months / 30 days. */
export async function coverageRule(db: Queryable): Promise<CoverageRule> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, [COVERAGE_MONTHS_SETTING, COVERAGE_DUE_SOON_SETTING]));
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    months: positiveInt(value(COVERAGE_MONTHS_SETTING), DEFAULT_COVERAGE_RULE.months, 120),
    dueSoonDays: positiveInt(value(COVERAGE_DUE_SOON_SETTING), DEFAULT_COVERAGE_RULE.dueSoonDays, 365),
  };
}
