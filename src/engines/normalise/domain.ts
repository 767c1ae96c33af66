import { domainToASCII } from 'node:url';
import { fail, MAX_INPUT, ok, type Result } from './result.ts';

/** a-z 0-9 - _ and dots: the characters a normalised domain is made of. */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!alnum && s.charCodeAt(i) !== 45 && s.charCodeAt(i) !== 46 && s.charCodeAt(i) !== 95) return false;
  }
  return true;
}

function toAscii(s: string): string {
  try {
    return domainToASCII(s);
  } catch {
    return '';
  }
}

function validLabel(label: string): boolean {
  if (label.length === 0 || label.length > 63) return false;
  if (label.charCodeAt(0) === 45 || label.charCodeAt(label.length - 1) === 45) return false;
  return true;
}

function allDigits(label: string): boolean {
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Lowercase, IDN → punycode (UTS #46 via node:url), one trailing dot removed, labels of 1–63
 * characters (letters, digits, hyphen not at either end, underscore), at most 253 in all. A name whose
 * last label is all digits is refused: it is an IP address written wrongly, not a domain.
 */
export function normaliseDomain(input: string): Result<string> {
  if (input.length > MAX_INPUT) return fail('value_too_long', input);
  let s = input.trim();
  if (s.length === 0) return fail('value_empty', input);
  if (s.endsWith('.')) s = s.slice(0, -1);
  let ascii = isPlainAscii(s) ? s.toLowerCase() : toAscii(s);
  if (ascii.endsWith('.')) ascii = ascii.slice(0, -1);
  if (ascii.length === 0 || ascii.length > 253 || !isPlainAscii(ascii)) return fail('domain_invalid', input);
  const labels = ascii.split('.');
  for (const label of labels) if (!validLabel(label)) return fail('domain_invalid', input);
  if (allDigits(labels[labels.length - 1] ?? '')) return fail('domain_invalid', input);
  // Punycode must decode and re-encode to itself, so normalising twice changes nothing.
  if (ascii.includes('xn--') && toAscii(ascii) !== ascii) return fail('domain_invalid', input);
  return ok(ascii);
}
