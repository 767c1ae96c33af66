import { aliasedTable, and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { foldedSearch } from '../../../db/text-search.ts';
import { readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { contactPoints, organisations } from '../tables.ts';
import { authorizeReadSystem, canManageSystem } from './policy.ts';
import { presentComponent, presentSystem, presentSystemContact } from './presenter.ts';
import type { SystemListFilter } from './schemas.ts';
import { informationSystems, systemComponents } from './tables.ts';

/** Same expression as information_systems_search_idx. */
const searchDocument = sql`${informationSystems.code} || ' ' || ${informationSystems.name} || ' ' || coalesce(${informationSystems.nameEn}, '')`;

const owner = aliasedTable(organisations, 'owner');
const operator = aliasedTable(organisations, 'operator');

/** Members see the systems their organisation owns or operates; readers see all. */
function scopeCondition(p: Principal): SQL | undefined {
  if (readsConstituency(p)) return undefined;
  return or(
    eq(informationSystems.ownerOrgId, p.organisationId),
    eq(informationSystems.operatorOrgId, p.organisationId),
  );
}

function selectWithOrgs(db: Db) {
  return db
    .select({ s: informationSystems, owner, operator })
    .from(informationSystems)
    .innerJoin(owner, eq(owner.id, informationSystems.ownerOrgId))
    .innerJoin(operator, eq(operator.id, informationSystems.operatorOrgId));
}

/** Ordered by code, keyset-paged on it. */
export async function listSystems(db: Db, p: Principal, f: SystemListFilter) {
  const after = decodeCursor(f.cursor);
  const rows = await selectWithOrgs(db)
    .where(
      and(
        scopeCondition(p),
        f.owner ? eq(informationSystems.ownerOrgId, f.owner) : undefined,
        f.operator ? eq(informationSystems.operatorOrgId, f.operator) : undefined,
        f.organisation
          ? or(eq(informationSystems.ownerOrgId, f.organisation), eq(informationSystems.operatorOrgId, f.organisation))
          : undefined,
        f.level ? eq(informationSystems.securityLevel, f.level) : undefined,
        f.category ? eq(informationSystems.category, f.category) : undefined,
        f.shared ? eq(informationSystems.sharedProvincial, f.shared === 'true') : undefined,
        f.status ? eq(informationSystems.status, f.status) : undefined,
        f.q?.trim() ? foldedSearch(searchDocument, f.q).where : undefined,
        typeof after?.[0] === 'string' ? gt(informationSystems.code, after[0]) : undefined,
      ),
    )
    .orderBy(asc(informationSystems.code))
    .limit(f.limit + 1);
  const page = paginate(rows, f.limit, (r) => [r.s.code]);
  return { items: page.items.map((r) => presentSystem(r.s, r.owner, r.operator)), nextCursor: page.nextCursor };
}

export async function loadReadableSystem(db: Db, p: Principal, id: string) {
  const [row] = await selectWithOrgs(db).where(eq(informationSystems.id, id));
  if (!row) throw notFound();
  authorizeReadSystem(p, row.s);
  return row;
}

export async function getSystem(db: Db, p: Principal, id: string) {
  const row = await loadReadableSystem(db, p, id);
  const contactId = row.s.ownerContactId;
  const [contact] = contactId ? await db.select().from(contactPoints).where(eq(contactPoints.id, contactId)) : [];
  const components = await db
    .select()
    .from(systemComponents)
    .where(eq(systemComponents.systemId, id))
    .orderBy(asc(systemComponents.kind), asc(systemComponents.createdAt), asc(systemComponents.id));
  return {
    ...presentSystem(row.s, row.owner, row.operator),
    ownerContact: contact ? presentSystemContact(contact) : null,
    components: components.map(presentComponent),
    canManage: canManageSystem(p, row.s),
  };
}
