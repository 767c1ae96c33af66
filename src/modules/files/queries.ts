import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { files } from './tables.ts';

export type FileRecord = typeof files.$inferSelect;

/** A file's record by id, or undefined. Callers check access to whatever owns the file first. */
export async function findFile(db: Queryable, id: string): Promise<FileRecord | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}
