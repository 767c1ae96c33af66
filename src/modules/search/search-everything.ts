import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { foldedSearch } from '../../db/text-search.ts';
import { orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { organisationSearchDocument } from '../constituency/queries.ts';
import { organisations } from '../constituency/tables.ts';
import { userSearchDocument } from '../identity/queries.ts';
import { users } from '../identity/tables.ts';

/** The global search box: best matches first, only what the principal may see. */
export async function searchEverything(db: Db, p: Principal, q: string) {
  const scope = orgScope(p);
  const orgSearch = foldedSearch(organisationSearchDocument, q);
  const userSearch = foldedSearch(userSearchDocument, q);
  const [orgs, people] = await Promise.all([
    db
      .select({
        id: organisations.id,
        code: organisations.code,
        name: organisations.name,
        nameEn: organisations.nameEn,
        kind: organisations.kind,
      })
      .from(organisations)
      .where(and(orgSearch.where, scope.all ? undefined : inArray(organisations.id, scope.organisationIds)))
      .orderBy(desc(orgSearch.rank), organisations.code)
      .limit(10),
    db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        organisationCode: organisations.code,
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(and(userSearch.where, scope.all ? undefined : inArray(users.organisationId, scope.organisationIds)))
      .orderBy(desc(userSearch.rank), users.username)
      .limit(10),
  ]);
  return { organisations: orgs, users: people };
}
