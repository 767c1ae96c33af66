import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import type { NotificationCategory } from '../../../shared/vocabulary.ts';
import { runCommand } from '../../audit/command.ts';
import { getPreferences } from '../queries.ts';
import { notifyPreferences } from '../tables.ts';

export type PreferenceInput = {
  category: NotificationCategory;
  email: boolean;
  digest: boolean;
  organisation: boolean;
};

/** A user's own channel choices per category; categories not given keep theirs. */
export async function savePreferences(db: Db, ctx: Ctx, userId: string, items: readonly PreferenceInput[]) {
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const before = await getPreferences(tx, userId);
    const now = ctx.clock.now();
    if (items.length > 0) {
      await tx
        .insert(notifyPreferences)
        .values(items.map((i) => ({ userId, ...i, updatedAt: now })))
        .onConflictDoUpdate({
          target: [notifyPreferences.userId, notifyPreferences.category],
          set: {
            email: sql`excluded.email`,
            digest: sql`excluded.digest`,
            organisation: sql`excluded.organisation`,
            updatedAt: now,
          },
        });
    }
    const after = await getPreferences(tx, userId);
    audit({
      action: 'notify.preferences',
      subjectType: 'user',
      subjectId: userId,
      before: Object.fromEntries(before.items.map((i) => [i.category, i])),
      after: Object.fromEntries(after.items.map((i) => [i.category, i])),
    });
    return after;
  });
}
