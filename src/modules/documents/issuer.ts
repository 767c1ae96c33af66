import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { organisations } from '../constituency/tables.ts';
import type { IssuerFacts } from './templates/template.ts';

const parent = alias(organisations, 'parent');

/** The issuing organisation as the header prints it: its name, its parent body, its place. */
export async function issuerFacts(db: Queryable, organisationId: string): Promise<IssuerFacts> {
  const [row] = await db
    .select({
      code: organisations.code,
      name: organisations.name,
      locality: organisations.locality,
      parentName: parent.name,
      parentLocality: parent.locality,
    })
    .from(organisations)
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .where(eq(organisations.id, organisationId));
  if (!row) throw notFound();
  return {
    code: row.code,
    name: row.name,
    parentName: row.parentName,
    place: row.locality ?? row.parentLocality ?? null,
  };
}
