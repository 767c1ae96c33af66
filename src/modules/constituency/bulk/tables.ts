import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timeNow } from '../../../db/columns.ts';
import { users } from '../../identity/tables.ts';

/**
 * An uploaded registry file waiting for its commit: the parsed rows (not the file), found by the
 * SHA-256 of a random token handed to the uploader only. The commit plans them again.
 */
export const registryImportPlans = pgTable(
  'registry_import_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    parsed: jsonb('parsed').notNull(),
    createdAt: timeNow(),
  },
  (t) => [index('registry_import_plans_created_idx').on(t.createdAt)],
);
