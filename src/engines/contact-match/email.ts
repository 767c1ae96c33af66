/**
 * E-mail addresses as portals show them: plain, in mailto: links, or obfuscated against
 * harvesters — "a [at] b [dot] vn", "a(at)b.vn", "a @ b . vn", "a{at}b", "a＠b", HTML entities.
 */
const AT = String.raw`\s*(?:@|＠|\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>|\s(?:at|AT)\s)\s*`;
const DOT = String.raw`\s*(?:\.|\[\s*(?:dot|chấm)\s*\]|\(\s*(?:dot|chấm)\s*\)|\{\s*dot\s*\}|\s(?:dot|DOT)\s)\s*`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function normaliseEmailValue(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at < 1 || at === value.length - 1) return null;
  const domain = value.slice(at + 1);
  if (!/^[^\s@]+$/.test(value.slice(0, at)) || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) return null;
  return value;
}

export function emailPattern(email: string): RegExp {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).split('.').map(escapeRegExp).join(DOT);
  const domain = email
    .slice(at + 1)
    .split('.')
    .map(escapeRegExp)
    .join(DOT);
  // Not part of a longer address: no address character before, no further label after.
  return new RegExp(`(?<![\\w.%+\\-])${local}${AT}${domain}(?![\\w\\-]|\\.[\\w])`, 'iu');
}
