import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import type { FindingSeverity } from '../../formats/scans/types.ts';
import { settings } from '../identity/tables.ts';

/** Days to remediate by severity; informational findings have no deadline. */
export type SlaDays = Partial<Record<FindingSeverity, number>>;

export const DEFAULT_SLA_DAYS: SlaDays = { critical: 7, high: 30, medium: 90, low: 120 };
export const SLA_SETTING = 'scans.sla_days';

/** The configured SLA (setting `scans.sla_days`, JSON like the default), else the default. */
export async function slaDays(db: Queryable): Promise<SlaDays> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SLA_SETTING));
  if (!row) return DEFAULT_SLA_DAYS;
  try {
    const parsed: unknown = JSON.parse(row.value);
    if (typeof parsed !== 'object' || parsed === null) return DEFAULT_SLA_DAYS;
    const out: SlaDays = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (k in DEFAULT_SLA_DAYS && typeof v === 'number' && v > 0) out[k as FindingSeverity] = v;
    }
    return out;
  } catch {
    return DEFAULT_SLA_DAYS;
  }
}
