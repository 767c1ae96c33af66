import { refang } from '../../../../engines/normalise/refang.ts';
import { extractObservables, normaliseObservable } from '../../../../engines/observables/index.ts';
import type { ObservableType } from '../../../../shared/vocabulary.ts';
import type { ObservableInput } from './attach-observables.ts';

export type ParsedObservables = {
  found: ObservableInput[];
  rejected: { type: ObservableType | null; value: string }[];
  truncated: boolean;
};

/**
 * What a user typed or pasted, as normalised observables: typed items are refanged and normalised
 * (bad ones are listed back, not dropped silently); pasted text is scanned by the extractor, which
 * undoes defanging itself. De-duplicated by (type, value), first occurrence kept.
 */
export function parseObservableInput(
  input: { items?: readonly { type: ObservableType; value: string }[]; text?: string },
  maxItems: number,
): ParsedObservables {
  const found = new Map<string, ObservableInput>();
  const rejected: ParsedObservables['rejected'] = [];
  const add = (o: ObservableInput) => {
    const key = `${o.type}\u0000${o.value}`;
    if (!found.has(key)) found.set(key, o);
  };
  for (const item of input.items ?? []) {
    const value =
      normaliseObservable(item.type, refang(item.value.trim())) ?? normaliseObservable(item.type, item.value);
    if (value === undefined) rejected.push({ type: item.type, value: item.value });
    else add({ type: item.type, value });
  }
  let truncated = false;
  if (input.text) {
    const r = extractObservables(input.text, { maxItems: maxItems + 1 });
    truncated = r.truncated;
    for (const o of r.items) add({ type: o.type, value: o.value });
  }
  return { found: [...found.values()], rejected, truncated };
}
