import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { SheetData } from '../../../formats/registry-sheet/write.ts';
import { hasRole, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { networkRanges, organisationAsns, organisationDomains } from '../networks/tables.ts';

/** Ranges, domains and ASNs: readers all, members their own organisation's, partners none. */
export async function exportNetworks(
  db: Db,
  p: Principal | undefined,
  codeOf: Map<string, string>,
): Promise<SheetData['rows']> {
  if (p && !readsConstituency(p) && !hasRole(p, 'member', 'member-lead')) return [];
  const own = p && !readsConstituency(p) ? [p.organisationId] : undefined;
  const ranges = await db
    .select()
    .from(networkRanges)
    .where(own ? inArray(networkRanges.organisationId, own) : undefined)
    .orderBy(asc(networkRanges.organisationId), asc(networkRanges.cidr));
  const domains = await db
    .select()
    .from(organisationDomains)
    .where(own ? inArray(organisationDomains.organisationId, own) : undefined)
    .orderBy(asc(organisationDomains.organisationId), asc(organisationDomains.domain));
  const asns = await db
    .select()
    .from(organisationAsns)
    .where(own ? inArray(organisationAsns.organisationId, own) : undefined)
    .orderBy(asc(organisationAsns.organisationId), asc(organisationAsns.asn));
  const org = (id: string) => codeOf.get(id) ?? null;
  return [
    ...ranges.map((r) => ({ organisation: org(r.organisationId), cidr: r.cidr, note: r.note })),
    ...domains.map((d) => ({
      organisation: org(d.organisationId),
      domain: d.domain,
      includeSubdomains: d.includeSubdomains ? 'có' : 'không',
      note: d.note,
    })),
    ...asns.map((a) => ({ organisation: org(a.organisationId), asn: `AS${a.asn}`, note: a.note })),
  ];
}
