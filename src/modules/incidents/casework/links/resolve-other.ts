import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../../db/database.ts';
import { AppError } from '../../../../platform/errors.ts';
import { incidents } from '../../tables.ts';

/** The other incident of a link or merge, given by id or by number (SC-…); unknown → 404. */
export async function resolveOther(q: Queryable, ref: { id?: string; number?: string }): Promise<string> {
  if (ref.id) return ref.id;
  if (!ref.number) throw new AppError(400, 'incident_other_missing');
  const [row] = await q
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.number, ref.number.toUpperCase()));
  if (!row) throw new AppError(404, 'incident_other_unknown', { ref: ref.number });
  return row.id;
}

/** Links are stored once, the smaller id first. */
export function linkKey(a: string, b: string): { incidentId: string; otherId: string } {
  return a < b ? { incidentId: a, otherId: b } : { incidentId: b, otherId: a };
}
