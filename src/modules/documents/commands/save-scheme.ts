import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { vietnamParts } from '../../../formats/document/text.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { issuerFacts } from '../issuer.ts';
import { getScheme } from '../queries.ts';
import { type DocumentKind, numberingSchemes } from '../tables.ts';

/**
 * Sets how an organisation numbers a kind of document. Only the pattern and the symbol change:
 * the count itself comes from the register, so a new pattern can neither reuse nor skip a number.
 */
export async function saveScheme(
  db: Db,
  ctx: Ctx,
  target: { organisationId: string; kind: DocumentKind },
  body: { pattern: string; orgSymbol?: string | null },
) {
  return runCommand(db, ctx, async ({ tx, audit }) => {
    await issuerFacts(tx, target.organisationId); // 404 for an unknown organisation
    const now = ctx.clock.now();
    const where = and(
      eq(numberingSchemes.organisationId, target.organisationId),
      eq(numberingSchemes.kind, target.kind),
    );
    const [before] = await tx.select().from(numberingSchemes).where(where).for('update');
    const orgSymbol = body.orgSymbol === undefined ? (before?.orgSymbol ?? null) : body.orgSymbol;
    if (before) {
      await tx.update(numberingSchemes).set({ pattern: body.pattern, orgSymbol, updatedAt: now }).where(where);
    } else {
      await tx.insert(numberingSchemes).values({
        organisationId: target.organisationId,
        kind: target.kind,
        pattern: body.pattern,
        orgSymbol,
        year: vietnamParts(now).y,
        createdAt: now,
        updatedAt: now,
      });
    }
    const saved = await getScheme(tx, target.organisationId, target.kind);
    if (!saved) throw new Error('scheme not saved');
    audit({
      action: 'numbering-scheme.save',
      subjectType: 'numbering-scheme',
      subjectId: saved.id,
      organisationId: target.organisationId,
      before: before ? { pattern: before.pattern, orgSymbol: before.orgSymbol } : null,
      after: { kind: target.kind, pattern: saved.pattern, orgSymbol: saved.orgSymbol },
    });
    return saved;
  });
}
