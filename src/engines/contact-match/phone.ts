/**
 * Vietnamese telephone numbers. A number is kept as its national significant number (NSN): the
 * digits after the trunk prefix 0 or the country code 84 — 9 digits for mobiles (09x, 03x, 07x,
 * 08x, 05x), 10 for landlines with a 3-digit area code (0235 3900 101 → 2353900101).
 */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') || /^0084/.test(digits)) {
    digits = digits.startsWith('0084') ? digits.slice(4) : digits.replace(/^84/, '');
    // "+84 (0) 235 …": the trunk 0 written after the country code
    if (digits.length === 11 || (digits.length === 10 && digits.startsWith('0'))) digits = digits.replace(/^0/, '');
  } else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) {
    digits = digits.slice(2);
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1);
  } else {
    return null;
  }
  if (!/^[1-9]\d{8,9}$/.test(digits)) return null;
  return digits;
}

const SEP = '[\\s.\\-\\u00a0\\u2010-\\u2015()]{0,3}';
const PREFIX = `(?:(?:\\+|00)?\\s*\\(?\\s*84\\s*\\)?${SEP}(?:\\(\\s*0\\s*\\)${SEP})?|\\(?\\s*0)`;

/**
 * A pattern that finds one number however it is written: +84 235 3900 101, 0235.3900.101,
 * (0235) 3900 101, 84-235-3900101, 0084…, +84 (0) 235…; any spaces, dots, dashes or brackets
 * between digits, and no digit directly before or after.
 */
export function phonePattern(nsn: string): RegExp {
  const body = [...nsn].join(SEP);
  return new RegExp(`(?<![\\d+])${PREFIX}${SEP}${body}(?!\\d)`, 'u');
}

export function formatNsn(nsn: string): string {
  return nsn.length === 9
    ? `0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`
    : `0${nsn.slice(0, 3)} ${nsn.slice(3, 7)} ${nsn.slice(7)}`;
}
