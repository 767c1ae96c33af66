import type { DocumentKind } from './tables.ts';

/** Tokens a numbering pattern may use. `{n}` is required: without it two documents would share a number. */
const TOKENS = ['{n}', '{kind}', '{org}', '{year}'] as const;

export const PATTERN_HINT = '{n}/{kind}-{org}';

/**
 * A công văn's symbol carries no kind ("Số: 15/STTTT-CNTT"); the other kinds carry their
 * abbreviation ("Số: 07/BC-STTTT"), per Decree 30/2020, Appendix I.
 */
export function defaultPattern(kind: DocumentKind): string {
  return kind === 'CV' ? '{n}/{org}' : PATTERN_HINT;
}

/** Why a pattern is not usable, or undefined when it is. */
export function patternProblem(pattern: string): string | undefined {
  if (!pattern.includes('{n}')) return 'must contain {n}';
  if (pattern.split('{n}').length > 2) return '{n} may appear once';
  const rest = TOKENS.reduce((s, token) => s.replaceAll(token, ''), pattern);
  if (/[{}]/.test(rest)) return `unknown token; use ${TOKENS.join(' ')}`;
  if (!/^[\p{L}\p{N}/.\-_&]*$/u.test(rest)) return 'letters, digits and / . - _ & only';
  return undefined;
}

/** The printed number: numbers below 10 take a leading zero (01, 02, …), as Decree 30 writes them. */
export function formatNumber(
  pattern: string,
  values: { n: number; kind: DocumentKind; org: string; year: number },
): string {
  return pattern
    .replaceAll('{n}', String(values.n).padStart(2, '0'))
    .replaceAll('{kind}', values.kind)
    .replaceAll('{org}', values.org)
    .replaceAll('{year}', String(values.year));
}

/** What a draft shows after "Số:": the symbol with a blank where the number will go. */
export function draftSymbol(pattern: string, values: { kind: DocumentKind; org: string; year: number }): string {
  return formatNumber(pattern.replace('{n}', '\u00A0'.repeat(8)), { ...values, n: 0 });
}
