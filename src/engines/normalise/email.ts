import { normaliseDomain } from './domain.ts';
import { fail, MAX_INPUT, ok, type Result } from './result.ts';

const ATEXT = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** `local@domain`, lowercased (mailboxes here are not case-sensitive in practice), domain normalised. */
export function normaliseEmail(input: string): Result<string> {
  if (input.length > MAX_INPUT) return fail('value_too_long', input);
  const s = input.trim();
  if (s.length === 0) return fail('value_empty', input);
  const at = s.lastIndexOf('@');
  if (at < 1) return fail('email_invalid', input);
  const local = s.slice(0, at).toLowerCase();
  if (local.length > 64 || !ATEXT.test(local)) return fail('email_invalid', input);
  const domain = normaliseDomain(s.slice(at + 1));
  if (!domain.ok || domain.value.indexOf('.') < 0) return fail('email_invalid', input);
  return ok(`${local}@${domain.value}`);
}
