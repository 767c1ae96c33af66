import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { users } from '../../identity/tables.ts';
import { notify } from './notify.ts';

/** Three sample in-app notifications for each demo user, in the user's language, marked as demo. */
export async function seedDemoNotifications(db: Db, ctx: Ctx, usernames: readonly string[]): Promise<number> {
  if (usernames.length === 0) return 0;
  return runCommand(db, ctx, async (scope) => {
    const rows = await scope.tx
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(inArray(users.username, [...usernames]));
    for (const u of rows) {
      const to = { userIds: [u.id] };
      const common = { recipients: to, demo: true, inappOnly: true } as const;
      await notify(scope, {
        ...common,
        category: 'system',
        template: 'demo.welcome',
        data: { name: u.displayName },
        tlp: 'green',
      });
      await notify(scope, { ...common, category: 'advisory', template: 'demo.advisory', data: {}, tlp: 'green' });
      await notify(scope, { ...common, category: 'readiness', template: 'demo.readiness', data: {}, tlp: 'amber' });
    }
    return rows.length * 3;
  });
}
