import { emailPattern, normaliseEmailValue } from './email.ts';
import { decodeEntities } from './entities.ts';
import { normalisePhone, phonePattern } from './phone.ts';

export type ContactValue = { kind: 'email' | 'phone'; value: string };
export type MatchResult = { found: ContactValue[]; missing: ContactValue[]; published: boolean };

/** Registered values, de-duplicated and normalised; values that cannot be read are dropped. */
export function registeredValues(contacts: { email?: string | null; phone247?: string | null }[]): ContactValue[] {
  const seen = new Set<string>();
  const out: ContactValue[] = [];
  for (const c of contacts) {
    const email = c.email ? normaliseEmailValue(c.email) : null;
    if (email && !seen.has(`e:${email}`)) {
      seen.add(`e:${email}`);
      out.push({ kind: 'email', value: email });
    }
    const phone = c.phone247?.trim();
    if (phone && normalisePhone(phone) && !seen.has(`p:${normalisePhone(phone)}`)) {
      seen.add(`p:${normalisePhone(phone)}`);
      out.push({ kind: 'phone', value: phone });
    }
  }
  return out;
}

/**
 * Which registered values a page's text shows. The contact counts as published when at least one
 * registered e-mail and at least one registered 24/7 phone appear (each only if one is registered).
 */
export function matchContacts(text: string, values: ContactValue[]): MatchResult {
  const haystack = text.normalize('NFC');
  const found: ContactValue[] = [];
  const missing: ContactValue[] = [];
  for (const v of values) {
    const shown = v.kind === 'email' ? showsEmail(haystack, v.value) : showsPhone(haystack, v.value);
    (shown ? found : missing).push(v);
  }
  const needs = (kind: ContactValue['kind']) => values.some((v) => v.kind === kind);
  const has = (kind: ContactValue['kind']) => found.some((v) => v.kind === kind);
  const published = values.length > 0 && (!needs('email') || has('email')) && (!needs('phone') || has('phone'));
  return { found, missing, published };
}

export function showsEmail(text: string, email: string): boolean {
  const value = normaliseEmailValue(email);
  return value ? emailPattern(value).test(decodeEntities(text)) : false;
}

export function showsPhone(text: string, phone: string): boolean {
  const nsn = normalisePhone(phone);
  return nsn ? phonePattern(nsn).test(decodeEntities(text)) : false;
}
