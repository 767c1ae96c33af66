import { sql } from 'drizzle-orm';
import type { ObservableType, Tlp } from '../../../../shared/vocabulary.ts';
import { INDICATOR_TYPES } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { incidentObservables, indicators } from '../../tables.ts';
import { recordEvent } from '../../timeline/record-event.ts';

export type ObservableInput = { type: ObservableType; value: string };
export type AttachOptions = { reportId?: string | null; isIoc?: boolean; tlp?: Tlp; note?: string | null };

const INDICATOR = new Set<string>(INDICATOR_TYPES);
const SLICE = 1000;

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
  let added = 0;
  for (let i = 0; i < unique.length; i += SLICE) {
    const slice = unique.slice(i, i + SLICE);
    const indicatorRows = slice.filter((o) => INDICATOR.has(o.type));
    const ids = new Map<string, string>();
    if (indicatorRows.length > 0) {
      const upserted = await tx
        .insert(indicators)
        .values(
          indicatorRows.map((o) => ({
            type: o.type as (typeof INDICATOR_TYPES)[number],
            value: o.value,
            firstSeenAt: now,
            lastSeenAt: now,
            createdAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [indicators.type, indicators.value],
          set: { lastSeenAt: sql`greatest(${indicators.lastSeenAt}, excluded.last_seen_at)` },
        })
        .returning({ id: indicators.id, type: indicators.type, value: indicators.value });
      for (const r of upserted) ids.set(`${r.type}\u0000${r.value}`, r.id);
    }
    const inserted = await tx
      .insert(incidentObservables)
      .values(
        slice.map((o) => ({
          incidentId,
          indicatorId: ids.get(`${o.type}\u0000${o.value}`) ?? null,
          type: o.type,
          value: o.value,
          isIoc: opts.isIoc ?? false,
          tlp: opts.tlp ?? 'amber',
          note: opts.note ?? null,
          reportId: opts.reportId ?? null,
          firstSeenAt: now,
          createdBy: creator,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: incidentObservables.id });
    added += inserted.length;
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
