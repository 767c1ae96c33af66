import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';

export type Attribution = {
  organisationId: string | null;
  via: 'contact' | 'organisation-address' | 'user' | null;
  candidates: number;
};

/**
 * The organisation an e-mail sender speaks for: the one whose registered contact point, notification
 * address or platform user has this address. Several organisations with the same address (a shared
 * provider mailbox) → none: a wrong attribution would show the report to the wrong organisation.
 */
export async function attributeSender(db: Queryable, address: string | null): Promise<Attribution> {
  if (!address) return { organisationId: null, via: null, candidates: 0 };
  const r = await db.execute<{ organisation_id: string; via: Attribution['via'] }>(sql`
    SELECT DISTINCT ON (m.organisation_id) m.organisation_id, m.via FROM (
      SELECT c.organisation_id, 'contact' AS via, 1 AS rank FROM contact_points c
        WHERE lower(c.email) = ${address}
      UNION ALL
      SELECT a.organisation_id, 'organisation-address', 2 FROM organisation_notify_addresses a
        WHERE lower(a.email) = ${address}
      UNION ALL
      SELECT u.organisation_id, 'user', 3 FROM users u WHERE lower(u.email) = ${address} AND NOT u.disabled
    ) m JOIN organisations o ON o.id = m.organisation_id AND o.active
    ORDER BY m.organisation_id, m.rank`);
  const [only] = r.rows;
  if (r.rows.length !== 1 || !only) return { organisationId: null, via: null, candidates: r.rows.length };
  return { organisationId: only.organisation_id, via: only.via, candidates: 1 };
}
