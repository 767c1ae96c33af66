import { sql } from 'drizzle-orm';
import type { ObservableType, Tlp } from '../../../../shared/vocabulary.ts';
import { INDICATOR_TYPES } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { incidentObservables, indicators } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';

export type ObservableInput = { type: ObservableType; value: string };
export type AttachOptions = { reportId?: string | null; isIoc?: boolean; tlp?: Tlp; note?: string | null };

const INDICATOR = new Set<string>(INDICATOR_TYPES);
const SLICE = 5000;

/**
 * Adds already-normalised observables to an incident, inside the caller's command: indicator types
 * get (or refresh) their constituency-wide indicator record (first/last seen); values already on
 * the incident are kept as they are. Returns how many were new on the incident. Callers authorise.
 */
export async function attachObservables(
  scope: CommandScope,
  incidentId: string,
  items: readonly ObservableInput[],
  opts: AttachOptions = {},
): Promise<number> {
  const { tx, ctx, audit } = scope;
  const unique = [...new Map(items.map((o) => [`${o.type}\u0000${o.value}`, o])).values()];
  if (unique.length === 0) return 0;
  const now = ctx.clock.now();
  const creator = ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null;
  const at = sql`${now.toISOString()}::timestamptz`;
  let added = 0;
  // Whole columns as array parameters (unnest): one statement per slice, not thousands of parameters.
  for (let i = 0; i < unique.length; i += SLICE) {
    const slice = unique.slice(i, i + SLICE);
    const ind = slice.filter((o) => INDICATOR.has(o.type));
    if (ind.length > 0)
      await tx.execute(sql`
        INSERT INTO ${indicators} (type, value, first_seen_at, last_seen_at, created_at)
        SELECT u.t, u.v, ${at}, ${at}, ${at}
        FROM unnest(${sql.param(ind.map((o) => o.type))}::text[], ${sql.param(ind.map((o) => o.value))}::text[]) AS u(t, v)
        ON CONFLICT (type, value) DO UPDATE SET last_seen_at = greatest(${indicators.lastSeenAt}, excluded.last_seen_at)`);
    const inserted = await tx.execute<{ id: string }>(sql`
      INSERT INTO ${incidentObservables}
        (incident_id, indicator_id, type, value, is_ioc, tlp, note, report_id, first_seen_at, created_by, created_at)
      SELECT ${incidentId}::uuid, ind.id, u.t, u.v, ${opts.isIoc ?? false}, ${opts.tlp ?? 'amber'}, ${opts.note ?? null},
        ${opts.reportId ?? null}::uuid, ${at}, ${creator}::uuid, ${at}
      FROM unnest(${sql.param(slice.map((o) => o.type))}::text[], ${sql.param(slice.map((o) => o.value))}::text[]) AS u(t, v)
      LEFT JOIN ${indicators} ind ON ind.type = u.t AND ind.value = u.v
      ON CONFLICT DO NOTHING
      RETURNING id`);
    added += inserted.rows.length;
  }
  if (added === 0) return 0;
  await recordEvent(tx, ctx, {
    incidentId,
    kind: 'observable',
    summary: `+${added}`,
    detail: { added, reportId: opts.reportId ?? null },
  });
  audit({
    action: 'incident.observables.add',
    subjectType: 'incident',
    subjectId: incidentId,
    detail: { added, values: unique.slice(0, 50).map((o) => `${o.type}:${o.value}`), reportId: opts.reportId ?? null },
  });
  return added;
}
