import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ParsedFile } from './run-import.ts';
import { registryImportPlans } from './tables.ts';

/** How long an uploaded plan waits for its commit. */
export const PLAN_TTL_MS = 60 * 60 * 1000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Keeps the parsed rows of a clean dry run for the uploader's commit; returns the token. Plans
 * past their time are dropped on the way. Not a registry change, so not audited (the commit is).
 */
export async function savePlan(db: Db, ctx: Ctx, userId: string, fileName: string, file: ParsedFile): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await db.delete(registryImportPlans).where(lt(registryImportPlans.createdAt, new Date(now.getTime() - PLAN_TTL_MS)));
  await db.insert(registryImportPlans).values({
    tokenHash: hashOf(token),
    userId,
    fileName: fileName.slice(0, 255),
    parsed: file,
    createdAt: now,
  });
  return token;
}

/** The uploader's unexpired plan, taken (deleted) so it commits at most once; 410 otherwise. */
export async function takePlan(
  db: Db,
  ctx: Ctx,
  userId: string,
  token: string,
): Promise<{ fileName: string; file: ParsedFile }> {
  const [row] = await db
    .delete(registryImportPlans)
    .where(and(eq(registryImportPlans.tokenHash, hashOf(token)), eq(registryImportPlans.userId, userId)))
    .returning();
  if (!row || row.createdAt.getTime() < ctx.clock.now().getTime() - PLAN_TTL_MS) {
    throw new AppError(410, 'import_plan_not_found');
  }
  return { fileName: row.fileName, file: row.parsed as ParsedFile };
}
