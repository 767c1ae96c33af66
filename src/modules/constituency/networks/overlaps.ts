import type pg from 'pg';
import type { Principal } from '../../../platform/actor.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { authorizeOverlapReport } from './policy.ts';
import type { Overlap } from './schemas.ts';

const ORG = (a: string) =>
  `json_build_object('id', ${a}.id, 'code', ${a}.code, 'name', ${a}.name, 'nameEn', ${a}.name_en, 'kind', ${a}.kind)`;

/**
 * Claims by two organisations that meet: the same block or domain (a tie: reported, nobody wins)
 * or one inside the other (the more specific claim owns its part). CIDR blocks never partly
 * overlap, so "meets" is containment. Keyset-paged on the pair of ids.
 */
const OVERLAPS = `
  WITH pairs AS (
    SELECT 'range' AS kind, CASE WHEN a.cidr = b.cidr THEN 'tie' ELSE 'overlap' END AS relation,
           a.id AS outer_id, a.cidr::text AS outer_value, a.organisation_id AS outer_org,
           b.id AS inner_id, b.cidr::text AS inner_value, b.organisation_id AS inner_org
      FROM network_ranges a JOIN network_ranges b
        ON a.organisation_id <> b.organisation_id
       AND ((a.cidr = b.cidr AND a.id < b.id) OR (a.cidr >> b.cidr))
    UNION ALL
    SELECT 'domain', CASE WHEN a.domain = b.domain THEN 'tie' ELSE 'overlap' END,
           a.id, a.domain, a.organisation_id, b.id, b.domain, b.organisation_id
      FROM organisation_domains a JOIN organisation_domains b
        ON a.organisation_id <> b.organisation_id
       AND ((a.domain = b.domain AND a.id < b.id)
         OR (a.include_subdomains AND right(b.domain, length(a.domain) + 1) = '.' || a.domain))
  )
  SELECT p.kind, p.relation, p.outer_id, p.outer_value, p.inner_id, p.inner_value,
         ${ORG('oo')} AS outer_org, ${ORG('io')} AS inner_org
    FROM pairs p
    JOIN organisations oo ON oo.id = p.outer_org
    JOIN organisations io ON io.id = p.inner_org
   WHERE ($2::uuid IS NULL OR (p.outer_id, p.inner_id) > ($2::uuid, $3::uuid))
   ORDER BY p.outer_id, p.inner_id
   LIMIT $1`;

type Row = {
  kind: 'range' | 'domain';
  relation: 'tie' | 'overlap';
  outer_id: string;
  outer_value: string;
  inner_id: string;
  inner_value: string;
  outer_org: Overlap['outer']['organisation'];
  inner_org: Overlap['inner']['organisation'];
};

export async function listOverlaps(pool: pg.Pool, p: Principal, q: { cursor?: string; limit: number }) {
  authorizeOverlapReport(p);
  const after = decodeCursor(q.cursor);
  const [a, b] = after && after.length === 2 ? after.map(String) : [null, null];
  const { rows } = await pool.query<Row>(OVERLAPS, [q.limit + 1, a, b]);
  const page = paginate(rows, q.limit, (r) => [r.outer_id, r.inner_id]);
  return {
    items: page.items.map(
      (r): Overlap => ({
        kind: r.kind,
        relation: r.relation,
        outer: { id: r.outer_id, value: r.outer_value, organisation: r.outer_org },
        inner: { id: r.inner_id, value: r.inner_value, organisation: r.inner_org },
      }),
    ),
    nextCursor: page.nextCursor,
  };
}
