import type pg from 'pg';
import type { Principal } from '../../../platform/actor.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { authorizeReadNetworks } from './policy.ts';
import { presentNetwork } from './presenter.ts';
import type { NetworkListQuery } from './schemas.ts';

type Raw = {
  id: string;
  organisation_id: string;
  value: string;
  include_subdomains: boolean | null;
  note: string | null;
  created_at: Date;
  conflict: 'tie' | 'overlap' | null;
};

/**
 * Per kind: the value as text, its sort key, and how another organisation's claim conflicts with
 * it. Ranges sort by address (inet order), domains by name, ASNs by number.
 */
const KINDS = {
  range: {
    table: 'network_ranges',
    value: 'r.cidr::text',
    sort: 'r.cidr',
    cast: '::cidr',
    extra: 'NULL::boolean',
    conflict: `(SELECT CASE WHEN bool_or(o.cidr = r.cidr) THEN 'tie' ELSE 'overlap' END
                 FROM network_ranges o WHERE o.cidr && r.cidr AND o.organisation_id <> r.organisation_id
                 HAVING count(*) > 0)`,
  },
  domain: {
    table: 'organisation_domains',
    value: 'r.domain',
    sort: 'r.domain',
    cast: '::text',
    extra: 'r.include_subdomains',
    conflict: `(SELECT CASE WHEN bool_or(o.domain = r.domain) THEN 'tie' ELSE 'overlap' END
                 FROM organisation_domains o
                WHERE o.organisation_id <> r.organisation_id
                  AND (o.domain = r.domain
                    OR (o.include_subdomains AND right(r.domain, length(o.domain) + 1) = '.' || o.domain)
                    OR (r.include_subdomains AND right(o.domain, length(r.domain) + 1) = '.' || r.domain))
               HAVING count(*) > 0)`,
  },
  asn: {
    table: 'organisation_asns',
    value: `'AS' || r.asn`,
    sort: 'r.asn',
    cast: '::bigint',
    extra: 'NULL::boolean',
    conflict: `(SELECT 'tie' FROM organisation_asns o WHERE o.asn = r.asn AND o.organisation_id <> r.organisation_id LIMIT 1)`,
  },
} as const;

/** One organisation's ranges, domains or ASNs, keyset-paged in their natural order, with conflicts flagged. */
export async function listNetworks(pool: pg.Pool, p: Principal, organisationId: string, q: NetworkListQuery) {
  authorizeReadNetworks(p, organisationId);
  const k = KINDS[q.kind];
  const after = decodeCursor(q.cursor);
  const params: unknown[] = [organisationId, q.limit + 1];
  let keyset = '';
  if (after && after.length === 2) {
    params.push(String(after[0]), String(after[1]));
    keyset = `AND (${k.sort}, r.id) > ($3${k.cast}, $4::uuid)`;
  }
  const sql = `SELECT r.id, r.organisation_id, ${k.value} AS value, ${k.extra} AS include_subdomains, r.note,
                      r.created_at, ${k.conflict} AS conflict, ${k.sort}::text AS sort_key
                 FROM ${k.table} r
                WHERE r.organisation_id = $1 ${keyset}
                ORDER BY ${k.sort}, r.id
                LIMIT $2`;
  const { rows } = await pool.query<Raw & { sort_key: string }>(sql, params);
  const page = paginate(rows, q.limit, (r) => [r.sort_key, r.id]);
  return {
    items: page.items.map((r) =>
      presentNetwork(
        q.kind,
        {
          id: r.id,
          organisationId: r.organisation_id,
          note: r.note,
          createdAt: r.created_at,
          cidr: r.value,
          domain: r.value,
          includeSubdomains: r.include_subdomains ?? undefined,
          asn: q.kind === 'asn' ? Number(r.value.slice(2)) : undefined,
        },
        r.conflict,
      ),
    ),
    nextCursor: page.nextCursor,
  };
}
