import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { organisations } from './tables.ts';

/** Locks the organisations' rows in a fixed order (by id), so two merges cannot deadlock or race. */
export async function lockOrganisations(tx: Tx, ids: string[]): Promise<void> {
  await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, [...new Set(ids)].sort()))
    .orderBy(organisations.id)
    .for('update');
}

/** Refuses a successor link that would make a loop (A → B → … → A). */
export async function assertNoSuccessorCycle(tx: Tx, id: string, successorId: string): Promise<void> {
  let hop: string | null = successorId;
  for (let i = 0; hop && i < 1000; i++) {
    if (hop === id)
      throw new AppError(400, 'validation_failed', { detail: 'the link would create a cycle of successors' });
    const [next] = await tx
      .select({ successorId: organisations.successorId })
      .from(organisations)
      .where(eq(organisations.id, hop));
    hop = next?.successorId ?? null;
  }
}
