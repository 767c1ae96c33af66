const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

export function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** A letter, digit or combining mark in any script: what words and IDN labels are made of. */
export function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return isAsciiAlnum(c);
  return LETTER_OR_DIGIT.test(s.charAt(i));
}

const SPLIT_ASCII = new Set([34, 60, 62, 96, 124]); // " < > ` |
const SPLIT_WIDE = new Set([
  0x85, 0xa0, 0xab, 0xbb, 0x1680, 0x2018, 0x2019, 0x201c, 0x201d, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0x3001,
  0x3002, 0x3010, 0x3011, 0xfeff, 0xff08, 0xff09, 0xff0c, 0xff1a, 0xff1b,
]);

/** Whitespace, quotes and brackets no observable contains: the input is cut into words there. */
export function isSplit(c: number): boolean {
  if (c <= 32) return true;
  if (c < 0x80) return SPLIT_ASCII.has(c);
  return (c >= 0x2000 && c <= 0x200a) || SPLIT_WIDE.has(c);
}

export function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x3000 || c === 0x202f || (c >= 0x2000 && c <= 0x200a);
}

/** indexOf limited to [start, end): an unbounded search per candidate would make scanning quadratic. */
export function indexIn(s: string, char: string, start: number, end: number): number {
  const c = char.charCodeAt(0);
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === c) return i;
  return -1;
}
