import { normaliseDomain, parseAsn, parseCidr } from '../../../engines/normalise/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { NetworkInput } from './schemas.ts';

export type NormalisedNetwork =
  | { kind: 'range'; cidr: string; note: string | null }
  | { kind: 'domain'; domain: string; includeSubdomains: boolean; note: string | null }
  | { kind: 'asn'; asn: number; note: string | null };

/** Normalises an entry or fails with the normaliser's localised message (400). */
export function normaliseNetwork(input: NetworkInput): NormalisedNetwork {
  const note = input.note?.trim() || null;
  if (input.kind === 'range') {
    const r = parseCidr(input.cidr);
    if (!r.ok) throw new AppError(400, r.error, r.params);
    return { kind: 'range', cidr: r.value.cidr, note };
  }
  if (input.kind === 'domain') {
    const r = normaliseDomain(input.domain);
    if (!r.ok) throw new AppError(400, r.error, r.params);
    return { kind: 'domain', domain: r.value, includeSubdomains: input.includeSubdomains, note };
  }
  const r = parseAsn(String(input.asn));
  if (!r.ok) throw new AppError(400, r.error, r.params);
  return { kind: 'asn', asn: r.value, note };
}

export function displayValue(n: NormalisedNetwork): string {
  return n.kind === 'range' ? n.cidr : n.kind === 'domain' ? n.domain : `AS${n.asn}`;
}
