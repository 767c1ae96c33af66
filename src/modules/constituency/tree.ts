import { asc, count, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { kindSchema } from './schemas.ts';
import { organisations } from './tables.ts';

/** A tree is drawn in one piece; beyond this many nodes the client is told to use the list. */
export const ORG_TREE_CAP = 5000;

export const orgTreeNode = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: kindSchema,
  parentId: z.uuid().nullable(),
  active: z.boolean(),
  successorId: z.uuid().nullable(),
});

export const orgTree = z.object({
  items: z.array(orgTreeNode),
  /** how many organisations the caller may see (more than items.length when capped) */
  total: z.number().int(),
  capped: z.boolean(),
  cap: z.number().int(),
});

/** Every organisation the principal may see, in the few fields a tree needs, by code. */
export async function organisationTree(db: Db, p: Principal, cap = ORG_TREE_CAP) {
  const scope = orgScope(p);
  const where = scope.all ? undefined : inArray(organisations.id, scope.organisationIds);
  const rows = await db
    .select({
      id: organisations.id,
      code: organisations.code,
      name: organisations.name,
      nameEn: organisations.nameEn,
      kind: organisations.kind,
      parentId: organisations.parentId,
      active: organisations.active,
      successorId: organisations.successorId,
    })
    .from(organisations)
    .where(where)
    .orderBy(asc(organisations.code))
    .limit(cap + 1);
  const capped = rows.length > cap;
  const items = capped ? rows.slice(0, cap) : rows;
  const total = capped ? ((await db.select({ n: count() }).from(organisations).where(where))[0]?.n ?? 0) : items.length;
  return { items, total, capped, cap };
}
