import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import { AppError, notFound } from '../../../../platform/errors.ts';
import { organisations } from '../../tables.ts';
import { presentSystem } from '../presenter.ts';
import { informationSystems } from '../tables.ts';

/** The system row, locked for the rest of the transaction (component changes serialise on it). */
export async function lockSystem(tx: Tx, id: string) {
  const [row] = await tx.select().from(informationSystems).where(eq(informationSystems.id, id)).for('update');
  if (!row) throw notFound();
  return row;
}

export async function findSystemByCode(tx: Tx, code: string) {
  const [row] = await tx
    .select()
    .from(informationSystems)
    .where(eq(informationSystems.code, code.trim().toUpperCase()));
  return row;
}

export async function organisationRefs(tx: Tx, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = await tx
    .select({ id: organisations.id, code: organisations.code, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .where(inArray(organisations.id, unique));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of unique) if (!byId.has(id)) throw new AppError(400, 'system_org_unknown', { id });
  return byId;
}

export async function viewOf(tx: Tx, row: typeof informationSystems.$inferSelect) {
  const orgs = await organisationRefs(tx, [row.ownerOrgId, row.operatorOrgId]);
  const owner = orgs.get(row.ownerOrgId);
  const operator = orgs.get(row.operatorOrgId);
  if (!owner || !operator) throw notFound();
  return presentSystem(row, owner, operator);
}
