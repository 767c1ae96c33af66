import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '../../../db/schema.ts';
import type { Ctx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type CommandScope, runCommand } from '../../audit/command.ts';

/** A command on one dedicated connection, so raw set-based SQL runs inside the command's transaction. */
export async function clientCommand<T>(
  platform: Platform,
  ctx: Ctx,
  fn: (client: pg.PoolClient, scope: CommandScope) => Promise<T>,
): Promise<T> {
  const client = await platform.pool.connect();
  try {
    return await runCommand(drizzle(client, { schema }), ctx, (scope) => fn(client, scope));
  } finally {
    client.release();
  }
}
