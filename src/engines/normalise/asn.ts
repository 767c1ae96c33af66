import { fail, ok, type Result } from './result.ts';

const MAX_ASN = 4294967295;

/** `AS7552`, `as 7552`, `7552` or asdot `AS1.10` (= 65546) → the 32-bit AS number. */
export function parseAsn(input: string): Result<number> {
  if (input.length > 64) return fail('asn_invalid', input);
  let s = input.trim().toUpperCase();
  if (s.startsWith('AS')) s = s.slice(2).trim();
  const dot = s.indexOf('.');
  const parts = dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
  if (parts.some((p) => !/^(0|[1-9][0-9]{0,9})$/.test(p))) return fail('asn_invalid', input);
  const [hi, lo] = parts.map(Number) as [number, number | undefined];
  if (lo !== undefined && (hi > 65535 || lo > 65535)) return fail('asn_invalid', input);
  const asn = lo === undefined ? hi : hi * 65536 + lo;
  return asn <= MAX_ASN ? ok(asn) : fail('asn_invalid', input);
}
