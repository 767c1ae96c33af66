import { extractObservables, normaliseObservable } from '../../../engines/observables/index.ts';
import type { ObservableType } from '../../../shared/vocabulary.ts';

/** The most observables one report keeps; past it the report says its list was truncated. */
export const MAX_REPORT_OBSERVABLES = 10_000;

export type Collected = {
  items: { type: ObservableType; value: string }[];
  truncated: boolean;
  /** given values that are not what their type says, as `type:value` (shortened) */
  invalid: string[];
};

/**
 * The observables of a report: the given ones (normalised; bad ones listed) first, then those
 * found in the title and description, one per (type, value), at most MAX_REPORT_OBSERVABLES.
 */
export function collectReportObservables(
  text: string,
  given: readonly { type: ObservableType; value: string }[],
): Collected {
  const seen = new Set<string>();
  const items: Collected['items'] = [];
  const invalid: string[] = [];
  let truncated = false;
  const add = (type: ObservableType, value: string) => {
    const key = `${type}\u0000${value}`;
    if (seen.has(key)) return;
    if (items.length >= MAX_REPORT_OBSERVABLES) {
      truncated = true;
      return;
    }
    seen.add(key);
    items.push({ type, value });
  };
  for (const o of given) {
    const value = normaliseObservable(o.type, o.value);
    if (value === undefined) invalid.push(`${o.type}:${o.value.slice(0, 80)}`);
    else add(o.type, value);
  }
  if (invalid.length > 0) return { items: [], truncated: false, invalid };
  const found = extractObservables(text, { maxItems: MAX_REPORT_OBSERVABLES });
  for (const o of found.items) add(o.type, o.value);
  return { items, truncated: truncated || found.truncated, invalid };
}
