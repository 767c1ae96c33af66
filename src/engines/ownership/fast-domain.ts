/**
 * The common case without allocation-heavy work: an ASCII name of letters, digits, hyphens and
 * underscores with at least one dot, valid labels, not ending in an all-digit label. Returns the
 * lowercase name (one trailing dot dropped) or null when the full normaliser must decide (IDN,
 * punycode, anything odd).
 */
export function fastDomain(s: string): string | null {
  let end = s.length;
  if (end > 0 && s.charCodeAt(end - 1) === 46) end--;
  if (end === 0 || end > 253) return null;
  let upper = false;
  let labelStart = 0;
  let dots = 0;
  let lastAllDigits = true;
  for (let i = 0; i <= end; i++) {
    const c = i === end ? 46 : s.charCodeAt(i);
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63) return null;
      if (s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return null;
      // xn-- labels need the IDN check of the full normaliser.
      if (len > 3 && s.charCodeAt(labelStart + 2) === 45 && s.charCodeAt(labelStart + 3) === 45) return null;
      if (i < end) {
        dots++;
        lastAllDigits = true;
      }
      labelStart = i + 1;
      continue;
    }
    if (c >= 97 && c <= 122) lastAllDigits = false;
    else if (c >= 48 && c <= 57) {
      // a digit keeps lastAllDigits as it is
    } else if (c >= 65 && c <= 90) {
      upper = true;
      lastAllDigits = false;
    } else if (c === 45 || c === 95) lastAllDigits = false;
    else return null;
  }
  if (dots === 0 || lastAllDigits) return null;
  const name = end === s.length ? s : s.slice(0, end);
  return upper ? name.toLowerCase() : name;
}
