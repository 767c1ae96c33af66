import type pg from 'pg';
import { normaliseUrl } from '../../../engines/normalise/index.ts';
import { type OwnershipEntry, OwnershipIndex } from '../../../engines/ownership/index.ts';

export type OrgRef = { id: string; code: string; name: string; nameEn: string | null; kind: string };
export type SystemRef = { id: string; code: string; name: string };

/** A component naming space another organisation registered, not yet confirmed: it does not count. */
export type PendingComponentClaim = {
  componentId: string;
  systemId: string;
  value: string;
  claimedBy: string;
  registeredBy: string[];
};

export type OwnershipData = {
  version: number;
  entries: OwnershipEntry[];
  organisations: Map<string, OrgRef>;
  systems: Map<string, SystemRef>;
  pending: PendingComponentClaim[];
};

type ComponentRow = {
  id: string;
  kind: string;
  ip: string | null;
  cidr: string | null;
  fqdn: string | null;
  url: string | null;
  domain: string | null;
  system_id: string;
  code: string;
  name: string;
  org: string;
  confirmed: boolean;
};

/** The current version: read before the data, so a change during the load triggers another one. */
export async function readOwnershipVersion(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ v: number }>(
    'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS v FROM canhgac_ownership_version',
  );
  return Number(rows[0]?.v ?? 0);
}

/**
 * Components of systems not retired count for the system's operator: host IPs as /32 or /128,
 * ranges as ranges, FQDNs and URL hosts as exact names, domains with their subdomains.
 */
function componentEntries(c: ComponentRow): OwnershipEntry[] {
  const base = { owner: c.org, via: 'component' as const, ref: c.system_id };
  const out: OwnershipEntry[] = [];
  if (c.ip) out.push({ ...base, type: 'range', cidr: c.ip, match: c.ip });
  if (c.cidr) out.push({ ...base, type: 'range', cidr: c.cidr, match: c.cidr });
  if (c.domain) out.push({ ...base, type: 'domain', domain: c.domain, includeSubdomains: true, match: c.domain });
  if (c.fqdn) out.push({ ...base, type: 'domain', domain: c.fqdn, includeSubdomains: false, match: c.fqdn });
  if (c.url && !c.ip && !c.fqdn) {
    const u = normaliseUrl(c.url);
    if (u.ok) {
      out.push(
        u.value.hostKind === 'domain'
          ? { ...base, type: 'domain', domain: u.value.host, includeSubdomains: false, match: c.url }
          : { ...base, type: 'range', cidr: u.value.host, match: c.url },
      );
    }
  }
  return out;
}

export async function loadOwnershipData(pool: pg.Pool): Promise<OwnershipData> {
  const version = await readOwnershipVersion(pool);
  const [ranges, domains, components, orgs] = await Promise.all([
    pool.query<{ o: string; cidr: string }>('SELECT organisation_id AS o, cidr::text AS cidr FROM network_ranges'),
    pool.query<{ o: string; domain: string; sub: boolean }>(
      'SELECT organisation_id AS o, domain, include_subdomains AS sub FROM organisation_domains',
    ),
    pool.query<ComponentRow>(
      `SELECT c.id, c.kind, host(c.ip) AS ip, c.cidr::text AS cidr, c.fqdn, c.url, c.domain,
              s.id AS system_id, s.code, s.name, coalesce(s.operator_org_id, s.owner_org_id) AS org,
              c.ownership_confirmed_at IS NOT NULL AS confirmed
         FROM system_components c JOIN information_systems s ON s.id = c.system_id
        WHERE s.status <> 'retired' AND c.kind <> 'software'`,
    ),
    pool.query<OrgRef & { name_en: string | null }>('SELECT id, code, name, name_en, kind FROM organisations'),
  ]);
  const entries: OwnershipEntry[] = [];
  for (const r of ranges.rows) entries.push({ type: 'range', cidr: r.cidr, owner: r.o, via: 'range' });
  for (const d of domains.rows) {
    entries.push({ type: 'domain', domain: d.domain, includeSubdomains: d.sub, owner: d.o, via: 'domain' });
  }
  // A component inside space another organisation registered (and its operator did not) would rank
  // as the more specific owner; until a coordinator confirms it, it does not count.
  const registered = new OwnershipIndex(entries);
  const pending: PendingComponentClaim[] = [];
  const systems = new Map<string, SystemRef>();
  for (const c of components.rows) {
    systems.set(c.system_id, { id: c.system_id, code: c.code, name: c.name });
    for (const entry of componentEntries(c)) {
      const others = c.confirmed ? [] : foreignRegistrants(registered, entry, c.org);
      if (others.length === 0) entries.push(entry);
      else
        pending.push({
          componentId: c.id,
          systemId: c.system_id,
          value: entry.match ?? (entry.type === 'range' ? entry.cidr : entry.domain),
          claimedBy: c.org,
          registeredBy: others,
        });
    }
  }
  const organisations = new Map(
    orgs.rows.map((o) => [o.id, { id: o.id, code: o.code, name: o.name, nameEn: o.name_en, kind: o.kind }]),
  );
  return { version, entries, organisations, systems, pending };
}

/** Other organisations whose registered range/domain covers the entry, unless the claimant registered one too. */
function foreignRegistrants(registered: OwnershipIndex, entry: OwnershipEntry, claimant: string): string[] {
  const found = registered.lookup(entry.type === 'range' ? entry.cidr : entry.domain);
  if (!found.ok) return [];
  const owners = new Set(found.hits.map((h) => h.owner));
  if (owners.has(claimant)) return [];
  return [...owners];
}
