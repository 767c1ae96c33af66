import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timeNow } from '../../db/columns.ts';

/**
 * A stored file: the metadata of one upload. The bytes live once per content in the blob store
 * (`blobs/sha256/ab/cd/<hash>`); several records may share them.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    uploadedBy: uuid('uploaded_by'),
    organisationId: uuid('organisation_id'),
    createdAt: timeNow(),
  },
  (t) => [index('files_sha256_idx').on(t.sha256), index('files_org_idx').on(t.organisationId)],
);
