import { lt } from 'drizzle-orm';
import type { Db } from '../../../../db/database.ts';
import type { Ctx } from '../../../../platform/actor.ts';
import { runCommand } from '../../../audit/command.ts';
import { publicChallengesSpent } from '../tables.ts';
import { deleteStaleCounters } from '../throttle.ts';

/** Housekeeping (hourly): spent challenges past their expiry (they can no longer verify) and old counters. */
export async function cleanPublicIntake(db: Db, ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const spent = await tx
      .delete(publicChallengesSpent)
      .where(lt(publicChallengesSpent.expiresAt, now))
      .returning({ salt: publicChallengesSpent.salt });
    await deleteStaleCounters(tx, now);
    audit({ action: 'intake.public.cleanup', subjectType: 'public-intake', detail: { challenges: spent.length } });
    return spent.length;
  });
}
