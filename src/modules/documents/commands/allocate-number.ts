import { and, eq, max } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { vietnamParts } from '../../../formats/document/text.ts';
import { defaultPattern, formatNumber } from '../numbering.ts';
import { type DocumentKind, documents, numberingSchemes } from '../tables.ts';

export type AllocatedNumber = { year: number; seq: number; number: string };

/**
 * The next number of an organisation's kind of document, inside the issuing transaction. The
 * scheme row is locked (created with the default pattern on first use), so concurrent issues
 * queue here; the number is the year's highest issued + 1, so a rolled-back issue leaves no gap
 * and the count starts again at 01 on 1 January (Vietnam time).
 */
export async function allocateNumber(
  tx: Tx,
  input: { organisationId: string; organisationCode: string; kind: DocumentKind; now: Date },
): Promise<AllocatedNumber> {
  const year = vietnamParts(input.now).y;
  const where = and(eq(numberingSchemes.organisationId, input.organisationId), eq(numberingSchemes.kind, input.kind));
  await tx
    .insert(numberingSchemes)
    .values({
      organisationId: input.organisationId,
      kind: input.kind,
      pattern: defaultPattern(input.kind),
      year,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing({ target: [numberingSchemes.organisationId, numberingSchemes.kind] });
  const [scheme] = await tx.select().from(numberingSchemes).where(where).for('update');
  if (!scheme) throw new Error('numbering scheme vanished');
  const [last] = await tx
    .select({ seq: max(documents.seq) })
    .from(documents)
    .where(
      and(eq(documents.organisationId, input.organisationId), eq(documents.kind, input.kind), eq(documents.year, year)),
    );
  const seq = (last?.seq ?? 0) + 1;
  if (year >= scheme.year) {
    await tx.update(numberingSchemes).set({ year, lastNumber: seq, updatedAt: input.now }).where(where);
  }
  const number = formatNumber(scheme.pattern, {
    n: seq,
    kind: input.kind,
    org: scheme.orgSymbol ?? input.organisationCode,
    year,
  });
  return { year, seq, number };
}
